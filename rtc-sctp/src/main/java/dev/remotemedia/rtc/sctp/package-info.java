/**
 * A sans-I/O SCTP association for WebRTC data channels (RFC 9260, RFC 3758 partial reliability,
 * RFC 6525 stream reset, RFC 8831), modelled on Google's dcSCTP: {@link
 * dev.remotemedia.rtc.sctp.SctpSocket} and its implementation {@link
 * dev.remotemedia.rtc.sctp.SctpAssociation}. The caller feeds packets and time in and polls {@link
 * dev.remotemedia.rtc.sctp.SctpEvent}s (packets to send, connection state, messages) out; nothing
 * here does I/O, starts a thread or reads a clock.
 *
 * <p>Inside, one class per concern behind one dispatch: setup ({@code ConnectHandler}, with a
 * signed {@code StateCookie}), shutdown, heartbeats, stream reset, and the data path of the
 * transmission control block, over the {@code rx}, {@code tx} and {@code timer} packages and the
 * wire codecs of {@code packet}.
 *
 * <p>Everything is non-null unless marked {@link dev.remotemedia.rtc.common.Nullable}.
 */
package dev.remotemedia.rtc.sctp;
