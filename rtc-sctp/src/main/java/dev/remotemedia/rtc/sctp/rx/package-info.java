/**
 * The receiving half of the SCTP association: {@link dev.remotemedia.rtc.sctp.rx.DataTracker}
 * (which TSNs arrived, when and what to SACK, RFC 9260 §6.2) and {@link
 * dev.remotemedia.rtc.sctp.rx.ReassemblyQueue} (fragments to ordered or unordered messages,
 * FORWARD TSN of RFC 3758, stream reset of RFC 6525). Modelled on dcSCTP's {@code net/dcsctp/rx}.
 *
 * <p>The types are free of the wire format: the association adapts DATA, SACK and FORWARD TSN
 * chunks to {@link dev.remotemedia.rtc.sctp.rx.DataFragment}, {@link
 * dev.remotemedia.rtc.sctp.rx.SelectiveAck} and {@link dev.remotemedia.rtc.sctp.rx.ForwardTsn}
 * (the last two are shared with the sending half). TSNs are {@code long}s in {@code
 * 0..4294967295}, SSNs and stream ids {@code int}s in {@code 0..65535}; internally they are
 * unwrapped to monotonic {@code long}s. Pure computation: no I/O, no threads, no clock.
 *
 * <p>Everything is non-null unless marked {@link dev.remotemedia.rtc.common.Nullable}.
 */
package dev.remotemedia.rtc.sctp.rx;
