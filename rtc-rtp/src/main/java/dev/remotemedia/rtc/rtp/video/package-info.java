/**
 * Video RTP payload formats and the frame assembler: H.264 (<a
 * href="https://www.rfc-editor.org/rfc/rfc6184">RFC 6184</a>, packetization mode 1), VP8 (<a
 * href="https://www.rfc-editor.org/rfc/rfc7741">RFC 7741</a>), VP9 (<a
 * href="https://www.rfc-editor.org/rfc/rfc9628">RFC 9628</a>) and AV1 (<a
 * href="https://aomediacodec.github.io/av1-rtp-spec/">the AV1 RTP payload specification</a>).
 *
 * <p>Each format has a {@link dev.remotemedia.rtc.rtp.video.VideoPacketizer} that splits an
 * encoded frame into payloads of a given maximum size, and a {@link
 * dev.remotemedia.rtc.rtp.video.VideoDepacketizer} that reads single payloads and joins a frame's
 * payloads back into the codec's bitstream. The {@link dev.remotemedia.rtc.rtp.video.FrameAssembler}
 * takes received packets in any order and releases only whole frames a decoder can use.
 *
 * <p>Payloads are hostile input: parsers return a {@link dev.remotemedia.rtc.rtp.ParseResult}
 * error on malformed data, never throw on it, and bound what they allocate. Pure computation: no
 * I/O, no threads, no clock; time comes in as arguments.
 */
package dev.remotemedia.rtc.rtp.video;
