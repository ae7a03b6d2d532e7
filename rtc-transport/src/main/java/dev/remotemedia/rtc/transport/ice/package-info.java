/**
 * ICE for RemoteMedia's peer connections (<a href="https://www.rfc-editor.org/rfc/rfc8445">RFC
 * 8445</a>, trickle ICE <a href="https://www.rfc-editor.org/rfc/rfc8838">RFC 8838</a>, consent
 * freshness <a href="https://www.rfc-editor.org/rfc/rfc7675">RFC 7675</a>) on ice4j, with every
 * peer on one UDP port, and relayed candidates through TURN servers over UDP (<a
 * href="https://www.rfc-editor.org/rfc/rfc8656">RFC 8656</a>) from our own sans-I/O
 * {@code TurnClient}, each transport allocating from a private socket.
 *
 * <ul>
 *   <li>{@link dev.remotemedia.rtc.transport.ice.IceConfig}: addresses, port, STUN and TURN
 *       servers, timeouts, for the whole process.
 *   <li>{@link dev.remotemedia.rtc.transport.ice.IceUdpMux}: the shared sockets; open one per
 *       configuration, close it last.
 *   <li>{@link dev.remotemedia.rtc.transport.ice.IceTransport}: one per peer connection.
 * </ul>
 *
 * <p><b>Threads</b> (DESIGN.md §4). Shared: a reader per mux socket (runs the
 * {@link dev.remotemedia.rtc.transport.ice.DatagramHandler}s), a timer per mux, a reader of the
 * TURN sockets per mux once one is used, and ice4j's pools. Per open transport: one ice4j
 * {@code Connector} thread per mux socket and per relayed candidate. Events go to each
 * transport's event executor; no user code runs under ice4j's locks.
 */
package dev.remotemedia.rtc.transport.ice;
