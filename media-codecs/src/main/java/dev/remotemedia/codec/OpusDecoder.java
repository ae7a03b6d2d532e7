package dev.remotemedia.codec;

/**
 * Decodes Opus packets (RFC 6716) into 48 kHz 16-bit interleaved PCM, with packet loss concealment
 * and recovery from in-band FEC. Get one from {@link OpusCodecs#decoder(int)}.
 *
 * <p>A packet's content never makes a decoder throw anything but {@link OpusPacketException}: a
 * malformed or undecodable packet is reported with it, and the decoder goes on with the next one.
 * {@code pcm} must have room for the samples a packet holds: {@link #MAX_FRAME_SAMPLES} × channels
 * always suffices; a packet longer than the room left is an {@link OpusPacketException} too.
 *
 * <p>Not thread-safe: use a decoder serially from one thread at a time, normally the codec executor
 * of its track (DESIGN.md §4). {@link #close()} frees its native state (if any) at once; it is
 * idempotent, and the decoding methods throw {@link IllegalStateException} after it.
 */
public interface OpusDecoder extends AutoCloseable {

    /** The most samples per channel one packet holds: 120 ms at 48 kHz (RFC 6716 §3.2.5). */
    int MAX_FRAME_SAMPLES = 5_760;

    /** 1 or 2: the channel count of the PCM this decoder writes, whatever the packets carry. */
    int channels();

    /** Which library decodes. */
    OpusImplementation implementation();

    /**
     * Decodes one packet into {@code pcm} from {@code pcmOffset} (interleaved when stereo).
     *
     * @return the samples per channel written (e.g. 960 for a 20 ms packet)
     * @throws OpusPacketException if the packet is empty, malformed or undecodable, or holds more
     *         samples than {@code pcm} has room for
     * @throws IndexOutOfBoundsException if {@code off}/{@code len} are outside {@code packet}
     * @throws IllegalStateException if closed
     */
    int decode(byte[] packet, int off, int len, short[] pcm, int pcmOffset);

    /**
     * Recovers the lost frame before {@code nextPacket} from the in-band FEC that {@code nextPacket}
     * carries (RFC 6716 §2.1.7), and writes {@code frameSamples} samples per channel. The FEC covers
     * one frame of {@code nextPacket}'s frame duration at the end of the gap; what comes before it in
     * a longer gap is concealed as by {@link #conceal}, and so is the whole gap where {@code
     * nextPacket} carries no FEC (CELT mode, FEC off on the sender; see {@link
     * OpusImplementation#LIBOPUS} for stereo there). Call it when a packet is missing and the next one has arrived, then {@link
     * #decode} that next packet as usual.
     *
     * @param frameSamples the duration of the lost frame in samples per channel: a multiple of 120
     *        (2.5 ms), at most {@link #MAX_FRAME_SAMPLES}
     * @return {@code frameSamples}
     * @throws OpusPacketException if {@code nextPacket} is empty, malformed or undecodable
     * @throws IllegalArgumentException if {@code frameSamples} is not a multiple of 120 in 120..5760
     * @throws IndexOutOfBoundsException if {@code pcm} has no room for {@code frameSamples}
     * @throws IllegalStateException if closed
     */
    int decodeFec(byte[] nextPacket, int off, int len, short[] pcm, int pcmOffset, int frameSamples);

    /**
     * Conceals a lost frame (packet loss concealment): writes {@code frameSamples} samples per channel
     * extrapolated from what was decoded before; silence before the first packet.
     *
     * @param frameSamples a multiple of 120 (2.5 ms), at most {@link #MAX_FRAME_SAMPLES}
     * @return {@code frameSamples}
     * @throws IllegalArgumentException if {@code frameSamples} is not a multiple of 120 in 120..5760
     * @throws IndexOutOfBoundsException if {@code pcm} has no room for {@code frameSamples}
     * @throws IllegalStateException if closed
     */
    int conceal(short[] pcm, int pcmOffset, int frameSamples);

    /** Frees the decoder. Idempotent. */
    @Override
    void close();
}
