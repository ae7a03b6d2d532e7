package dev.remotemedia.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.remotemedia.testing.AudioProbe;
import dev.remotemedia.testing.ToneGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Both implementations, the same behaviour: every test runs on Concentus and on libopus. */
class OpusCodecTest {
    private static final int RATE = 48_000;

    static List<Arguments> implementationsAndFrames() {
        final List<Arguments> arguments = new ArrayList<>();
        for (OpusImplementation implementation : OpusImplementation.values()) {
            arguments.add(Arguments.of(implementation, 10));
            arguments.add(Arguments.of(implementation, 20));
        }
        return arguments;
    }

    @ParameterizedTest(name = "{0}, {1} ms")
    @MethodSource("implementationsAndFrames")
    void aMono440HzToneComesOutAt440HzAndItsLevel(OpusImplementation implementation, int frameMillis) {
        final OpusConfig config = OpusConfig.builder().frameMillis(frameMillis).build();
        try (OpusEncoder encoder = OpusCodecs.encoder(config, implementation);
             OpusDecoder decoder = OpusCodecs.decoder(1, implementation)) {
            final short[] out = OpusRoundTrip.run(encoder, decoder, ToneGenerator.of(RATE, 0.5, 440), 50 * 20 / frameMillis);
            // The last half second, after the encoder settled.
            final int from = out.length - RATE / 2;
            assertThat(AudioProbe.dominantFrequency(out, from, RATE / 2, 1, 0, RATE)).isCloseTo(440, within(1.0));
            assertThat(AudioProbe.rmsDbfs(out, from, RATE / 2, 1, 0)).isCloseTo(-9.0, within(1.5));
            assertThat(AudioProbe.sinadDb(out, from, RATE / 2, 1, 0, RATE, 440)).isGreaterThan(20);
        }
    }

    @ParameterizedTest(name = "{0}, {1} ms")
    @MethodSource("implementationsAndFrames")
    void stereoKeepsADifferentToneInEachChannel(OpusImplementation implementation, int frameMillis) {
        final OpusConfig config = OpusConfig.builder().channels(2).frameMillis(frameMillis).bitrate(64_000).build();
        try (OpusEncoder encoder = OpusCodecs.encoder(config, implementation);
             OpusDecoder decoder = OpusCodecs.decoder(2, implementation)) {
            final short[] out = OpusRoundTrip.run(encoder, decoder, ToneGenerator.of(RATE, 0.4, 440, 660),
                                                  50 * 20 / frameMillis);
            final int frames = RATE / 2;
            final int from = out.length - 2 * frames;
            assertThat(AudioProbe.dominantFrequency(out, from, frames, 2, 0, RATE)).isCloseTo(440, within(1.0));
            assertThat(AudioProbe.dominantFrequency(out, from, frames, 2, 1, RATE)).isCloseTo(660, within(1.0));
            assertThat(AudioProbe.sinadDb(out, from, frames, 2, 0, RATE, 440)).isGreaterThan(15);
            assertThat(AudioProbe.sinadDb(out, from, frames, 2, 1, RATE, 660)).isGreaterThan(15);
            assertThat(AudioProbe.rmsDbfs(out, from, frames, 2, 1)).isCloseTo(-10.9, within(2.0));
        }
    }

    static List<Arguments> implementationsAndAllFrameDurations() {
        final List<Arguments> arguments = new ArrayList<>();
        for (OpusImplementation implementation : OpusImplementation.values()) {
            for (double millis : new double[] {2.5, 5, 10, 20, 40, 60}) {
                arguments.add(Arguments.of(implementation, millis));
            }
        }
        return arguments;
    }

    @ParameterizedTest(name = "{0}, {1} ms")
    @MethodSource("implementationsAndAllFrameDurations")
    void everyFrameDurationDecodesToItsSampleCount(OpusImplementation implementation, double frameMillis) {
        final OpusConfig config = OpusConfig.builder().frameMillis(frameMillis).bitrate(48_000).build();
        try (OpusEncoder encoder = OpusCodecs.encoder(config, implementation);
             OpusDecoder decoder = OpusCodecs.decoder(1, implementation)) {
            final ToneGenerator tone = ToneGenerator.of(RATE, 0.5, 440);
            final short[] in = new short[config.frameSamples()];
            final byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
            final short[] out = new short[RATE];
            int position = 0;
            while (position + config.frameSamples() <= out.length) {
                tone.fill(in, 0, in.length);
                final int length = encoder.encode(in, 0, packet, 0, packet.length);
                final int decoded = decoder.decode(packet, 0, length, out, position);
                assertThat(decoded).isEqualTo(config.frameSamples());
                position += decoded;
            }
            assertThat(AudioProbe.dominantFrequency(out, position / 2, position / 2, 1, 0, RATE))
                    .isCloseTo(440, within(1.0));
        }
    }

