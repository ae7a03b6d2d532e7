package dev.remotemedia.pipeline.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.pipeline.manifest.Manifest;
import dev.remotemedia.pipeline.node.MultiInputNode;
import dev.remotemedia.pipeline.node.NodeDescriptor;
import dev.remotemedia.pipeline.node.NodeKind;
import dev.remotemedia.pipeline.node.NodeRegistry;
import dev.remotemedia.pipeline.node.TransformNode;
import dev.remotemedia.pipeline.nodes.BuiltInNodes;
import dev.remotemedia.testing.FakeTimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The graph core on the caller's thread, with a fake clock. */
class PipelineGraphTest {
    private final FakeTimeSource clock = FakeTimeSource.of();

    private NodeRegistry registry() {
        final List<NodeDescriptor> all = new ArrayList<>(new BuiltInNodes().nodes());
        // "Join" tags each item with the input it came on; "Slow" takes 7 µs of (fake) time per item.
        all.add(NodeDescriptor.builder("Join", NodeKind.MULTI_INPUT).factory(ctx -> (MultiInputNode) (in, d, out) ->
                out.emit(TextData.of(in + "/" + ctx.inputCount() + ":" + ((TextData) d).text()))).build());
        all.add(NodeDescriptor.builder("Slow", NodeKind.TRANSFORM).factory(ctx -> (TransformNode) (d, out) -> {
            clock.advance(7_000);
            out.emit(d);
        }).build());
        return NodeRegistry.of(all);
    }

    @Test
    void fan_out_and_fan_in_keep_the_order_of_every_connection() {
        final Manifest m = Manifest.builder().node("input", "Input")
                                   .node("up", "TextTransform", Map.of("mode", "upper"))
                                   .node("rev", "TextTransform", Map.of("mode", "reverse"))
                                   .node("join", "Join").node("output", "Output")
                                   .connect("input", "up").connect("input", "rev").connect("rev", "join")
                                   .connect("up", "join").connect("join", "output").build();
        final PipelineGraph g = PipelineGraph.open(m, registry(), "s", clock);
        final List<String> out = new ArrayList<>();
        assertThat(g.push(TextData.of("ab"), d -> out.add(((TextData) d).text()))).isNull();
        assertThat(g.push(TextData.of("cd"), d -> out.add(((TextData) d).text()))).isNull();
        // Inputs of "join" are numbered in connection order: rev is 0, up is 1.
        assertThat(out).containsExactly("1/2:AB", "0/2:ba", "1/2:CD", "0/2:dc");
        assertThat(g.close()).isEmpty();
    }

    @Test
    void latency_is_measured_with_the_given_clock() {
        final Manifest m = Manifest.builder().node("input", "Input").node("slow", "Slow").node("output", "Output")
                                   .chain("input", "slow", "output").build();
        final PipelineGraph g = PipelineGraph.open(m, registry(), "s", clock);
        for (int i = 0; i < 3; i++) {
            g.push(TextData.of("x"), d -> { });
        }
        final NodeMetrics slow = g.metrics().get(1);
        assertThat(slow.nodeId()).isEqualTo("slow");
        assertThat(slow.processed()).isEqualTo(3);
        assertThat(slow.totalLatencyNanos()).isEqualTo(21_000);
        assertThat(slow.maxLatencyNanos()).isEqualTo(7_000);
        assertThat(g.metrics().get(0).totalLatencyNanos()).isZero();
    }

    @Test
    void a_failure_stops_the_step_and_the_graph() {
        final Manifest m = Manifest.builder().node("input", "Input").node("g", "Gain").node("output", "Output")
                                   .chain("input", "g", "output").build();
        final NodeRegistry r = NodeRegistry.of(List.of(
                registry().find("Input"), registry().find("Output"),
                NodeDescriptor.builder("Gain", NodeKind.TRANSFORM).factory(ctx -> (TransformNode) (d, out) -> {
                    throw new ArithmeticException("bad");
                }).build()));
        final PipelineGraph g = PipelineGraph.open(m, r, "s", clock);
        final List<RuntimeData> out = new ArrayList<>();
        final NodeFailure f = g.push(TextData.of("x"), out::add);
        assertThat(f.nodeId()).isEqualTo("g");
        assertThat(f.phase()).isEqualTo("process");
        assertThat(f.message()).isEqualTo("node \"g\" (Gain) failed in process: ArithmeticException: bad");
        assertThat(out).isEmpty();
        assertThatThrownBy(() -> g.push(TextData.of("y"), out::add)).isInstanceOf(IllegalStateException.class)
                                                                    .hasMessageStartingWith("graph failed: ");
        assertThat(g.close()).isEmpty();
    }

    @Test
    void a_runaway_node_is_stopped() {
        final List<NodeDescriptor> all = new ArrayList<>(new BuiltInNodes().nodes());
        all.add(NodeDescriptor.builder("Flood", NodeKind.TRANSFORM).factory(ctx -> (TransformNode) (d, out) -> {
            for (int i = 0; i < 1_000_000; i++) {
                out.emit(d);
            }
        }).build());
        final Manifest m = Manifest.builder().node("input", "Input").node("f", "Flood").node("p", "Passthrough")
                                   .node("output", "Output").chain("input", "f", "p", "output").build();
        final PipelineGraph g = PipelineGraph.open(m, NodeRegistry.of(all), "s", clock);
        final NodeFailure f = g.push(TextData.of("x"), d -> { });
        assertThat(f.message()).isEqualTo("node \"f\" (Flood) failed in process: IllegalStateException: more than 65536 "
                                          + "items wait for node \"p\" (expected: fewer outputs per input)");
    }
}
