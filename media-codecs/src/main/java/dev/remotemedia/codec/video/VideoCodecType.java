package dev.remotemedia.codec.video;

/** The video codecs of WebRTC that this module encodes and decodes. */
public enum VideoCodecType {
    /** VP8 (RFC 6386): libvpx encodes, libavcodec's native decoder decodes; raw frames. */
    VP8,
    /** VP9: libvpx encodes (profile 0), libavcodec's native decoder decodes; raw frames (superframes). */
    VP9,
    /**
     * H.264 constrained baseline: OpenH264 encodes, libavcodec's native decoder decodes; Annex B byte
     * streams (start codes), SPS and PPS in band before every keyframe, as RFC 6184 packetization
     * mode 1 takes them.
     */
    H264,
    /**
     * AV1: SVT-AV1 encodes in its low-delay real-time mode, libaom decodes; a temporal unit per frame
     * in the low-overhead bitstream format (OBUs with size fields, starting with a temporal delimiter,
     * a sequence header before every keyframe).
     */
    AV1
}
