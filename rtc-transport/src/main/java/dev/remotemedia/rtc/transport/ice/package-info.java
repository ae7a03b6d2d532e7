/**
 * ICE for RemoteMedia's peer connections (<a href="https://www.rfc-editor.org/rfc/rfc8445">RFC
 * 8445</a>, trickle ICE <a href="https://www.rfc-editor.org/rfc/rfc8838">RFC 8838</a>, consent
 * freshness <a href="https://www.rfc-editor.org/rfc/rfc7675">RFC 7675</a>) on ice4j, with every
 * peer on one UDP port.
 *
 * <ul>
 *   <li>{@link dev.remotemedia.rtc.transport.ice.IceConfig}: addresses, port, STUN servers,
 *       timeouts, for the whole process.
 *   <li>{@link dev.remotemedia.rtc.transport.ice.IceUdpMux}: the shared sockets; open one per
 *       configuration, close it last.
 *   <li>{@link dev.remotemedia.rtc.transport.ice.IceTransport}: one per peer connection.
 * </ul>
 *
 * <p><b>Threads</b> (DESIGN.md §4). Shared: a reader per mux socket (runs the
 * {@link dev.remotemedia.rtc.transport.ice.DatagramHandler}s), a timer per mux, and ice4j's pools.
 * Per open transport: one ice4j {@code Connector} thread per mux socket. Events go to each
 * transport's event executor; no user code runs under ice4j's locks.
 */
package dev.remotemedia.rtc.transport.ice;
