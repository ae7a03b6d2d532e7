package dev.remotemedia.codec.internal;

import dev.remotemedia.codec.OpusConfig;
import dev.remotemedia.codec.OpusImplementation;
import dev.remotemedia.codec.OpusPacketException;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * An {@link dev.remotemedia.codec.OpusDecoder} on Concentus. A packet that passed the RFC 6716 §3.4
 * check can still make the port fail inside (it is Java, so with an exception rather than a crash):
 * such a failure is reported as {@link OpusPacketException} and the decoder starts afresh, since its
 * state may be half-updated.
 */
public final class ConcentusOpusDecoder extends AbstractOpusDecoder {
    private io.github.jaredmdobson.concentus.OpusDecoder decoder;

    public ConcentusOpusDecoder(int channels) {
        super(channels);
        decoder = newDecoder(channels);
    }

    /** A fresh Concentus decoder at 48 kHz. */
    static io.github.jaredmdobson.concentus.OpusDecoder newDecoder(int channels) {
        try {
            return new io.github.jaredmdobson.concentus.OpusDecoder(OpusConfig.SAMPLE_RATE, channels);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus refused a decoder of " + channels + " channels", e);
        }
    }

    @Override
    public OpusImplementation implementation() {
        return OpusImplementation.CONCENTUS;
    }

    @Override
    void decodePacket(byte[] packet, int off, int len, short[] pcm, int pcmOffset, int samples) {
        run(packet, off, len, pcm, pcmOffset, samples, false);
    }

    @Override
    void decodeFecPacket(byte[] packet, int off, int len, short[] pcm, int pcmOffset, int frameSamples) {
        run(packet, off, len, pcm, pcmOffset, frameSamples, true);
    }

    @Override
    void concealFrame(short[] pcm, int pcmOffset, int frameSamples) {
        run(null, 0, 0, pcm, pcmOffset, frameSamples, false);
    }

    private void run(byte[] packet, int off, int len, short[] pcm, int pcmOffset, int samples, boolean fec) {
        final int decoded;
        try {
            decoded = decoder.decode(packet, off, len, pcm, pcmOffset, samples, fec);
        } catch (OpusException e) {
            throw new OpusPacketException("undecodable Opus packet of " + len + " bytes: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            decoder = newDecoder(channels());
            throw new OpusPacketException("undecodable Opus packet of " + len + " bytes (" + e
                                          + "); the decoder was reset", e);
        }
        if (decoded != samples) {
            throw new OpusPacketException("decoded " + decoded + " samples per channel, expected " + samples);
        }
    }

    @Override
    void free() {
        decoder = null;
    }
}
