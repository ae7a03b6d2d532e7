package dev.remotemedia.pipeline.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.pipeline.data.PixelFormat;
import dev.remotemedia.pipeline.data.VideoData;
import dev.remotemedia.pipeline.nodes.VideoPlanes.Channel;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlurNodeTest {

    @Test
    void a_constant_picture_stays_the_same_constant() {
        for (PixelFormat format : PixelFormat.values()) {
            final VideoData in = Pictures.constant(format, 40, 24, 90, 60, 200);
            for (int radius : new int[] {1, 3, 64}) {
                for (int passes = 1; passes <= 3; passes += 2) {
                    assertThat(Pictures.one(new BlurNode(radius, passes), in).toByteArray())
                            .as("%s radius %d passes %d", format, radius, passes).isEqualTo(in.toByteArray());
                }
            }
        }
    }

    @Test
    void a_single_white_pixel_spreads_evenly_over_the_box_with_its_total_kept() {
        final int size = 64;
        final int cx = 30;
        final int cy = 20;
        final VideoData in = Pictures.draw(PixelFormat.I420, size, size,
                                           (c, x, y) -> c == 0 && x == cx && y == cy ? 255 : c == 0 ? 0 : 128);
        final int radius = 2;
        final VideoData out = Pictures.one(new BlurNode(radius, 1), in);
        long total = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                final int v = Pictures.sample(out, 0, x, y);
                final boolean inBox = Math.abs(x - cx) <= radius && Math.abs(y - cy) <= radius;
                // 255 / 25 = 10.2, rounded to 10 in each of the 25 pixels of the box.
                assertThat(v).as("%d,%d", x, y).isEqualTo(inBox ? 10 : 0);
                total += v;
            }
        }
        assertThat(total).isBetween(255L - 25 / 2, 255L + 25 / 2);
        // The chroma was constant, so it stays so.
        assertThat(Pictures.sample(out, 1, 5, 5)).isEqualTo(128);
    }

    @Test
    void three_passes_spread_wider_like_a_gaussian_and_keep_the_total_within_rounding() {
        final int size = 64;
        final VideoData in = Pictures.draw(PixelFormat.I420, size, size,
                                           (c, x, y) -> c == 0 && x == 32 && y == 32 ? 255 : 0);
        final int[] big = new int[size * size];
        final VideoData out = Pictures.one(new BlurNode(1, 3), in);
        long total = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                final int v = Pictures.sample(out, 0, x, y);
                total += v;
                if (Math.abs(x - 32) > 3 || Math.abs(y - 32) > 3) {
                    assertThat(v).as("outside the 7x7 support at %d,%d", x, y).isZero();
                }
                big[y * size + x] = v;
            }
        }
        // Each pass rounds each of up to 49 values by at most half a step.
        assertThat(total).isBetween(255L - 3 * 49 / 2, 255L + 3 * 49 / 2);
        // Peaked in the middle, falling off symmetrically.
        assertThat(big[32 * size + 32]).isGreaterThan(big[32 * size + 33]);
        assertThat(big[32 * size + 33]).isGreaterThanOrEqualTo(big[32 * size + 34]);
        assertThat(big[32 * size + 31]).isEqualTo(big[32 * size + 33]);
        assertThat(big[31 * size + 32]).isEqualTo(big[33 * size + 32]);
    }

    @Test
    void a_vertical_edge_becomes_a_linear_ramp_two_radii_wide() {
        for (PixelFormat format : PixelFormat.values()) {
            final VideoData in = Pictures.draw(format, 64, 16, (c, x, y) -> x >= 32 ? 255 : 0);
            final VideoData out = Pictures.one(new BlurNode(2, 1), in);
            final int[] expected = {0, 51, 102, 153, 204, 255};
            for (int y = 0; y < 16; y++) {
                for (int i = 0; i < expected.length; i++) {
                    assertThat(Pictures.sample(out, 0, 29 + i, y)).as("%s x=%d", format, 29 + i)
                                                                   .isEqualTo(expected[i]);
                }
            }
        }
    }

    @Test
    void half_size_chroma_planes_are_blurred_with_half_the_radius() {
        for (PixelFormat format : new PixelFormat[] {PixelFormat.I420, PixelFormat.NV12}) {
            final VideoData in = Pictures.draw(format, 32, 32, (c, x, y) -> c > 0 && x == 8 && y == 8 ? 255 : 0);
            final VideoData out = Pictures.one(new BlurNode(2, 1), in);
            assertThat(BlurNode.chromaRadius(2)).isEqualTo(1);
            for (int c = 1; c <= 2; c++) {
                final Channel ch = Pictures.channel(out, c);
                for (int y = 0; y < ch.height(); y++) {
                    for (int x = 0; x < ch.width(); x++) {
                        final boolean inBox = Math.abs(x - 8) <= 1 && Math.abs(y - 8) <= 1;
                        // 255 / 9 = 28.3
                        assertThat(Pictures.sample(out, c, x, y)).isEqualTo(inBox ? 28 : 0);
                    }
                }
            }
        }
    }

    @Test
    void rgb_channels_are_blurred_apart() {
        final VideoData in = Pictures.draw(PixelFormat.RGB24, 16, 16,
                                           (c, x, y) -> c == 1 && x == 8 && y == 8 ? 255 : 0);
        final VideoData out = Pictures.one(new BlurNode(1, 1), in);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                final boolean inBox = Math.abs(x - 8) <= 1 && Math.abs(y - 8) <= 1;
                assertThat(Pictures.sample(out, 0, x, y)).isZero();
                assertThat(Pictures.sample(out, 1, x, y)).isEqualTo(inBox ? 28 : 0);
                assertThat(Pictures.sample(out, 2, x, y)).isZero();
            }
        }
    }

    @Test
    void matches_a_direct_average_over_the_clamped_window_at_any_size_and_radius() {
        final Random random = new Random(7);
        for (int[] size : new int[][] {{1, 1}, {3, 2}, {17, 9}, {64, 40}}) {
            for (int radius : new int[] {1, 2, 5, 23}) {
                final VideoData in = Pictures.draw(PixelFormat.RGB24, size[0], size[1],
                                                   (c, x, y) -> random.nextInt(256));
                final VideoData out = Pictures.one(new BlurNode(radius, 1), in);
                final int area = (2 * radius + 1) * (2 * radius + 1);
                final byte[] px = in.toByteArray();
                for (int c = 0; c < 3; c++) {
                    final Channel ch = Pictures.channel(in, c);
                    for (int y = 0; y < size[1]; y++) {
                        for (int x = 0; x < size[0]; x++) {
                            int sum = 0;
                            for (int dy = -radius; dy <= radius; dy++) {
                                for (int dx = -radius; dx <= radius; dx++) {
                                    sum += px[ch.index(Math.max(0, Math.min(size[0] - 1, x + dx)),
                                                       Math.max(0, Math.min(size[1] - 1, y + dy)))] & 0xff;
                                }
                            }
                            assertThat(Pictures.sample(out, c, x, y))
                                    .as("%dx%d radius %d channel %d at %d,%d", size[0], size[1], radius, c, x, y)
                                    .isEqualTo((sum + area / 2) / area);
                        }
                    }
                }
            }
        }
    }

    @Test
    void radius_zero_passes_the_frame_as_it_is() {
        final VideoData in = Pictures.gradient(PixelFormat.I420, 8, 8);
        assertThat(Pictures.run(new BlurNode(0, 3), in)).singleElement().isSameAs(in);
    }
}
