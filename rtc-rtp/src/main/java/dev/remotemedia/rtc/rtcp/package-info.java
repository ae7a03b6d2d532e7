/**
 * RTCP packets (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6">RFC 3550 §6</a>) and the
 * feedback messages WebRTC uses (RFC 4585, RFC 5104, REMB, transport-wide congestion control),
 * one record per packet type behind the sealed {@link dev.remotemedia.rtc.rtcp.RtcpPacket}, and
 * {@link dev.remotemedia.rtc.rtcp.RtcpCompound} to parse and write a datagram of them. Types not
 * modelled (APP, XR, other feedback) are kept as {@link dev.remotemedia.rtc.rtcp.UnknownRtcp}.
 *
 * <p>Parsers return a {@link dev.remotemedia.rtc.rtp.ParseResult} and never throw on malformed
 * input; a compound packet with any malformed part is an error as a whole, to be dropped and
 * counted. Pure computation: no I/O, no threads, no clock.
 *
 * <p>Everything is non-null unless marked {@link dev.remotemedia.rtc.common.Nullable}.
 */
package dev.remotemedia.rtc.rtcp;
