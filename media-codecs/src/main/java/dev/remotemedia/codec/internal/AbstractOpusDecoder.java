package dev.remotemedia.codec.internal;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.codec.OpusDecoder;
import dev.remotemedia.codec.OpusPacketException;
import java.util.Objects;

/**
 * What both decoders share: packets are checked against RFC 6716 §3.4 here before a library sees
 * them, and the arguments and state are checked the same way for both.
 */
abstract class AbstractOpusDecoder implements OpusDecoder {
    private final int channels;
    private boolean closed;

    AbstractOpusDecoder(int channels) {
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels: " + channels + " (expected: 1 or 2)");
        }
        this.channels = channels;
    }

    /** Decodes a valid packet of {@code samples} per channel; throws {@link OpusPacketException} on failure. */
    abstract void decodePacket(byte[] packet, int off, int len, short[] pcm, int pcmOffset, int samples);

    /** Decodes the FEC in a valid packet for the frame before it, {@code frameSamples} long. */
    abstract void decodeFecPacket(byte[] packet, int off, int len, short[] pcm, int pcmOffset, int frameSamples);

    /** Conceals {@code frameSamples}, already checked. */
    abstract void concealFrame(short[] pcm, int pcmOffset, int frameSamples);

    /** Frees the library's state; called once. */
    abstract void free();

    @Override
    public final int channels() {
        return channels;
    }

    @Override
    public final int decode(byte[] packet, int off, int len, short[] pcm, int pcmOffset) {
        final int samples = checkPacket(packet, off, len, pcm, pcmOffset);
        if (samples * channels > pcm.length - pcmOffset) {
            throw new OpusPacketException("packet holds " + samples + " samples per channel, pcm has room for "
                                          + (pcm.length - pcmOffset) / channels);
        }
        decodePacket(packet, off, len, pcm, pcmOffset, samples);
        return samples;
    }

    @Override
    public final int decodeFec(byte[] nextPacket, int off, int len, short[] pcm, int pcmOffset, int frameSamples) {
        checkFrameSamples(frameSamples);
        checkPacket(nextPacket, off, len, pcm, pcmOffset);
        Objects.checkFromIndexSize(pcmOffset, frameSamples * channels, pcm.length);
        decodeFecPacket(nextPacket, off, len, pcm, pcmOffset, frameSamples);
        return frameSamples;
    }

    @Override
    public final int conceal(short[] pcm, int pcmOffset, int frameSamples) {
        requireNonNull(pcm, "pcm");
        checkOpen();
        checkFrameSamples(frameSamples);
        Objects.checkFromIndexSize(pcmOffset, frameSamples * channels, pcm.length);
        concealFrame(pcm, pcmOffset, frameSamples);
        return frameSamples;
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            free();
        }
    }

    private int checkPacket(byte[] packet, int off, int len, short[] pcm, int pcmOffset) {
        requireNonNull(packet, "packet");
        requireNonNull(pcm, "pcm");
        checkOpen();
        Objects.checkFromIndexSize(off, len, packet.length);
        Objects.checkIndex(pcmOffset, pcm.length + 1);
        if (len == 0) {
            throw new OpusPacketException("empty packet (a lost packet is concealed with conceal())");
        }
        final int samples = OpusPackets.samplesPerChannel(packet, off, len);
        if (samples == OpusPackets.INVALID) {
            throw new OpusPacketException("malformed Opus packet of " + len + " bytes, TOC 0x"
                                          + Integer.toHexString(packet[off] & 0xff) + " (RFC 6716 §3.4)");
        }
        return samples;
    }

    private static void checkFrameSamples(int frameSamples) {
        if (frameSamples < 120 || frameSamples > MAX_FRAME_SAMPLES || frameSamples % 120 != 0) {
            throw new IllegalArgumentException(
                    "frameSamples: " + frameSamples + " (expected: a multiple of 120 in 120..5760)");
        }
    }

    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException("OpusDecoder is closed");
        }
    }
}
