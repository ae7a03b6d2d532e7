/**
 * The signaling server: {@link dev.remotemedia.signaling.server.SignalingServer} (an Armeria
 * WebSocket service for {@code /ws}) and the hook for the server's own peer,
 * {@link dev.remotemedia.signaling.server.ServerPeerHandler}.
 */
package dev.remotemedia.signaling.server;
