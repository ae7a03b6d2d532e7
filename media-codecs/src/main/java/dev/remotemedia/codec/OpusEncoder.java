package dev.remotemedia.codec;

/**
 * Encodes 48 kHz 16-bit PCM into Opus packets (RFC 6716), one frame per call. Get one from {@link
 * OpusCodecs#encoder(OpusConfig)}.
 *
 * <p>Not thread-safe: use an encoder serially from one thread at a time, normally the codec executor
 * of its track (DESIGN.md §4), never from a network loop. {@link #close()} frees its native state (if
 * any) at once; it is idempotent, and every other method but {@link #config()} and {@link
 * #implementation()} throws {@link IllegalStateException} after it.
 */
public interface OpusEncoder extends AutoCloseable {

    /**
     * An output buffer this large always holds a packet: 3 × 1275 bytes of frame data plus the longest
     * packet header (RFC 6716 §3.2.5), the most a packet of up to 60 ms can take.
     */
    int MAX_PACKET_BYTES = 3 * 1275 + 7;

    /** The settings in force, including the changes made with the setters. */
    OpusConfig config();

    /** Which library encodes. */
    OpusImplementation implementation();

    /**
     * Encodes one frame: {@code config().frameSamples() × config().channels()} interleaved samples from
     * {@code pcm[pcmOffset]}.
     *
     * @return the length of the packet written at {@code out[outOffset]}; 1–2 bytes is a DTX frame
     *         (silence with DTX on), which a sender may skip (RFC 6716 §2.1.9)
     * @throws IndexOutOfBoundsException if {@code pcm} has fewer samples than a frame from {@code
     *         pcmOffset}, or {@code out} fewer than {@code maxLength} bytes from {@code outOffset}
     * @throws IllegalArgumentException if the packet is longer than {@code maxLength}; {@link
     *         #MAX_PACKET_BYTES} always suffices
     * @throws IllegalStateException if closed
     */
    int encode(short[] pcm, int pcmOffset, byte[] out, int outOffset, int maxLength);

    /** Sets the target bitrate from the next frame on; {@link OpusConfig#MIN_BITRATE}..{@link OpusConfig#MAX_BITRATE}. */
    void setBitrate(int bitrate);

    /** Sets the complexity (0..10) from the next frame on. */
    void setComplexity(int complexity);

    /** Turns in-band FEC on or off from the next frame on. */
    void setInbandFec(boolean inbandFec);

    /** Sets the expected packet loss (0..100 %) from the next frame on; FEC is sized by it. */
    void setPacketLossPercent(int percent);

    /** Turns DTX on or off from the next frame on. */
    void setDtx(boolean dtx);

    /** Frees the encoder. Idempotent. */
    @Override
    void close();
}
