package dev.remotemedia.pipeline.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.PixelFormat;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.pipeline.data.VideoData;
import dev.remotemedia.pipeline.node.NodeContext;
import dev.remotemedia.pipeline.node.NodeDescriptor;
import dev.remotemedia.pipeline.node.NodeParams;
import dev.remotemedia.pipeline.node.NodeRegistry;
import dev.remotemedia.pipeline.node.TransformNode;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every built-in video node promises, checked through the registry as a manifest would make them. */
class VideoNodesTest {
    private static final NodeRegistry REGISTRY = NodeRegistry.load();

    static Stream<Arguments> nodes() {
        return Stream.of(Arguments.of("Grayscale", Map.of()),
                         Arguments.of("Invert", Map.of()),
                         Arguments.of("Blur", Map.of("radius", 3, "passes", 2)),
                         Arguments.of("Scale", Map.of("width", 32, "height", 18)),
                         Arguments.of("Overlay", Map.of("text", "Hi 1", "x", 1, "y", 1, "scale", 1)));
    }

    static TransformNode create(String type, Map<String, ?> params) {
        final NodeDescriptor d = REGISTRY.find(type);
        assertThat(d).as(type).isNotNull();
        return (TransformNode) d.create(new NodeContext("s", "n", type, NodeParams.resolve(d.params(), params), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodes")
    void keeps_timestamp_frame_number_keyframe_and_metadata_and_never_writes_to_its_input(
            String type, Map<String, ?> params) {
        final TransformNode node = create(type, params);
        for (PixelFormat format : PixelFormat.values()) {
            final VideoData in = Pictures.gradient(format, 48, 26);
            final byte[] before = in.toByteArray();
            final VideoData out = Pictures.one(node, in);
            assertThat(out.format()).isEqualTo(format);
            assertThat(out.timestampUs()).isEqualTo(Pictures.TIMESTAMP_US);
            assertThat(out.frameNumber()).isEqualTo(Pictures.FRAME_NUMBER);
            assertThat(out.keyframe()).isTrue();
            assertThat(out.metadata()).isEqualTo(Pictures.METADATA);
            assertThat(out).as("%s %s changed the picture", type, format).isNotEqualTo(in);
            assertThat(in.toByteArray()).as("input pixels").isEqualTo(before);

            final VideoData delta = VideoData.wrap(in.toByteArray(), 48, 26, format, 5, false, 7);
            final VideoData deltaOut = Pictures.one(node, delta);
            assertThat(deltaOut.keyframe()).isFalse();
            assertThat(deltaOut.frameNumber()).isEqualTo(7);
            assertThat(deltaOut.metadata()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodes")
    void passes_other_data_as_the_same_instance(String type, Map<String, ?> params) {
        final TransformNode node = create(type, params);
        final AudioData audio = AudioData.of(new float[] {0.5f, -0.5f}, 48_000, 1, 3);
        final TextData text = TextData.of("hello");
        for (RuntimeData d : new RuntimeData[] {audio, text}) {
            assertThat(Pictures.run(node, d)).singleElement().isSameAs(d);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodes")
    void handles_odd_sizes_whose_chroma_is_rounded_up(String type, Map<String, ?> params) {
        final TransformNode node = create(type, params);
        for (PixelFormat format : PixelFormat.values()) {
            final VideoData in = Pictures.gradient(format, 7, 5);
            final VideoData out = Pictures.one(node, in);
            assertThat(out.pixels().remaining()).isEqualTo(format.frameSize(out.width(), out.height()));
        }
    }

    @Test
    void params_out_of_range_are_rejected_by_name() {
        assertThatThrownBy(() -> create("Blur", Map.of("radius", 65)))
                .hasMessage("radius: 65 (expected: an integer in [0, 64])");
        assertThatThrownBy(() -> create("Blur", Map.of("passes", 0)))
                .hasMessage("passes: 0 (expected: an integer in [1, 4])");
        assertThatThrownBy(() -> create("Scale", Map.of("width", 1)))
                .hasMessage("width: 1 (expected: an integer in [2, 8192])");
        assertThatThrownBy(() -> create("Scale", Map.of("height", 8194)))
                .hasMessage("height: 8194 (expected: an integer in [2, 8192])");
        assertThatThrownBy(() -> create("Scale", Map.of("width", 641)))
                .hasMessage("width: 641 (expected: an even number in [2, 8192])");
        assertThatThrownBy(() -> create("Scale", Map.of("height", 359)))
                .hasMessage("height: 359 (expected: an even number in [2, 8192])");
        assertThatThrownBy(() -> create("Overlay", Map.of("scale", 17)))
                .hasMessage("scale: 17 (expected: an integer in [1, 16])");
        assertThatThrownBy(() -> create("Overlay", Map.of("x", -1)))
                .hasMessage("x: -1 (expected: an integer in [0, 8192])");
        assertThatThrownBy(() -> create("Overlay", Map.of("text", 5)))
                .hasMessage("text: 5 (expected: a string)");
        assertThatThrownBy(() -> create("Grayscale", Map.of("strength", 1)))
                .hasMessageContaining("unknown params in [strength]");
    }
}
