/**
 * The sending half of the SCTP association, modelled on dcSCTP's {@code net/dcsctp/tx}: {@link
 * dev.remotemedia.rtc.sctp.tx.SendQueue} (messages per stream, round robin, fragmentation, SSNs,
 * buffered amounts, stream reset), {@link dev.remotemedia.rtc.sctp.tx.RetransmissionQueue} (TSNs,
 * SACK processing, retransmission, partial reliability, congestion control) and {@link
 * dev.remotemedia.rtc.sctp.tx.RetransmissionTimeout} (RTO), configured by {@link
 * dev.remotemedia.rtc.sctp.tx.SctpOptions}.
 *
 * <p>The types are free of the wire format; SACK and FORWARD TSN content is shared with the
 * receiving half as {@link dev.remotemedia.rtc.sctp.rx.SelectiveAck} and {@link
 * dev.remotemedia.rtc.sctp.rx.ForwardTsn}. TSNs are {@code long}s in {@code 0..4294967295}, SSNs
 * and stream ids {@code int}s in {@code 0..65535}. Pure computation: no I/O, no threads, no clock.
 *
 * <p>Everything is non-null unless marked {@link dev.remotemedia.rtc.common.Nullable}.
 */
package dev.remotemedia.rtc.sctp.tx;
