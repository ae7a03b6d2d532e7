package dev.remotemedia.codec.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every codec, checked by what the pictures show: each frame carries its number ({@link
 * NumberedPattern}), and every decoded picture must show the number of the frame it came from.
 */
class VideoCodecTest {
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final long FRAME_MICROS = 33_333;
    /**
     * The luma PSNR every decoded picture reaches at 320×240 and 500 kb/s on the pattern's busy
     * texture; the worst picture measured 30–31 dB for VP8, VP9 and H.264 and 25.8 dB for AV1 (SVT-AV1
     * spends less than its target on it). A broken decoder or plane copy lands far below 15 dB.
     */
    private static final double PSNR_FLOOR_DB = 24;

    @BeforeAll
    static void codecsAreThere() {
        for (VideoCodecType codec : VideoCodecType.values()) {
            assertThat(VideoCodecs.unavailableReason(codec)).as(codec.toString()).isNull();
        }
    }

    private static VideoEncoderSettings settings(VideoCodecType codec, int bitrate) {
        return VideoEncoderSettings.builder(codec).size(WIDTH, HEIGHT).framerate(30).bitrate(bitrate).build();
    }

    @ParameterizedTest
    @EnumSource(VideoCodecType.class)
    void everyDecodedPictureShowsTheNumberOfItsFrame(VideoCodecType codec) {
        final int frames = 40;
        final int forcedKeyframe = 25;
        double worstPsnr = Double.MAX_VALUE;
        try (VideoEncoder encoder = VideoCodecs.encoder(settings(codec, 500_000));
             VideoDecoder decoder = VideoCodecs.decoder(codec)) {
            for (int n = 0; n < frames; n++) {
                final VideoFrame source = NumberedPattern.frame(n, WIDTH, HEIGHT, 1_000_000 + n * FRAME_MICROS);
                final List<EncodedVideoFrame> encoded = encoder.encode(source, n == forcedKeyframe);
                assertThat(encoded).as("frame %d", n).hasSize(1);
                final EncodedVideoFrame packet = encoded.get(0);
                assertThat(packet.timestampMicros()).isEqualTo(source.timestampMicros());
                assertThat(packet.width()).isEqualTo(WIDTH);
                if (n == 0 || n == forcedKeyframe) {
                    assertThat(packet.isKeyframe()).as("frame %d is a keyframe", n).isTrue();
                } else if (n > 1 && n != forcedKeyframe + 1) {
                    assertThat(packet.isKeyframe()).as("frame %d is a keyframe", n).isFalse();
                }
                final List<VideoFrame> decoded = decoder.decode(packet.data(), packet.timestampMicros());
                assertThat(decoded).as("pictures from frame %d", n).hasSize(1);
                final VideoFrame picture = decoded.get(0);
                assertThat(picture.width()).isEqualTo(WIDTH);
                assertThat(picture.height()).isEqualTo(HEIGHT);
                assertThat(picture.timestampMicros()).isEqualTo(source.timestampMicros());
                assertThat(NumberedPattern.read(picture)).as("number in picture %d", n).isEqualTo(n);
                worstPsnr = Math.min(worstPsnr, NumberedPattern.psnr(source, picture));
            }
        }
        System.out.printf("%s: worst luma PSNR %.1f dB over %d frames%n", codec, worstPsnr, frames);
        assertThat(worstPsnr).isGreaterThan(PSNR_FLOOR_DB);
    }

    @ParameterizedTest
    @EnumSource(VideoCodecType.class)
    void aResolutionChangeAtRunTimeGivesAKeyframeAndPicturesOfTheNewSize(VideoCodecType codec) {
        try (VideoEncoder encoder = VideoCodecs.encoder(settings(codec, 500_000));
             VideoDecoder decoder = VideoCodecs.decoder(codec)) {
            for (int n = 0; n < 16; n++) {
                if (n == 8) {
                    encoder.setResolution(160, 120);
                }
                // The input stays 320×240: the encoder scales it to the size it encodes.
                final VideoFrame source = NumberedPattern.frame(n, WIDTH, HEIGHT, n * FRAME_MICROS);
                final EncodedVideoFrame packet = encoder.encode(source, false).get(0);
                final int expectedWidth = n < 8 ? WIDTH : 160;
                assertThat(packet.width()).isEqualTo(expectedWidth);
                if (n == 8) {
                    assertThat(packet.isKeyframe()).as("first frame at the new size is a keyframe").isTrue();
                }
                final VideoFrame picture = decoder.decode(packet.data(), packet.timestampMicros()).get(0);
                assertThat(picture.width()).as("width of picture %d", n).isEqualTo(expectedWidth);
                assertThat(picture.height()).as("height of picture %d", n).isEqualTo(n < 8 ? HEIGHT : 120);
                assertThat(NumberedPattern.read(picture)).as("number in picture %d", n).isEqualTo(n);
            }
            assertThat(encoder.settings().width()).isEqualTo(160);
        }
    }

    @ParameterizedTest
    @EnumSource(VideoCodecType.class)
    void halvingTheBitrateShrinksTheFrames(VideoCodecType codec) {
        final int segment = 60;
        final List<Integer> sizes = new ArrayList<>();
        try (VideoEncoder encoder = VideoCodecs.encoder(settings(codec, 800_000))) {
            for (int n = 0; n < 2 * segment; n++) {
                if (n == segment) {
                    encoder.setBitrate(400_000);
                }
                final EncodedVideoFrame packet =
                        encoder.encode(NumberedPattern.frame(n, WIDTH, HEIGHT, n * FRAME_MICROS), false).get(0);
                sizes.add(packet.data().length);
            }
            assertThat(encoder.settings().bitrate()).isEqualTo(400_000);
        }
        // The second half of each segment: past the keyframe and the rate control's settling.
        final double before = average(sizes.subList(segment / 2, segment));
        final double after = average(sizes.subList(segment + segment / 2, 2 * segment));
        System.out.printf("%s: %.0f bytes a frame at 800 kb/s, %.0f at 400 kb/s%n", codec, before, after);
        assertThat(after).isLessThan(before * 0.8);
    }

    private static double average(List<Integer> sizes) {
        return sizes.stream().mapToInt(Integer::intValue).average().orElse(0);
    }
}
