package dev.remotemedia.pipeline.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.pipeline.data.PixelFormat;
import dev.remotemedia.pipeline.data.VideoData;
import org.junit.jupiter.api.Test;

class GrayscaleNodeTest {

    @Test
    void yuv_keeps_luma_and_sets_all_chroma_to_128() {
        for (PixelFormat format : new PixelFormat[] {PixelFormat.I420, PixelFormat.NV12}) {
            final VideoData in = Pictures.gradient(format, 64, 36);
            final VideoData out = Pictures.one(GrayscaleNode.INSTANCE, in);
            for (int y = 0; y < 36; y++) {
                for (int x = 0; x < 64; x++) {
                    assertThat(Pictures.sample(out, 0, x, y)).isEqualTo(Pictures.sample(in, 0, x, y));
                }
            }
            for (int c = 1; c <= 2; c++) {
                for (int y = 0; y < 18; y++) {
                    for (int x = 0; x < 32; x++) {
                        assertThat(Pictures.sample(out, c, x, y)).as("%s channel %d at %d,%d", format, c, x, y)
                                                                 .isEqualTo(128);
                    }
                }
            }
        }
    }

    @Test
    void rgb_becomes_its_bt601_luma_in_every_channel() {
        final int[][] colours = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}, {0, 0, 0}, {200, 100, 50}};
        final int[] expected = {77, 149, 29, 255, 0, 124};
        for (int i = 0; i < colours.length; i++) {
            final int[] rgb = colours[i];
            final VideoData out = Pictures.one(GrayscaleNode.INSTANCE,
                                               Pictures.constant(PixelFormat.RGB24, 4, 2, rgb[0], rgb[1], rgb[2]));
            for (int c = 0; c < 3; c++) {
                assertThat(Pictures.sample(out, c, 3, 1)).as("rgb %d,%d,%d", rgb[0], rgb[1], rgb[2])
                                                         .isEqualTo(expected[i]);
            }
        }
    }

    @Test
    void a_gray_picture_stays_as_it_is() {
        final VideoData gray = Pictures.draw(PixelFormat.RGB24, 16, 16, (c, x, y) -> x * 16 + y);
        assertThat(Pictures.one(GrayscaleNode.INSTANCE, gray).toByteArray()).isEqualTo(gray.toByteArray());
    }
}
