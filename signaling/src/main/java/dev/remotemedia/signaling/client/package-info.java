/**
 * The Java signaling client, {@link dev.remotemedia.signaling.client.SignalingClient}, with
 * automatic reconnection ({@link dev.remotemedia.signaling.client.ReconnectBackoff}).
 */
package dev.remotemedia.signaling.client;
