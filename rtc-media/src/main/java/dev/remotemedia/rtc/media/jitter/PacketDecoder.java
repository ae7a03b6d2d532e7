package dev.remotemedia.rtc.media.jitter;

/**
 * The codec under a jitter buffer: Opus in the stack (an adapter over {@code media-codecs}), a
 * synthetic one in tests. Called from the thread that drives the buffer.
 */
public interface PacketDecoder {
    /** 1 or 2; samples are interleaved when 2. */
    int channels();

    /** Samples per channel {@code payload} decodes to, or -1 when it cannot be parsed. */
    int samplesOf(byte[] payload);

    /** Decodes {@code payload} into {@code out[offset ..]}; returns samples per channel, or -1 if it is corrupt. */
    int decode(byte[] payload, short[] out, int offset);

    /**
     * Decodes the frame <em>before</em> {@code payload} from its in-band FEC (RFC 6716 §2.1.7),
     * {@code samples} per channel into {@code out[offset ..]}; returns the count, or -1 when the
     * packet carries no FEC (the caller then conceals instead).
     */
    int decodeFec(byte[] payload, short[] out, int offset, int samples);

    /** Makes {@code samples} per channel of concealment (packet-loss concealment) into {@code out[offset ..]}. */
    void conceal(short[] out, int offset, int samples);
}
