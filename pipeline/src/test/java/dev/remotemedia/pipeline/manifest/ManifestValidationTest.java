package dev.remotemedia.pipeline.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.node.MultiInputNode;
import dev.remotemedia.pipeline.node.NodeDescriptor;
import dev.remotemedia.pipeline.node.NodeKind;
import dev.remotemedia.pipeline.node.NodeRegistry;
import dev.remotemedia.pipeline.nodes.BuiltInNodes;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DESIGN.md §5.4: every problem of a manifest is reported at once, each with its location. */
class ManifestValidationTest {
    /** A fixed set of types, so the "unknown type" message does not change when nodes are added. */
    static final NodeRegistry REGISTRY = registry();
    static final ManifestLoader LOADER = ManifestLoader.of(REGISTRY);

    private static NodeRegistry registry() {
        final Set<String> keep = Set.of("Input", "Output", "Gain", "TextTransform", "ToneGenerator", "Recorder");
        final List<NodeDescriptor> types = new ArrayList<>();
        new BuiltInNodes().nodes().stream().filter(d -> keep.contains(d.typeName())).forEach(types::add);
        types.add(NodeDescriptor.builder("Mix", NodeKind.MULTI_INPUT).factory(ctx -> new MultiInputNode() {
            @Override
            public void process(int input, RuntimeData data, dev.remotemedia.pipeline.node.Emitter out) {
                out.emit(data);
            }
        }).build());
        return NodeRegistry.of(types);
    }

    private static final String HEAD = "version: v1\nnodes:\n"
                                       + "  - { id: input, node_type: Input }\n"
                                       + "  - { id: output, node_type: Output }\n";

