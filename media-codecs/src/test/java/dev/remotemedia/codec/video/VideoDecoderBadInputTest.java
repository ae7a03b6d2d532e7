package dev.remotemedia.codec.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Decoders fed truncated, corrupt and random data: each bad frame is a {@link VideoPacketException}
 * or pictures of no use, never a crash, and the next keyframe decodes right again.
 */
class VideoDecoderBadInputTest {
    private static final int WIDTH = 160;
    private static final int HEIGHT = 120;

    /** Frames 0..9 of the pattern; 0 and 5 are keyframes. */
    private static List<EncodedVideoFrame> stream(VideoCodecType codec) {
        final List<EncodedVideoFrame> frames = new ArrayList<>();
        try (VideoEncoder encoder = VideoCodecs.encoder(
                VideoEncoderSettings.builder(codec).size(WIDTH, HEIGHT).bitrate(300_000).build())) {
            for (int n = 0; n < 10; n++) {
                frames.addAll(encoder.encode(NumberedPattern.frame(n, WIDTH, HEIGHT, n * 33_333L), n == 5));
            }
        }
        assertThat(frames).hasSize(10);
        assertThat(frames.get(5).isKeyframe()).isTrue();
        return frames;
    }

    @ParameterizedTest
    @EnumSource(VideoCodecType.class)
    void truncatedAndGarbageFramesAreReportedAndTheNextKeyframeDecodes(VideoCodecType codec) {
        final List<EncodedVideoFrame> frames = stream(codec);
        final Random random = new Random(42);
        try (VideoDecoder decoder = VideoCodecs.decoder(codec)) {
            assertThatThrownBy(() -> decoder.decode(new byte[0], 0)).isInstanceOf(VideoPacketException.class);
            // Garbage before any keyframe: refused, or nothing to show.
            final List<byte[]> garbage = new ArrayList<>();
            for (int size : new int[] { 1, 2, 7, 100, 3000 }) {
                final byte[] bytes = new byte[size];
                random.nextBytes(bytes);
                garbage.add(bytes);
            }
            garbage.add(filled(500, 0xff));
            garbage.add(filled(500, 0));
            for (byte[] bytes : garbage) {
                try {
                    assertThat(decoder.decode(bytes, 0)).as("pictures from %d bytes of garbage", bytes.length)
                                                        .isEmpty();
                } catch (VideoPacketException expected) {
                    assertThat(expected.getMessage()).contains(codec.toString());
                }
            }
            // A good start, then truncated frames: a delta frame and a keyframe cut short.
            assertDecodes(decoder, frames, 0, 1);
            decodeBad(decoder, Arrays.copyOf(frames.get(2).data(), frames.get(2).data().length / 2));
            decodeBad(decoder, Arrays.copyOf(frames.get(5).data(), frames.get(5).data().length / 3));
            decodeBad(decoder, Arrays.copyOf(frames.get(5).data(), 5));
            // The next keyframe and what follows it decode right.
            assertDecodes(decoder, frames, 5, 9);
        }
    }

    @ParameterizedTest
    @EnumSource(VideoCodecType.class)
    void framesWithBitsFlippedNeverCrashAndTheNextKeyframeDecodes(VideoCodecType codec) {
        final List<EncodedVideoFrame> frames = stream(codec);
        final Random random = new Random(7);
        int rejected = 0;
        try (VideoDecoder decoder = VideoCodecs.decoder(codec)) {
            for (int round = 0; round < 60; round++) {
                assertDecodes(decoder, frames, 0, 0);
                for (int n = 1; n < 5; n++) {
                    final byte[] data = frames.get(n == 1 && round % 2 == 0 ? 0 : n).data().clone();
                    for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                        data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    rejected += decodeBad(decoder, data) ? 1 : 0;
                }
            }
            assertDecodes(decoder, frames, 5, 9);
        }
        System.out.printf("%s: %d of 240 corrupt frames rejected, the rest decoded to pictures%n", codec, rejected);
    }

    /** Decodes what may be bad data; true if the decoder said it was. */
    private static boolean decodeBad(VideoDecoder decoder, byte[] data) {
        try {
            final List<VideoFrame> pictures = decoder.decode(data, 0);
            for (VideoFrame picture : pictures) {
                assertThat(picture.width()).isBetween(1, VideoFrame.MAX_DIMENSION);
            }
            return false;
        } catch (VideoPacketException e) {
            assertThat(e.getMessage()).contains(decoder.codec().toString());
            return true;
        }
    }

    private static void assertDecodes(VideoDecoder decoder, List<EncodedVideoFrame> frames, int first, int last) {
        for (int n = first; n <= last; n++) {
            final EncodedVideoFrame frame = frames.get(n);
            final List<VideoFrame> pictures = decoder.decode(frame.data(), frame.timestampMicros());
            assertThat(pictures).as("pictures from frame %d", n).hasSize(1);
            assertThat(NumberedPattern.read(pictures.get(0))).as("number in picture %d", n).isEqualTo(n);
        }
    }

    private static byte[] filled(int size, int value) {
        final byte[] data = new byte[size];
        Arrays.fill(data, (byte) value);
        return data;
    }
}
