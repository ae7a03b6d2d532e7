package dev.remotemedia.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.remotemedia.testing.AudioProbe;
import dev.remotemedia.testing.ToneGenerator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Packets of one implementation decode on the other: both speak RFC 6716, not a private dialect. */
class OpusInteropTest {
    private static final int RATE = 48_000;

    static List<Arguments> crossings() {
        return List.of(Arguments.of(OpusImplementation.CONCENTUS, OpusImplementation.LIBOPUS, 1),
                       Arguments.of(OpusImplementation.LIBOPUS, OpusImplementation.CONCENTUS, 1),
                       Arguments.of(OpusImplementation.CONCENTUS, OpusImplementation.LIBOPUS, 2),
                       Arguments.of(OpusImplementation.LIBOPUS, OpusImplementation.CONCENTUS, 2));
    }

    @ParameterizedTest(name = "{0} encodes, {1} decodes, {2} channel(s)")
    @MethodSource("crossings")
    void aToneEncodedByOneDecodesOnTheOther(OpusImplementation encoding, OpusImplementation decoding,
                                            int channels) {
        final OpusConfig config = OpusConfig.builder().channels(channels).bitrate(32_000 * channels).build();
        final ToneGenerator tone = channels == 1 ? ToneGenerator.of(RATE, 0.5, 440)
                                                 : ToneGenerator.of(RATE, 0.5, 440, 880);
        try (OpusEncoder encoder = OpusCodecs.encoder(config, encoding);
             OpusDecoder decoder = OpusCodecs.decoder(channels, decoding)) {
            final short[] out = OpusRoundTrip.run(encoder, decoder, tone, 50);
            final int frames = RATE / 2;
            final int from = out.length - frames * channels;
            assertThat(AudioProbe.dominantFrequency(out, from, frames, channels, 0, RATE)).isCloseTo(440, within(1.0));
            assertThat(AudioProbe.sinadDb(out, from, frames, channels, 0, RATE, 440)).isGreaterThan(15);
            assertThat(AudioProbe.rmsDbfs(out, from, frames, channels, 0)).isCloseTo(-9.0, within(2.0));
            if (channels == 2) {
                assertThat(AudioProbe.dominantFrequency(out, from, frames, 2, 1, RATE)).isCloseTo(880, within(1.0));
            }
            assertThat(AudioProbe.findGaps(out, RATE / 10 * channels, out.length / channels - RATE / 10, channels,
                                           RATE, 1000, 3)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} encodes, {1} decodes, {2} channel(s)")
    @MethodSource("crossings")
    void inbandFecOfOneIsRecoveredByTheOther(OpusImplementation encoding, OpusImplementation decoding,
                                             int channels) {
        final OpusConfig config = OpusConfig.builder().channels(channels).inbandFec(true)
                                            .expectedPacketLossPercent(20).build();
        try (OpusEncoder encoder = OpusCodecs.encoder(config, encoding);
             OpusDecoder decoder = OpusCodecs.decoder(channels, decoding)) {
            final ToneGenerator tone = ToneGenerator.of(RATE, 0.5, channels == 1 ? new double[] {440}
                                                                                 : new double[] {440, 440});
            final short[] in = new short[960 * channels];
            final byte[][] packets = new byte[40][];
            final byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
            for (int i = 0; i < packets.length; i++) {
                tone.fill(in, 0, 960);
                final int length = encoder.encode(in, 0, packet, 0, packet.length);
                packets[i] = java.util.Arrays.copyOf(packet, length);
            }
            final short[] pcm = new short[960 * channels];
            for (int i = 0; i < 30; i++) {
                decoder.decode(packets[i], 0, packets[i].length, pcm, 0);
            }
            // Packet 30 is lost; 31 carries its FEC.
            assertThat(decoder.decodeFec(packets[31], 0, packets[31].length, pcm, 0, 960)).isEqualTo(960);
            assertThat(AudioProbe.rmsDbfs(pcm, 0, 960, channels, 0)).isGreaterThan(-20);
            assertThat(AudioProbe.dominantFrequency(pcm, 0, 960, channels, 0, RATE)).isCloseTo(440, within(20.0));
        }
    }

    static List<Arguments> monoPairs() {
        final List<Arguments> pairs = new java.util.ArrayList<>();
        for (OpusImplementation encoding : OpusImplementation.values()) {
            for (OpusImplementation decoding : OpusImplementation.values()) {
                pairs.add(Arguments.of(encoding, decoding));
            }
        }
        return pairs;
    }

    /**
     * Two packets lost, the third carries FEC for the second: concealment fills the first 20 ms (and
     * fades, as Opus concealment does over longer losses), the FEC restores the tone in the last 20.
     * Mono: in stereo both implementations conceal instead (see LibopusOpusDecoder).
     */
    @ParameterizedTest(name = "{0} encodes, {1} decodes")
    @MethodSource("monoPairs")
    void aGapLongerThanTheFecIsConcealedFirstThenRecovered(OpusImplementation encoding, OpusImplementation decoding) {
        final OpusConfig config = OpusConfig.builder().inbandFec(true).expectedPacketLossPercent(20).build();
        try (OpusEncoder encoder = OpusCodecs.encoder(config, encoding);
             OpusDecoder decoder = OpusCodecs.decoder(1, decoding)) {
            final ToneGenerator tone = ToneGenerator.of(RATE, 0.5, 440);
            final short[] in = new short[960];
            final byte[][] packets = new byte[40][];
            final byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
            for (int i = 0; i < packets.length; i++) {
                tone.fill(in, 0, 960);
                packets[i] = java.util.Arrays.copyOf(packet, encoder.encode(in, 0, packet, 0, packet.length));
            }
            final short[] pcm = new short[1920];
            for (int i = 0; i < 30; i++) {
                decoder.decode(packets[i], 0, packets[i].length, pcm, 0);
            }
            // Packets 30 and 31 are lost: 40 ms, of which packet 32's FEC covers the last 20.
            assertThat(decoder.decodeFec(packets[32], 0, packets[32].length, pcm, 0, 1920)).isEqualTo(1920);
            assertThat(AudioProbe.rmsDbfs(pcm, 0, 240, 1, 0)).isGreaterThan(-20); // concealment goes on
            assertThat(AudioProbe.findGaps(pcm, 960, 960, 1, RATE, 500, 3)).isEmpty();
            assertThat(AudioProbe.dominantFrequency(pcm, 960, 960, 1, 0, RATE)).isCloseTo(440, within(20.0));
        }
    }
}
