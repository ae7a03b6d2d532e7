package dev.remotemedia.pipeline.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.pipeline.data.PixelFormat;
import dev.remotemedia.pipeline.data.VideoData;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InvertNodeTest {

    @Test
    void every_sample_becomes_255_minus_itself() {
        for (PixelFormat format : PixelFormat.values()) {
            final VideoData in = Pictures.gradient(format, 30, 20);
            final byte[] before = in.toByteArray();
            final byte[] after = Pictures.one(InvertNode.INSTANCE, in).toByteArray();
            for (int i = 0; i < before.length; i++) {
                assertThat(after[i] & 0xff).isEqualTo(255 - (before[i] & 0xff));
            }
        }
    }

    @Test
    void inverting_twice_gives_the_original_back() {
        final Random random = new Random(13);
        for (PixelFormat format : PixelFormat.values()) {
            final VideoData in = Pictures.draw(format, 33, 17, (c, x, y) -> random.nextInt(256));
            final VideoData twice = Pictures.one(InvertNode.INSTANCE, Pictures.one(InvertNode.INSTANCE, in));
            assertThat(twice).isEqualTo(in);
        }
    }

    @Test
    void black_and_white_swap_and_neutral_chroma_stays_nearly_neutral() {
        final VideoData out = Pictures.one(InvertNode.INSTANCE, Pictures.constant(PixelFormat.I420, 4, 4, 16, 128, 128));
        assertThat(Pictures.sample(out, 0, 0, 0)).isEqualTo(239);
        assertThat(Pictures.sample(out, 1, 0, 0)).isEqualTo(127);
        assertThat(Pictures.sample(out, 2, 1, 1)).isEqualTo(127);
    }
}