    @ParameterizedTest
    @EnumSource(OpusImplementation.class)
    void concealmentGivesTheAskedSamplesAndContinuesTheTone(OpusImplementation implementation) {
        try (OpusEncoder encoder = OpusCodecs.encoder(OpusConfig.of(1), implementation);
             OpusDecoder decoder = OpusCodecs.decoder(1, implementation)) {
            final short[] before = new short[960];
            assertThat(decoder.conceal(before, 0, 960)).isEqualTo(960);
            assertThat(before).containsOnly((short) 0); // nothing decoded yet: silence

            OpusRoundTrip.run(encoder, decoder, ToneGenerator.of(RATE, 0.5, 440), 25);
            final short[] concealed = new short[2 * 1440];
            assertThat(decoder.conceal(concealed, 0, 1440)).isEqualTo(1440); // 30 ms
            assertThat(decoder.conceal(concealed, 1440, 120)).isEqualTo(120); // 2.5 ms
            assertThat(AudioProbe.rmsDbfs(concealed, 0, 960, 1, 0)).isGreaterThan(-25);
            assertThat(AudioProbe.dominantFrequency(concealed, 0, 960, 1, 0, RATE)).isCloseTo(440, within(15.0));
            assertThatThrownBy(() -> decoder.conceal(concealed, 0, 100))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("frameSamples: 100 (expected: a multiple of 120 in 120..5760)");
        }
    }

    @ParameterizedTest
    @EnumSource(OpusImplementation.class)
    void inbandFecRecoversTheLostFrameWhereConcealmentCannot(OpusImplementation implementation) {
        // 440 Hz until the lost frame, 660 Hz from it on: concealment can only continue 440 Hz, the FEC
        // in the next packet carries the lost frame's 660 Hz.
        final OpusConfig config = OpusConfig.builder().inbandFec(true).expectedPacketLossPercent(10).build();
        final int lost = 30;
        final List<byte[]> stream = new ArrayList<>();
        try (OpusEncoder encoder = OpusCodecs.encoder(config, implementation)) {
            // The encoder delays by its look-ahead (6.5 ms in VOIP mode): switch that much early so that
            // the decoded lost frame is all 660 Hz.
            final int switchAt = lost * 960 - 312;
            final ToneGenerator low = ToneGenerator.of(RATE, 0.5, 440);
            final ToneGenerator high = ToneGenerator.of(RATE, 0.5, 660);
            final short[] frame = new short[960];
            final byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
            for (int i = 0; i < lost + 5; i++) {
                for (int n = 0; n < 960; n++) {
                    final int sample = i * 960 + n;
                    (sample < switchAt ? low : high).fill(frame, n, 1);
                }
                final int length = encoder.encode(frame, 0, packet, 0, packet.length);
                stream.add(java.util.Arrays.copyOf(packet, length));
            }
        }
        final short[] recovered = decodeWithLoss(implementation, stream, lost, true);
        final short[] concealed = decodeWithLoss(implementation, stream, lost, false);

        // LBRR is coded coarser than the frame itself: a tone-like frame at the new frequency.
        assertThat(AudioProbe.rmsDbfs(recovered, 0, 960, 1, 0)).isGreaterThan(-22); // not silence
        assertThat(toneAdvantageDb(recovered, 660, 440)).isGreaterThan(6);
        assertThat(toneAdvantageDb(concealed, 440, 660)).isGreaterThan(6);
    }

    // How much more of the frame's second half is a tone of `more` than of `less`, in dB.
    private static double toneAdvantageDb(short[] frame, double more, double less) {
        return AudioProbe.sinadDb(frame, 480, 480, 1, 0, RATE, more) - AudioProbe.sinadDb(frame, 480, 480, 1, 0, RATE, less);
    }