    static Stream<Arguments> badManifests() {
        return Stream.of(
                bad("unknown node type",
                    HEAD + "  - { id: x, node_type: Foo }\nconnections:\n  - { from: input, to: output }\n",
                    "nodes[2].node_type: \"Foo\" (expected: a known node type, one of Gain, Input, Mix, Output, "
                    + "Recorder, TextTransform, ToneGenerator)"),
                bad("duplicate id",
                    HEAD + "  - { id: input, node_type: Gain }\nconnections:\n  - { from: input, to: output }\n",
                    "nodes[2].id: \"input\" is already the id of nodes[0]"),
                bad("invalid id",
                    HEAD + "  - { id: 'a b', node_type: Gain }\nconnections:\n  - { from: input, to: output }\n",
                    "nodes[2].id: \"a b\" (expected: 1 to 64 letters, digits, '_' or '-')"),
                bad("dangling connection",
                    HEAD + "connections:\n  - { from: input, to: nowhere }\n  - { from: ghost, to: output }\n",
                    "connections[0].to: \"nowhere\" (expected: the id of a node)",
                    "connections[1].from: \"ghost\" (expected: the id of a node)"),
                bad("duplicate connection",
                    HEAD + "connections:\n  - { from: input, to: output }\n  - { from: input, to: output }\n",
                    "connections[1]: duplicate of connections[0] (input -> output)"),
                bad("connection to itself",
                    HEAD + "  - { id: g, node_type: Gain }\nconnections:\n  - { from: g, to: g }\n"
                    + "  - { from: input, to: output }\n",
                    "connections[0]: \"g\" is connected to itself"),
                bad("cycle",
                    HEAD + "  - { id: a, node_type: Gain }\n  - { id: b, node_type: Gain }\n"
                    + "  - { id: c, node_type: Gain }\nconnections:\n  - { from: input, to: a }\n"
                    + "  - { from: a, to: b }\n  - { from: b, to: c }\n  - { from: c, to: a }\n"
                    + "  - { from: c, to: output }\n",
                    "connections: cycle through a, b, c (expected: no cycles)"),
                bad("missing Input and Output",
                    "version: v1\nnodes:\n  - { id: g, node_type: Gain }\n",
                    "nodes: no Input node (expected: exactly one)",
                    "nodes: no Output node (expected: exactly one)"),
                bad("two Inputs",
                    HEAD + "  - { id: input2, node_type: Input }\nconnections:\n  - { from: input, to: output }\n",
                    "nodes[2].node_type: a second Input node (expected: exactly one; the first is nodes[0])"),
                bad("param of the wrong type",
                    HEAD + "  - { id: g, node_type: Gain, params: { gain_db: loud } }\n",
                    "nodes[2].params.gain_db: \"loud\" (expected: a number in [-120.0, 60.0])"),
                bad("param out of range",
                    HEAD + "  - { id: g, node_type: Gain, params: { gain_db: 61 } }\n",
                    "nodes[2].params.gain_db: 61 (expected: a number in [-120.0, 60.0])"),
                bad("integer param given a fraction",
                    HEAD + "  - { id: t, node_type: ToneGenerator, params: { frame_ms: 2.5 } }\n",
                    "nodes[2].params.frame_ms: 2.5 (expected: an integer in [1, 1000])"),
                bad("choice param not among the choices",
                    HEAD + "  - { id: t, node_type: TextTransform, params: { mode: shout } }\n",
                    "nodes[2].params.mode: \"shout\" (expected: one of upper, lower, reverse, echo)"),
                bad("unknown param",
                    HEAD + "  - { id: g, node_type: Gain, params: { gain: 3 } }\n"
                    + "  - { id: p, node_type: Input, params: { x: 1 } }\n",
                    "nodes[2].params.gain: unknown param (expected: one of gain_db)",
                    "nodes[3].params.x: unknown param (expected: one of sample_rate, channels)",
                    "nodes[3].node_type: a second Input node (expected: exactly one; the first is nodes[0])"),
                bad("missing required param",
                    HEAD + "  - { id: rec, node_type: Recorder }\n",
                    "nodes[2].params.directory: missing (expected: a string)"),
                bad("list as a param",
                    HEAD + "  - { id: g, node_type: Gain, params: { gain_db: [1, 2] } }\n",
                    "nodes[2].params.gain_db: a list (expected: a number in [-120.0, 60.0])"),
                bad("connections into a source, out of a sink, into Input, out of Output",
                    HEAD + "  - { id: tone, node_type: ToneGenerator }\n"
                    + "  - { id: rec, node_type: Recorder, params: { directory: /tmp } }\n"
                    + "connections:\n  - { from: input, to: tone }\n  - { from: rec, to: output }\n"
                    + "  - { from: output, to: input }\n",
                    "connections[0].to: \"tone\" (ToneGenerator) takes no input",
                    "connections[1].from: \"rec\" (Recorder) has no output",
                    "connections[2].from: \"output\" (Output) has no output",
                    "connections[2].to: \"input\" (Input) takes no input"),
                bad("multi-input node without input",
                    HEAD + "  - { id: mix, node_type: Mix }\nconnections:\n  - { from: mix, to: output }\n",
                    "nodes[2]: \"mix\" (Mix) has no input (expected: at least one connection into it)"),
                bad("version, shape and unknown fields",
                    "version: v2\nextra: 1\nmetadata: { name: [x] }\nnodes:\n"
                    + "  - { id: input, node_type: Input, colour: red }\n"
                    + "  - { node_type: Output }\n  - { id: g, node_type: 7 }\n  - just-a-string\n"
                    + "  - { id: h, node_type: Gain, params: 3 }\n"
                    + "  - { id: k, node_type: Gain, params: { gain_db: null } }\n"
                    + "connections:\n  - { from: input }\n  - [input, output]\n",
                    "extra: unknown field (expected one of: version, metadata, nodes, connections)",
                    "version: \"v2\" (expected: v1)",
                    "metadata.name: a list (expected: a string)",
                    "nodes[0].colour: unknown field (expected one of: id, node_type, params)",
                    "nodes[1].id: missing (expected: 1 to 64 letters, digits, '_' or '-')",
                    "nodes[2].node_type: 7 (expected: a node type)",
                    "nodes[3]: \"just-a-string\" (expected: an object with id, node_type and params)",
                    "nodes[4].params: 3 (expected: an object)",
                    "nodes[5].params.gain_db: null (expected: a value)",
                    "connections[0].to: missing (expected: a node id)",
                    "connections[1]: a list (expected: an object with from and to)"),
                bad("nodes missing",
                    "version: v1\nconnections: []\n",
                    "nodes: missing (expected: a list of nodes)"),
                bad("not an object",
                    "- a\n- b\n",
                    "manifest: a list (expected: an object with version, nodes and connections)"),
                bad("empty",
                    "   \n",
                    "manifest: empty (expected: an object with version, nodes and connections)"),
                bad("every problem at once, in order",
                    "version: v1\nnodes:\n  - { id: input, node_type: Input }\n  - { id: a, node_type: Gainz }\n"
                    + "  - { id: a, node_type: Gain, params: { gain_db: -200 } }\n"
                    + "connections:\n  - { from: input, to: a }\n  - { from: a, to: out }\n",
                    "nodes[1].node_type: \"Gainz\" (expected: a known node type, one of Gain, Input, Mix, Output, "
                    + "Recorder, TextTransform, ToneGenerator)",
                    "nodes[2].id: \"a\" is already the id of nodes[1]",
                    "nodes[2].params.gain_db: -200 (expected: a number in [-120.0, 60.0])",
                    "connections[1].to: \"out\" (expected: the id of a node)",
                    "nodes: no Output node (expected: exactly one)"),
                bad("JSON with the same problems as YAML",
                    "{\"version\": \"v1\", \"nodes\": [{\"id\": \"input\", \"node_type\": \"Input\"},"
                    + " {\"id\": \"g\", \"node_type\": \"Gain\", \"params\": {\"gain_db\": true}}],"
                    + " \"connections\": [{\"from\": \"input\", \"to\": \"g\"}]}",
                    "nodes[1].params.gain_db: true (expected: a number in [-120.0, 60.0])",
                    "nodes: no Output node (expected: exactly one)"));
    }

