package dev.remotemedia.rtc.rtp.video;

/**
 * What one RTP payload of a video stream says about the frame it belongs to, read without
 * reassembling the frame: enough for {@link FrameAssembler} to find where frames begin and which of
 * them a decoder can start from.
 *
 * @param frameStart the payload begins a frame (its first packet), by the payload format's own
 *     marks: VP8's S bit with partition 0, VP9's B bit on the base spatial layer, an H264 NAL unit
 *     that opens an access unit, an AV1 OBU that opens a temporal unit
 * @param keyframe the payload carries the start of an independently decodable picture (an H264
 *     IDR slice or SPS, a VP8/VP9 key frame, an AV1 sequence header or the N bit)
 */
public record PayloadInfo(boolean frameStart, boolean keyframe) {}
