package dev.remotemedia.codec.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Conversions and scaling through swscale, checked on the values of known colours. */
class VideoFrameConverterTest {
    private static final int WIDTH = 128;
    private static final int HEIGHT = 96;
    private static final int BLOCK = 16;
    /** Red, green, blue, white, black, grey, a skin tone, a sky blue: {r, g, b}. */
    private static final int[][] COLORS = {
        { 255, 0, 0 }, { 0, 255, 0 }, { 0, 0, 255 }, { 255, 255, 255 },
        { 0, 0, 0 }, { 128, 128, 128 }, { 224, 172, 105 }, { 135, 206, 235 },
    };
    /**
     * The most a channel may move in RGB → I420 → RGB inside a block of one colour: 8-bit limited-range
     * YUV keeps 220 levels of luma and 225 of chroma, and each way rounds (measured: 1).
     */
    private static final int ROUND_TRIP_TOLERANCE = 2;

    private final VideoFrameConverter converter = VideoCodecs.converter();

    @AfterEach
    void close() {
        converter.close();
    }

    /** 8 × 6 blocks of 16 px, each of one of the {@link #COLORS}. */
    private static byte[] blocks(RgbFormat format) {
        final int bpp = format.bytesPerPixel();
        final byte[] pixels = new byte[WIDTH * HEIGHT * bpp];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                final int[] rgb = colorAt(x, y);
                put(format, pixels, (y * WIDTH + x) * bpp, rgb);
            }
        }
        return pixels;
    }

    private static int[] colorAt(int x, int y) {
        return COLORS[(x / BLOCK + y / BLOCK) % COLORS.length];
    }

    private static void put(RgbFormat format, byte[] pixels, int at, int[] rgb) {
        final boolean bgr = format == RgbFormat.BGR24 || format == RgbFormat.BGRA;
        pixels[at] = (byte) (bgr ? rgb[2] : rgb[0]);
        pixels[at + 1] = (byte) rgb[1];
        pixels[at + 2] = (byte) (bgr ? rgb[0] : rgb[2]);
        if (format.bytesPerPixel() == 4) {
            pixels[at + 3] = (byte) 255;
        }
    }

    @ParameterizedTest
    @EnumSource(RgbFormat.class)
    void rgbToI420AndBackKeepsEveryColourWithinTwoLevels(RgbFormat format) {
        final byte[] rgb = blocks(format);
        final VideoFrame frame = converter.fromRgb(format, WIDTH, HEIGHT, rgb, WIDTH * format.bytesPerPixel(), 77);
        assertThat(frame.width()).isEqualTo(WIDTH);
        assertThat(frame.timestampMicros()).isEqualTo(77);
        final byte[] back = converter.toRgb(frame, format);
        assertThat(back).hasSize(rgb.length);
        int worst = 0;
        final int bpp = format.bytesPerPixel();
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                // Inside the blocks: within 4 px of an edge, chroma is mixed with the neighbour's (4:2:0,
                // filtered down and back up).
                if (x % BLOCK < 4 || x % BLOCK >= BLOCK - 4 || y % BLOCK < 4 || y % BLOCK >= BLOCK - 4) {
                    continue;
                }
                for (int c = 0; c < bpp; c++) {
                    final int at = (y * WIDTH + x) * bpp + c;
                    worst = Math.max(worst, Math.abs((rgb[at] & 0xff) - (back[at] & 0xff)));
                }
            }
        }
        System.out.printf("%s round trip: worst channel error %d inside the blocks%n", format, worst);
        assertThat(worst).isLessThanOrEqualTo(ROUND_TRIP_TOLERANCE);
    }

    @ParameterizedTest
    @EnumSource(RgbFormat.class)
    void pureRedBecomesBt601LimitedRangeRed(RgbFormat format) {
        final byte[] red = new byte[16 * 16 * format.bytesPerPixel()];
        for (int i = 0; i < 16 * 16; i++) {
            put(format, red, i * format.bytesPerPixel(), new int[] { 255, 0, 0 });
        }
        final VideoFrame frame = converter.fromRgb(format, 16, 16, red, 16 * format.bytesPerPixel(), 0);
        // BT.601 limited range: red is Y 81, U 90, V 240.
        assertThat(frame.lumaAt(8, 8)).isBetween(80, 82);
        assertThat(frame.dataU()[4 * frame.strideU() + 4] & 0xff).isBetween(89, 91);
        assertThat(frame.dataV()[4 * frame.strideV() + 4] & 0xff).isBetween(239, 241);
    }

    @Test
    void nv12AndI420ConvertBothWaysExactly() {
        final VideoFrame source = NumberedPattern.frame(1234, WIDTH, HEIGHT, 5);
        final byte[] nv12 = converter.toNv12(source);
        assertThat(nv12).hasSize(WIDTH * HEIGHT * 3 / 2);
        // Interleaved: U then V for each chroma sample.
        final int cw = source.chromaWidth();
        assertThat(nv12[WIDTH * HEIGHT + 2 * 10]).isEqualTo(source.dataU()[10]);
        assertThat(nv12[WIDTH * HEIGHT + 2 * 10 + 1]).isEqualTo(source.dataV()[10]);
        final byte[] uv = java.util.Arrays.copyOfRange(nv12, WIDTH * HEIGHT, nv12.length);
        final VideoFrame back = converter.fromNv12(WIDTH, HEIGHT, nv12, WIDTH, uv, 2 * cw, 5);
        assertThat(back.dataY()).isEqualTo(source.dataY());
        assertThat(back.dataU()).isEqualTo(source.dataU());
        assertThat(back.dataV()).isEqualTo(source.dataV());
        assertThat(NumberedPattern.read(back)).isEqualTo(1234);
    }

    @Test
    void scalingGivesTheNewSizeAndKeepsAColourPatchWhereItWas() {
        // A grey picture with a red patch over its left half's middle.
        final VideoFrame source = VideoFrame.allocate(320, 240, 99);
        java.util.Arrays.fill(source.dataY(), (byte) 126);
        java.util.Arrays.fill(source.dataU(), (byte) 128);
        java.util.Arrays.fill(source.dataV(), (byte) 128);
        for (int y = 60; y < 180; y++) {
            for (int x = 40; x < 120; x++) {
                source.dataY()[y * 320 + x] = 81;
                source.dataU()[y / 2 * 160 + x / 2] = 90;
                source.dataV()[y / 2 * 160 + x / 2] = (byte) 240;
            }
        }
        for (int[] size : new int[][] { { 160, 90 }, { 640, 480 }, { 100, 100 } }) {
            final VideoFrame scaled = converter.scale(source, size[0], size[1]);
            assertThat(scaled.width()).isEqualTo(size[0]);
            assertThat(scaled.height()).isEqualTo(size[1]);
            assertThat(scaled.timestampMicros()).isEqualTo(99);
            // The patch's centre (80, 120 of 320×240) and a grey corner.
            final int px = size[0] * 80 / 320;
            final int py = size[1] * 120 / 240;
            assertThat(scaled.lumaAt(px, py)).as("patch luma at %dx%d", size[0], size[1]).isBetween(79, 83);
            assertThat(scaled.dataV()[py / 2 * scaled.strideV() + px / 2] & 0xff).isBetween(236, 242);
            assertThat(scaled.lumaAt(size[0] - 3, 2)).isBetween(124, 128);
            assertThat(scaled.dataV()[scaled.strideV() + scaled.chromaWidth() - 2] & 0xff).isBetween(126, 130);
        }
    }

    @Test
    void aClosedConverterRefusesWork() {
        converter.close();
        converter.close();
        assertThatThrownBy(() -> converter.scale(VideoFrame.allocate(16, 16, 0), 8, 8))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void planesShorterThanTheirSizeAreRefused() {
        assertThatThrownBy(() -> converter.fromRgb(RgbFormat.RGB24, 16, 16, new byte[16 * 16], 48, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pixels");
        assertThatThrownBy(() -> VideoFrame.of(16, 16, new byte[256], 16, new byte[64], 8, new byte[63], 8, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v:");
    }
}