    private static short[] decodeWithLoss(OpusImplementation implementation, List<byte[]> stream, int lost,
                                          boolean useFec) {
        try (OpusDecoder decoder = OpusCodecs.decoder(1, implementation)) {
            final short[] pcm = new short[960];
            for (int i = 0; i < lost; i++) {
                decoder.decode(stream.get(i), 0, stream.get(i).length, pcm, 0);
            }
            final byte[] next = stream.get(lost + 1);
            final short[] frame = new short[960];
            if (useFec) {
                assertThat(decoder.decodeFec(next, 0, next.length, frame, 0, 960)).isEqualTo(960);
            } else {
                assertThat(decoder.conceal(frame, 0, 960)).isEqualTo(960);
            }
            assertThat(decoder.decode(next, 0, next.length, pcm, 0)).isEqualTo(960);
            return frame;
        }
    }

    @ParameterizedTest
    @EnumSource(OpusImplementation.class)
    void dtxSendsShortPacketsDuringSilence(OpusImplementation implementation) {
        final OpusConfig config = OpusConfig.builder().dtx(true).build();
        try (OpusEncoder encoder = OpusCodecs.encoder(config, implementation);
             OpusDecoder decoder = OpusCodecs.decoder(1, implementation)) {
            final short[] silence = new short[960];
            final byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
            final short[] pcm = new short[960];
            int shortPackets = 0;
            for (int i = 0; i < 50; i++) {
                final int length = encoder.encode(silence, 0, packet, 0, packet.length);
                if (length <= 2) {
                    shortPackets++;
                }
                assertThat(decoder.decode(packet, 0, length, pcm, 0)).isEqualTo(960);
            }
            assertThat(shortPackets).isGreaterThanOrEqualTo(35); // DTX starts after 200 ms

            encoder.setDtx(false);
            assertThat(encoder.config().dtx()).isFalse();
            int longest = 0;
            for (int i = 0; i < 10; i++) {
                longest = Math.max(longest, encoder.encode(silence, 0, packet, 0, packet.length));
            }
            assertThat(longest).isGreaterThan(2);
        }
    }

    @ParameterizedTest
    @EnumSource(OpusImplementation.class)
    void aLowerBitrateAtRunTimeMakesSmallerPackets(OpusImplementation implementation) {
        final OpusConfig config = OpusConfig.builder().bitrate(64_000).application(OpusApplication.AUDIO).build();
        try (OpusEncoder encoder = OpusCodecs.encoder(config, implementation);
             OpusDecoder decoder = OpusCodecs.decoder(1, implementation)) {
            final ToneGenerator tone = ToneGenerator.of(RATE, 0.5, 440);
            final int high = bytesOf(encoder, decoder, tone);
            encoder.setBitrate(12_000);
            encoder.setComplexity(3);
            encoder.setPacketLossPercent(5);
            encoder.setInbandFec(false);
            assertThat(encoder.config().bitrate()).isEqualTo(12_000);
            final int low = bytesOf(encoder, decoder, tone);
            assertThat(low).isLessThan(high / 2);
            assertThatThrownBy(() -> encoder.setBitrate(1000))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bitrate: 1000 (expected: 6000..510000)");
        }
    }

    // Bytes of 25 frames (0.5 s); the decoded tone must stay continuous across the change.
    private static int bytesOf(OpusEncoder encoder, OpusDecoder decoder, ToneGenerator tone) {
        final short[] in = new short[960];
        final byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
        final short[] out = new short[25 * 960];
        int bytes = 0;
        for (int i = 0; i < 25; i++) {
            tone.fill(in, 0, 960);
            final int length = encoder.encode(in, 0, packet, 0, packet.length);
            bytes += length;
            decoder.decode(packet, 0, length, out, i * 960);
        }
        assertThat(AudioProbe.findGaps(out, 960, out.length - 960, 1, RATE, 500, 5)).isEmpty(); // after the start
        return bytes;
    }

