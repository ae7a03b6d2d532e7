package dev.remotemedia.pipeline.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.PixelFormat;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.VideoData;
import dev.remotemedia.pipeline.manifest.Manifests;
import dev.remotemedia.pipeline.runtime.PipelineRunner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped video manifests, run by the real runtime (other clients rely on their names). */
class VideoManifestsTest {

    @Test
    void grayscale_keeps_the_luma_and_sets_every_chroma_sample_to_128() {
        final VideoData in = Pictures.gradient(PixelFormat.I420, 640, 360);
        try (PipelineRunner runner = PipelineRunner.of()) {
            final List<RuntimeData> out = runner.executeUnary(Manifests.builtIn("grayscale"), in);
            assertThat(out).hasSize(1);
            final VideoData gray = (VideoData) out.get(0);
            assertThat(gray.width()).isEqualTo(640);
            assertThat(gray.height()).isEqualTo(360);
            assertThat(gray.timestampUs()).isEqualTo(in.timestampUs());
            assertThat(gray.frameNumber()).isEqualTo(in.frameNumber());
            final byte[] src = in.toByteArray();
            final byte[] dst = gray.toByteArray();
            final int luma = 640 * 360;
            for (int i = 0; i < luma; i++) {
                assertThat(dst[i]).as("luma %d", i).isEqualTo(src[i]);
            }
            for (int i = luma; i < dst.length; i++) {
                assertThat(dst[i] & 0xff).as("chroma %d", i - luma).isEqualTo(128);
            }
        }
    }

    @Test
    void grayscale_streams_video_in_order_and_passes_audio_unchanged() throws Exception {
        final List<RuntimeData> inputs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            inputs.add(VideoData.wrap(Pictures.gradient(PixelFormat.NV12, 64, 36).toByteArray(), 64, 36,
                                      PixelFormat.NV12, 33_333L * i, i == 0, i));
            inputs.add(AudioData.of(new float[] {0.25f * (i % 4), -0.5f}, 48_000, 1, 20_000L * i));
        }
        final List<RuntimeData> out = Sessions.stream(Manifests.builtIn("grayscale"), inputs);
        assertThat(out).hasSize(inputs.size());
        long frame = 0;
        for (int i = 0; i < out.size(); i++) {
            if (inputs.get(i) instanceof AudioData) {
                assertThat(out.get(i)).isEqualTo(inputs.get(i));
                continue;
            }
            final VideoData v = (VideoData) out.get(i);
            assertThat(v.frameNumber()).isEqualTo(frame++);
            for (int c = 1; c <= 2; c++) {
                assertThat(Pictures.sample(v, c, 17, 5)).isEqualTo(128);
            }
            assertThat(Pictures.sample(v, 0, 17, 5)).isEqualTo(Pictures.sample((VideoData) inputs.get(i), 0, 17, 5));
        }
    }

    @Test
    void video_loopback_returns_video_and_audio_unchanged() {
        final VideoData video = Pictures.gradient(PixelFormat.I420, 64, 36);
        final AudioData audio = AudioData.of(new float[] {0.1f, 0.2f}, 48_000, 2, 5);
        try (PipelineRunner runner = PipelineRunner.of()) {
            assertThat(runner.executeUnary(Manifests.builtIn("video-loopback"), video)).containsExactly(video);
            assertThat(runner.executeUnary(Manifests.builtIn("video-loopback"), audio)).containsExactly(audio);
        }
    }
}