    private static Arguments bad(String name, String text, String... expected) {
        return Arguments.of(name, text, List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badManifests")
    void reports_exactly_the_expected_problems(String name, String text, List<String> expected) {
        final ManifestCheck check = LOADER.check(text);
        assertThat(check.valid()).isFalse();
        assertThat(check.manifest()).isNull();
        assertThat(check.problems()).extracting(ManifestProblem::toString).containsExactlyElementsOf(expected);
    }

    @Test
    void parse_throws_one_exception_listing_every_problem() {
        assertThatThrownBy(() -> LOADER.parse("version: v1\nnodes: []\n"))
                .isInstanceOf(RemoteMediaException.class)
                .hasMessage("invalid manifest (2 problems):\n"
                            + "  nodes: no Input node (expected: exactly one)\n"
                            + "  nodes: no Output node (expected: exactly one)")
                .extracting(e -> ((RemoteMediaException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIG);
    }

    @Test
    void yaml_and_json_of_the_same_pipeline_read_the_same() {
        final Manifest yaml = LOADER.parse("version: v1\nmetadata: { name: g }\nnodes:\n"
                                           + "  - { id: input, node_type: Input }\n"
                                           + "  - { id: g, node_type: Gain, params: { gain_db: -6 } }\n"
                                           + "  - { id: output, node_type: Output }\n"
                                           + "connections:\n  - { from: input, to: g }\n  - { from: g, to: output }\n");
        final Manifest json = LOADER.parse("{\"version\":\"v1\",\"metadata\":{\"name\":\"g\"},\"nodes\":["
                                           + "{\"id\":\"input\",\"node_type\":\"Input\"},"
                                           + "{\"id\":\"g\",\"node_type\":\"Gain\",\"params\":{\"gain_db\":-6}},"
                                           + "{\"id\":\"output\",\"node_type\":\"Output\"}],\"connections\":["
                                           + "{\"from\":\"input\",\"to\":\"g\"},{\"from\":\"g\",\"to\":\"output\"}]}");
        assertThat(yaml).isEqualTo(json);
        assertThat(yaml.name()).isEqualTo("g");
        assertThat(yaml.nodes().get(1)).isEqualTo(new NodeSpec("g", "Gain", Map.of("gain_db", -6L)));
        assertThat(yaml).isEqualTo(Manifest.builder().name("g").node("input", "Input")
                                           .node("g", "Gain", Map.of("gain_db", -6L)).node("output", "Output")
                                           .chain("input", "g", "output").build());
    }

    @Test
    void a_manifest_built_in_code_is_validated_the_same_way() {
        final Manifest m = Manifest.builder().node("input", "Input").node("g", "Gain", Map.of("gain_db", "x"))
                                   .connect("input", "g").connect("g", "nope").build();
        assertThat(LOADER.validate(m)).extracting(ManifestProblem::toString).containsExactly(
                "nodes[1].params.gain_db: \"x\" (expected: a number in [-120.0, 60.0])",
                "connections[1].to: \"nope\" (expected: the id of a node)",
                "nodes: no Output node (expected: exactly one)");
        assertThatThrownBy(() -> LOADER.requireValid(m)).isInstanceOf(RemoteMediaException.class)
                                                        .hasMessageStartingWith("invalid manifest (3 problems):");
    }
}
