package dev.remotemedia.codec;

import dev.remotemedia.testing.ToneGenerator;

/** Pushes a tone through an encoder and a decoder, frame by frame, for the codec tests. */
final class OpusRoundTrip {
    private OpusRoundTrip() {}

    /** Encodes {@code frames} frames of {@code tone} and decodes each packet; returns the decoded PCM. */
    static short[] run(OpusEncoder encoder, OpusDecoder decoder, ToneGenerator tone, int frames) {
        final OpusConfig config = encoder.config();
        final int frameSamples = config.frameSamples();
        final int channels = config.channels();
        final short[] input = new short[frameSamples * channels];
        final byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
        final short[] output = new short[frames * frameSamples * decoder.channels()];
        int position = 0;
        for (int i = 0; i < frames; i++) {
            tone.fill(input, 0, frameSamples);
            final int length = encoder.encode(input, 0, packet, 0, packet.length);
            position += decoder.decode(packet, 0, length, output, position) * decoder.channels();
        }
        return output;
    }
}
