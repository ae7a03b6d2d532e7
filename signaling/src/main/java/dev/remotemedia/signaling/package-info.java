/**
 * JSON-RPC 2.0 signaling (DESIGN.md §5.1): the method names and the params every side shares
 * ({@link dev.remotemedia.signaling.Offer}, {@link dev.remotemedia.signaling.Answer},
 * {@link dev.remotemedia.signaling.IceCandidate}, {@link dev.remotemedia.signaling.StateChange},
 * {@link dev.remotemedia.signaling.PeerInfo}). The wire layer is in {@code jsonrpc}, the WebSocket
 * server in {@code server}, the Java client in {@code client}.
 *
 * <p>One extension of §5.1: {@code peer.offer} takes an optional {@code pipeline} param, the name
 * of the pipeline manifest the ServerPeer is to run when {@code to} is {@code remotemedia-server}
 * (without it, the server's default pipeline). A name the server does not serve is refused with
 * {@code -32602} and a message listing the names it serves. Offers relayed to other peers carry
 * the param along unchanged.
 *
 * <p>Where §5.1 leaves a choice, this implementation decides:
 * <ul>
 *   <li>A {@code from} that is not the connection's announced peer is refused with {@code -32007}
 *       UNAUTHORIZED: a peer may speak only for itself (§8).</li>
 *   <li>An offer to {@code remotemedia-server} with no server peer installed, and a forwarded
 *       offer whose receiver leaves before answering, fail with {@code -32001} CONNECTION_FAILED.</li>
 *   <li>A {@code peer.answer} that matches no waiting offer (the offer came as a notification, or
 *       timed out) is relayed to {@code to} as a {@code peer.answer} notification.</li>
 *   <li>A message over the size limit or the rate limit gets {@code -32600} with
 *       {@code data.reason} {@code message_too_large} or {@code rate_limited}, and the socket is
 *       closed (1009 or 1008): the only errors that close a socket.</li>
 *   <li>Relays answer requests with {@code {status:"relayed"}}, deliveries to the server's peer
 *       with {@code {status:"delivered"}}; failed notifications get no reply, as JSON-RPC 2.0
 *       requires, so clients that want to hear about errors send requests.</li>
 * </ul>
 */
package dev.remotemedia.signaling;
