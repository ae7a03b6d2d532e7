/**
 * RTP packets (<a href="https://www.rfc-editor.org/rfc/rfc3550">RFC 3550</a>) and their header
 * extensions (<a href="https://www.rfc-editor.org/rfc/rfc8285">RFC 8285</a>): {@link
 * dev.remotemedia.rtc.rtp.RtpPacket}, the extension block, one record per extension kind WebRTC
 * uses with its URI, the {@link dev.remotemedia.rtc.rtp.HeaderExtensionMap} that {@code a=extmap}
 * negotiates, the {@link dev.remotemedia.rtc.rtp.RtpHeader} peeks a demultiplexer needs, and the
 * Opus payload format (RFC 7587).
 *
 * <p>Every structure is immutable, with a {@code parse} that returns a {@link
 * dev.remotemedia.rtc.rtp.ParseResult} and never throws on malformed input, a {@code
 * serializedSize()} and a {@code serializeTo(byte[], int)} that returns the bytes written. Parsed
 * structures share the input array. Pure computation: no I/O, no threads, no clock. Sequence
 * numbers and timestamps wrap; compare them with {@code SeqNum16}/{@code SeqNum32} of rtc-common.
 *
 * <p>Everything is non-null unless marked {@link dev.remotemedia.rtc.common.Nullable}.
 */
package dev.remotemedia.rtc.rtp;
