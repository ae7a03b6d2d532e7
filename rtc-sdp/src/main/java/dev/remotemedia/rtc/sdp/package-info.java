/**
 * WebRTC session descriptions: an immutable model ({@link dev.remotemedia.rtc.sdp.SessionDescription},
 * {@link dev.remotemedia.rtc.sdp.MediaDescription}, {@link dev.remotemedia.rtc.sdp.IceCandidate}, ...),
 * a parser that never throws on bad input ({@link dev.remotemedia.rtc.sdp.SdpParser}) and a writer
 * ({@link dev.remotemedia.rtc.sdp.SdpWriter}), covering RFC 8866 SDP as JSEP (RFC 8829) uses it:
 * ICE (RFC 8839), DTLS fingerprints and setup (RFC 8122, RFC 4145), SCTP data channels (RFC 8841),
 * BUNDLE (RFC 9143), mid (RFC 8843), RTP payload formats, feedback, header extensions, SSRCs and
 * msid (RFC 4566, 4585, 8285, 5576, 8830). Pure computation: no I/O, no threads, no clock.
 *
 * <p>Everything is non-null unless marked {@link dev.remotemedia.rtc.common.Nullable}.
 */
package dev.remotemedia.rtc.sdp;
