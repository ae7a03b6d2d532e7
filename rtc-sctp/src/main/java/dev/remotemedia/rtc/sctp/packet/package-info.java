/**
 * The SCTP wire format for WebRTC data channels: {@link dev.remotemedia.rtc.sctp.packet.SctpPacket}
 * (common header, CRC32c), one class per chunk type WebRTC uses (RFC 9260, RFC 3758 FORWARD TSN,
 * RFC 6525 RE-CONFIG), their parameters and error causes, and the data channel PPIDs of RFC 8831.
 *
 * <p>Every structure is an immutable record with a {@code parse(byte[], int, int)} that returns a
 * {@link dev.remotemedia.rtc.sctp.packet.ParseResult} and never throws on malformed input, a {@code
 * serializedSize()} and a {@code serializeTo(byte[], int)}. Parsed structures share the input array
 * for their byte fields. Unknown chunk types, parameters and error causes are kept whole, so the
 * association can apply RFC 9260's rules for them. Pure computation: no I/O, no threads, no clock.
 *
 * <p>Everything is non-null unless marked {@link dev.remotemedia.rtc.common.Nullable}.
 */
package dev.remotemedia.rtc.sctp.packet;
