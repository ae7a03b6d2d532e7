package dev.remotemedia.pipeline.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.pipeline.data.PixelFormat;
import dev.remotemedia.pipeline.data.VideoData;
import dev.remotemedia.pipeline.nodes.VideoPlanes.Channel;
import org.junit.jupiter.api.Test;

class ScaleNodeTest {

    @Test
    void a_two_colour_split_stays_at_the_same_place_within_a_pixel() {
        // Left 3/8 dark and blue-ish, right 5/8 bright and red-ish, in every channel.
        final int[][] sizes = {{320, 180}, {1280, 720}, {300, 200}, {642, 362}, {96, 54}};
        for (PixelFormat format : PixelFormat.values()) {
            final int[] splits = new int[3];
            for (int c = 0; c < 3; c++) {
                splits[c] = Pictures.channel(640, 360, format, c).width() * 3 / 8;
            }
            final VideoData in = Pictures.draw(format, 640, 360,
                                               (c, x, y) -> x >= splits[c] ? 235 - 10 * c : 16 + 20 * c);
            for (int[] size : sizes) {
                final VideoData out = Pictures.one(new ScaleNode(size[0], size[1]), in);
                assertThat(out.width()).isEqualTo(size[0]);
                assertThat(out.height()).isEqualTo(size[1]);
                for (int c = 0; c < 3; c++) {
                    final Channel ch = Pictures.channel(out, c);
                    final double split = ch.width() * 3.0 / 8;
                    final int low = 16 + 20 * c;
                    final int high = 235 - 10 * c;
                    for (int y = 0; y < ch.height(); y += Math.max(1, ch.height() / 7)) {
                        for (int x = 0; x < ch.width(); x++) {
                            final int v = Pictures.sample(out, c, x, y);
                            final String where = format + " " + size[0] + "x" + size[1] + " channel " + c + " x=" + x;
                            if (x + 0.5 < split - 1) {
                                assertThat(v).as(where).isEqualTo(low);
                            } else if (x + 0.5 > split + 1) {
                                assertThat(v).as(where).isEqualTo(high);
                            } else {
                                assertThat(v).as(where).isBetween(low, high);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void halving_a_one_pixel_checkerboard_averages_it_to_mid_gray() {
        final VideoData board = Pictures.draw(PixelFormat.I420, 64, 32, (c, x, y) -> c == 0 ? ((x + y) % 2) * 255 : 128);
        final VideoData out = Pictures.one(new ScaleNode(32, 16), board);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                assertThat(Pictures.sample(out, 0, x, y)).isEqualTo(128);
            }
        }
    }

    @Test
    void doubling_interpolates_between_neighbours() {
        // A horizontal ramp 0, 64, 128, 192: centre-aligned doubling puts samples at i/2 - 1/4.
        final VideoData ramp = Pictures.draw(PixelFormat.RGB24, 4, 2, (c, x, y) -> 64 * x);
        final VideoData out = Pictures.one(new ScaleNode(8, 4), ramp);
        final int[] expected = {0, 16, 48, 80, 112, 144, 176, 192};
        for (int x = 0; x < 8; x++) {
            assertThat(Pictures.sample(out, 1, x, 2)).as("x=%d", x).isEqualTo(expected[x]);
        }
    }

    @Test
    void a_constant_picture_stays_constant_at_any_size() {
        for (PixelFormat format : PixelFormat.values()) {
            final VideoData in = Pictures.constant(format, 50, 30, 77, 99, 211);
            final VideoData out = Pictures.one(new ScaleNode(122, 68), in);
            assertThat(out).isEqualTo(Pictures.constant(format, 122, 68, 77, 99, 211));
        }
    }

    @Test
    void a_frame_already_of_the_size_passes_as_it_is() {
        final VideoData in = Pictures.gradient(PixelFormat.NV12, 64, 36);
        assertThat(Pictures.run(new ScaleNode(64, 36), in)).singleElement().isSameAs(in);
    }
}