    @ParameterizedTest
    @EnumSource(OpusImplementation.class)
    void garbagePacketsAreReportedAndTheDecoderGoesOn(OpusImplementation implementation) {
        final Random random = new Random(7);
        try (OpusEncoder encoder = OpusCodecs.encoder(OpusConfig.of(2), implementation);
             OpusDecoder decoder = OpusCodecs.decoder(2, implementation)) {
            final short[] pcm = new short[OpusDecoder.MAX_FRAME_SAMPLES * 2];
            int rejected = 0;
            for (int i = 0; i < 3000; i++) {
                final byte[] garbage = new byte[1 + random.nextInt(i % 10 == 0 ? 2000 : 200)];
                random.nextBytes(garbage);
                try {
                    final int samples = i % 3 == 0 ? decoder.decodeFec(garbage, 0, garbage.length, pcm, 0, 960)
                                                   : decoder.decode(garbage, 0, garbage.length, pcm, 0);
                    assertThat(samples).isBetween(120, OpusDecoder.MAX_FRAME_SAMPLES);
                } catch (OpusPacketException e) {
                    rejected++;
                    assertThat(e).hasMessageContaining("bytes");
                }
                if (i % 100 == 0) {
                    assertThat(decoder.conceal(pcm, 0, 960)).isEqualTo(960);
                }
            }
            assertThat(rejected).isGreaterThan(100);

            // Still decodes real audio afterwards.
            final short[] out = OpusRoundTrip.run(encoder, decoder, ToneGenerator.of(RATE, 0.5, 440, 440), 50);
            assertThat(AudioProbe.dominantFrequency(out, out.length / 2, RATE / 2, 2, 0, RATE))
                    .isCloseTo(440, within(1.0));
        }
    }

    @ParameterizedTest
    @EnumSource(OpusImplementation.class)
    void malformedPacketsAreOpusPacketExceptions(OpusImplementation implementation) {
        try (OpusDecoder decoder = OpusCodecs.decoder(1, implementation)) {
            final short[] pcm = new short[960];
            final byte[][] malformed = {
                    {},                                   // R1: empty
                    {(byte) 0x79, 1, 2},                  // code 1 with an odd payload (R3)
                    {(byte) 0x7a, (byte) 252},            // code 2, a two-byte length cut short (R4)
                    {(byte) 0x7b},                        // code 3 without its count byte (R6)
                    {(byte) 0x7b, 0},                     // code 3 with 0 frames (R5)
                    {(byte) 0x7b, 7},                     // 7 × 20 ms: over 120 ms (R5)
                    {(byte) 0x7b, (byte) 0x42, (byte) 200}, // padding longer than the packet (R6)
            };
            for (byte[] packet : malformed) {
                assertThatThrownBy(() -> decoder.decode(packet, 0, packet.length, pcm, 0))
                        .isInstanceOf(OpusPacketException.class);
            }
            // A valid 60 ms packet (3 empty CELT frames) that does not fit a 20 ms buffer.
            final byte[] long60 = {(byte) (0xf8 | 3), 3};
            assertThatThrownBy(() -> decoder.decode(long60, 0, 2, pcm, 0))
                    .isInstanceOf(OpusPacketException.class)
                    .hasMessage("packet holds 2880 samples per channel, pcm has room for 960");
        }
    }

    @ParameterizedTest
    @EnumSource(OpusImplementation.class)
    void closingTwiceIsHarmlessAndUseAfterCloseThrows(OpusImplementation implementation) {
        final OpusEncoder encoder = OpusCodecs.encoder(OpusConfig.of(1), implementation);
        final OpusDecoder decoder = OpusCodecs.decoder(1, implementation);
        encoder.close();
        encoder.close();
        decoder.close();
        decoder.close();
        final short[] pcm = new short[960];
        final byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
        assertThatThrownBy(() -> encoder.encode(pcm, 0, packet, 0, packet.length))
                .isInstanceOf(IllegalStateException.class).hasMessage("OpusEncoder is closed");
        assertThatThrownBy(() -> encoder.setBitrate(20_000)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> decoder.decode(new byte[] {(byte) 0xf8}, 0, 1, pcm, 0))
                .isInstanceOf(IllegalStateException.class).hasMessage("OpusDecoder is closed");
        assertThatThrownBy(() -> decoder.conceal(pcm, 0, 960)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> decoder.decodeFec(new byte[] {(byte) 0xf8}, 0, 1, pcm, 0, 960))
                .isInstanceOf(IllegalStateException.class);
        assertThat(encoder.config()).isEqualTo(OpusConfig.of(1));
    }

    @ParameterizedTest
    @EnumSource(OpusImplementation.class)
    void aPacketLongerThanMaxLengthIsRefused(OpusImplementation implementation) {
        try (OpusEncoder encoder = OpusCodecs.encoder(OpusConfig.builder().bitrate(128_000).build(), implementation)) {
            final short[] pcm = ToneGenerator.sine(440, RATE, 1, 0.5, 960);
            assertThatThrownBy(() -> encoder.encode(pcm, 0, new byte[10], 0, 10))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("maxLength: 10 (expected: >= ");
            assertThatThrownBy(() -> encoder.encode(new short[100], 0, new byte[4000], 0, 4000))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }
}
