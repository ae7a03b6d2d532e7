package dev.remotemedia.pipeline.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.PixelFormat;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.VideoData;
import dev.remotemedia.pipeline.manifest.Manifest;
import dev.remotemedia.pipeline.manifest.ManifestCheck;
import dev.remotemedia.pipeline.manifest.ManifestLoader;
import dev.remotemedia.pipeline.manifest.ManifestProblem;
import dev.remotemedia.pipeline.manifest.Manifests;
import dev.remotemedia.pipeline.node.NodeRegistry;
import dev.remotemedia.pipeline.runtime.PipelineRunner;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
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

    @Test
    void a_chain_of_every_video_node_runs_from_a_manifest() {
        final ManifestLoader loader = ManifestLoader.of(NodeRegistry.load());
        final Manifest chain = loader.parse(
                "version: v1\nnodes:\n"
                + "  - { id: input, node_type: Input }\n"
                + "  - { id: scale, node_type: Scale, params: { width: 320, height: 180 } }\n"
                + "  - { id: blur, node_type: Blur, params: { radius: 3, passes: 3 } }\n"
                + "  - { id: invert, node_type: Invert }\n"
                + "  - { id: stamp, node_type: Overlay, params: { text: 'cam 1', x: 4, y: 4, scale: 1 } }\n"
                + "  - { id: gray, node_type: Grayscale }\n"
                + "  - { id: output, node_type: Output }\n"
                + "connections:\n  - { from: input, to: scale }\n  - { from: scale, to: blur }\n"
                + "  - { from: blur, to: invert }\n  - { from: invert, to: stamp }\n"
                + "  - { from: stamp, to: gray }\n  - { from: gray, to: output }\n");
        try (PipelineRunner runner = PipelineRunner.of()) {
            final VideoData out = (VideoData) runner.executeUnary(chain, Pictures.gradient(PixelFormat.NV12, 640, 360))
                                                    .get(0);
            assertThat(out.width()).isEqualTo(320);
            assertThat(out.height()).isEqualTo(180);
            assertThat(OverlayNodeTest.read(out, 4, 4, 1, 5, 235)).isEqualTo("CAM 1");
            assertThat(Pictures.sample(out, 1, 100, 50)).isEqualTo(128);
        }
    }

    @Test
    void bad_video_params_are_reported_with_their_location() {
        final ManifestLoader loader = ManifestLoader.of(NodeRegistry.load());
        final ManifestCheck check = loader.check(
                "version: v1\nnodes:\n"
                + "  - { id: input, node_type: Input }\n"
                + "  - { id: blur, node_type: Blur, params: { radius: 99 } }\n"
                + "  - { id: stamp, node_type: Overlay, params: { scale: 0 } }\n"
                + "  - { id: output, node_type: Output }\n"
                + "connections:\n  - { from: input, to: blur }\n  - { from: blur, to: stamp }\n"
                + "  - { from: stamp, to: output }\n");
        assertThat(check.problems()).extracting(ManifestProblem::toString).containsExactly(
                "nodes[1].params.radius: 99 (expected: an integer in [0, 64])",
                "nodes[2].params.scale: 0 (expected: an integer in [1, 16])");
    }

    @Test
    void an_odd_scale_size_fails_the_session_naming_the_param() {
        final Manifest odd = ManifestLoader.of(NodeRegistry.load()).parse(
                "version: v1\nnodes:\n"
                + "  - { id: input, node_type: Input }\n"
                + "  - { id: half, node_type: Scale, params: { width: 321, height: 180 } }\n"
                + "  - { id: output, node_type: Output }\n"
                + "connections:\n  - { from: input, to: half }\n  - { from: half, to: output }\n");
        try (PipelineRunner runner = PipelineRunner.of()) {
            assertThatThrownBy(() -> runner.createStreamSession(odd)).isInstanceOf(RemoteMediaException.class)
                    .hasMessageContaining("half")
                    .hasMessageContaining("width: 321 (expected: an even number in [2, 8192])");
        }
    }
}
