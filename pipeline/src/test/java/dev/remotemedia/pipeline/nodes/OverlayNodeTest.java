package dev.remotemedia.pipeline.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.pipeline.data.PixelFormat;
import dev.remotemedia.pipeline.data.VideoData;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OverlayNodeTest {

    /** Reads {@code n} characters back from channel 0 by matching each cell against every glyph. */
    static String read(VideoData frame, int x0, int y0, int scale, int n, int ink) {
        final StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            char found = '\uFFFD';
            for (char c : BitmapFont.characters().toCharArray()) {
                if (matches(frame, x0 + (1 + OverlayNode.CELL_WIDTH * k) * scale, y0 + scale, scale, c, ink)) {
                    found = c;
                    break;
                }
            }
            sb.append(found);
        }
        return sb.toString();
    }

    private static boolean matches(VideoData frame, int gx, int gy, int scale, char c, int ink) {
        for (int row = 0; row < BitmapFont.GLYPH_HEIGHT; row++) {
            for (int col = 0; col < BitmapFont.GLYPH_WIDTH; col++) {
                // Every pixel of the scale x scale square, not just one.
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        final int v = Pictures.sample(frame, 0, gx + col * scale + dx, gy + row * scale + dy);
                        if ((v == ink) != BitmapFont.ink(c, col, row)) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    @Test
    void draws_the_text_readably_and_changes_only_the_luma_of_its_box() {
        for (PixelFormat format : new PixelFormat[] {PixelFormat.I420, PixelFormat.NV12}) {
            for (int scale : new int[] {1, 3}) {
                final VideoData in = Pictures.gradient(format, 320, 180);
                final String text = "12:34 AB-Z.";
                final VideoData out = Pictures.one(new OverlayNode(text, 10, 20, scale), in);
                assertThat(read(out, 10, 20, scale, text.length(), 235)).isEqualTo(text);
                final int right = 10 + (OverlayNode.CELL_WIDTH * text.length() + 1) * scale;
                final int bottom = 20 + OverlayNode.CELL_HEIGHT * scale;
                for (int y = 0; y < 180; y++) {
                    for (int x = 0; x < 320; x++) {
                        final int v = Pictures.sample(out, 0, x, y);
                        if (x >= 10 && x < right && y >= 20 && y < bottom) {
                            assertThat(v).isIn(16, 235);
                        } else {
                            assertThat(v).as("%s outside the box at %d,%d", format, x, y)
                                         .isEqualTo(Pictures.sample(in, 0, x, y));
                        }
                    }
                }
                final int luma = 320 * 180;
                assertThat(java.util.Arrays.copyOfRange(out.toByteArray(), luma, out.pixels().remaining()))
                        .as("chroma").isEqualTo(java.util.Arrays.copyOfRange(in.toByteArray(), luma,
                                                                              in.pixels().remaining()));
            }
        }
    }

    @Test
    void without_text_draws_the_frame_timestamp() {
        final VideoData in = VideoData.wrap(new byte[Math.toIntExact(PixelFormat.I420.frameSize(200, 40))], 200, 40,
                                            PixelFormat.I420, 3_723_456_789L, false, 0);
        final VideoData out = Pictures.one(new OverlayNode("", 2, 4, 2), in);
        assertThat(read(out, 2, 4, 2, 11, 235)).isEqualTo("1:02:03.456");
    }

    @Test
    void formats_timestamps_as_hours_minutes_seconds_and_milliseconds() {
        assertThat(OverlayNode.timestamp(0)).isEqualTo("0:00:00.000");
        assertThat(OverlayNode.timestamp(1_234_567)).isEqualTo("0:00:01.234");
        assertThat(OverlayNode.timestamp(3_723_456_789L)).isEqualTo("1:02:03.456");
        assertThat(OverlayNode.timestamp(36_000_009_999L)).isEqualTo("10:00:00.009");
        assertThat(OverlayNode.timestamp(-61_050_000)).isEqualTo("-0:01:01.050");
    }

    @Test
    void rgb_gets_white_on_black_in_all_three_channels() {
        final VideoData in = Pictures.constant(PixelFormat.RGB24, 64, 16, 10, 200, 30);
        final VideoData out = Pictures.one(new OverlayNode("7", 0, 0, 1), in);
        for (int c = 0; c < 3; c++) {
            assertThat(Pictures.sample(out, c, 1, 1)).as("ink of 7's top bar").isEqualTo(255);
            assertThat(Pictures.sample(out, c, 0, 0)).as("box").isEqualTo(0);
            assertThat(Pictures.sample(out, c, 8, 0)).as("past the box").isEqualTo(in.toByteArray()[8 * 3 + c] & 0xff);
        }
        assertThat(read(out, 0, 0, 1, 1, 255)).isEqualTo("7");
    }

    @Test
    void lower_case_is_drawn_in_upper_case_and_unknown_characters_as_a_question_mark() {
        final VideoData in = Pictures.constant(PixelFormat.I420, 100, 20, 128, 128, 128);
        final VideoData out = Pictures.one(new OverlayNode("ab~é", 0, 0, 1), in);
        assertThat(read(out, 0, 0, 1, 4, 235)).isEqualTo("AB??");
    }

    @Test
    void a_box_past_the_edge_is_cut_off() {
        final VideoData in = Pictures.constant(PixelFormat.I420, 20, 10, 128, 128, 128);
        final VideoData out = Pictures.one(new OverlayNode("LONG TEXT", 16, 6, 4), in);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                assertThat(Pictures.sample(out, 0, x, y)).isEqualTo(x >= 16 && y >= 6 ? 16 : 128);
            }
        }
        assertThat(Pictures.one(new OverlayNode("X", 5000, 5000, 16), in)).isEqualTo(in);
    }

    @Test
    void every_glyph_is_different() {
        final Set<String> shapes = new HashSet<>();
        final String chars = BitmapFont.characters();
        for (char c : chars.toCharArray()) {
            final StringBuilder sb = new StringBuilder();
            for (int row = 0; row < BitmapFont.GLYPH_HEIGHT; row++) {
                for (int col = 0; col < BitmapFont.GLYPH_WIDTH; col++) {
                    sb.append(BitmapFont.ink(c, col, row) ? '#' : '.');
                }
            }
            assertThat(shapes.add(sb.toString())).as("glyph of %s is unique", c).isTrue();
        }
        assertThat(chars).contains("0123456789").contains("ABCDEFGHIJKLMNOPQRSTUVWXYZ").contains(" ", ".", ":", "-", "#");
    }
}
