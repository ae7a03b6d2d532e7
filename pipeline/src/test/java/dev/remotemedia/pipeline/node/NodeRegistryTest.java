package dev.remotemedia.pipeline.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.pipeline.data.JsonData;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.pipeline.manifest.Manifest;
import dev.remotemedia.pipeline.nodes.BuiltInNodes;
import dev.remotemedia.pipeline.runtime.PipelineRunner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Node types are found with ServiceLoader; a jar on the class path adds its own like the built-ins do. */
class NodeRegistryTest {

    @Test
    void the_class_path_registry_holds_the_built_ins_and_a_third_party_provider() {
        final NodeRegistry registry = NodeRegistry.load();
        assertThat(registry.typeNames()).contains("Input", "Output", "Passthrough", "Gain", "ToneGenerator",
                                                  "TextTransform", "Recorder", "acme.WordCount",
                                                  "acme.DropBlankText");
        assertThat(registry.find("acme.DropBlankText").kind()).isEqualTo(NodeKind.FILTER);
        assertThat(registry.find("Gain").params()).extracting(ParamSpec::toString)
                                                  .containsExactly("gain_db: a number in [-120.0, 60.0], default 0.0");
        assertThat(registry.find("nope")).isNull();
    }

    @Test
    void third_party_nodes_run_in_a_pipeline() {
        final Manifest m = Manifest.builder().node("input", "Input").node("drop", "acme.DropBlankText")
                                   .node("count", "acme.WordCount", Map.of("field", "n")).node("output", "Output")
                                   .chain("input", "drop", "count", "output").build();
        try (PipelineRunner runner = PipelineRunner.of()) {
            assertThat(runner.executeUnary(m, TextData.of("three little words")))
                    .containsExactly(JsonData.of("{\"n\":3}"));
            assertThat(runner.executeUnary(m, TextData.of("   "))).isEmpty();
        }
    }

    @Test
    void two_providers_may_not_declare_the_same_type() {
        final List<NodeDescriptor> twice = new java.util.ArrayList<>(new BuiltInNodes().nodes());
        twice.add(NodeDescriptor.builder("Gain", NodeKind.TRANSFORM).factory(ctx -> null).build());
        assertThatThrownBy(() -> NodeRegistry.of(twice)).isInstanceOf(IllegalStateException.class)
                                                        .hasMessage("node type Gain is declared twice (expected: "
                                                                    + "one provider per type name)");
    }

    @Test
    void a_factory_must_make_the_kind_it_declares() {
        final NodeDescriptor liar = NodeDescriptor.builder("Liar", NodeKind.SINK)
                                                  .factory(ctx -> (TransformNode) (d, out) -> out.emit(d)).build();
        assertThatThrownBy(() -> liar.create(new NodeContext("s", "n", "Liar", NodeParams.empty(), 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("Liar is declared SINK");
    }

    @Test
    void params_resolve_with_defaults_and_canonical_types() {
        final List<ParamSpec> specs = List.of(ParamSpec.number("x", 1.5, 0, 10, ""),
                                              ParamSpec.integer("n", 3L, 1, 5, ""),
                                              ParamSpec.bool("b", false, ""),
                                              ParamSpec.choice("mode", "a", List.of("a", "b"), ""),
                                              ParamSpec.string("s", null, ""));
        final NodeParams p = NodeParams.resolve(specs, Map.of("x", 2, "n", 4.0, "s", "hi"));
        assertThat(p.getDouble("x")).isEqualTo(2.0);
        assertThat(p.getInt("n")).isEqualTo(4);
        assertThat(p.getBoolean("b")).isFalse();
        assertThat(p.getString("mode")).isEqualTo("a");
        assertThat(p.getString("s")).isEqualTo("hi");
        assertThatThrownBy(() -> NodeParams.resolve(specs, Map.of())).hasMessage("s: missing (expected: a string)");
        assertThatThrownBy(() -> NodeParams.resolve(specs, Map.of("s", "", "n", 9)))
                .hasMessage("n: 9 (expected: an integer in [1, 5])");
        assertThatThrownBy(() -> NodeParams.resolve(specs, Map.of("s", "", "zz", 1)))
                .hasMessageStartingWith("unknown params");
        assertThatThrownBy(() -> p.getString("x")).hasMessage("param x: Double (expected: String)");
        assertThatThrownBy(() -> ParamSpec.number("x", 11.0, 0, 10, ""))
                .hasMessage("x: default 11.0 (expected: a number in [0.0, 10.0])");
    }

    @Test
    void a_filter_passes_the_same_instance_on() {
        final RuntimeData text = TextData.of("kept");
        final Manifest m = Manifest.builder().node("input", "Input").node("drop", "acme.DropBlankText")
                                   .node("output", "Output").chain("input", "drop", "output").build();
        try (PipelineRunner runner = PipelineRunner.of()) {
            assertThat(runner.executeUnary(m, text).get(0)).isSameAs(text);
        }
    }
}
