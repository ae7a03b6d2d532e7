package dev.remotemedia.pipeline.runtime;

import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.pipeline.node.Emitter;
import dev.remotemedia.pipeline.node.NodeDescriptor;
import dev.remotemedia.pipeline.node.NodeKind;
import dev.remotemedia.pipeline.node.NodeRegistry;
import dev.remotemedia.pipeline.node.TransformNode;
import dev.remotemedia.pipeline.nodes.BuiltInNodes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Nodes that let session tests hold, fail and batch on command. */
final class TestNodes {
    private TestNodes() {}

    static NodeRegistry registry(NodeDescriptor... extra) {
        final List<NodeDescriptor> all = new ArrayList<>(new BuiltInNodes().nodes());
        all.addAll(List.of(extra));
        return NodeRegistry.of(all);
    }

    /** "Gate": the first item signals {@code entered} and waits for {@code release}; then passes all. */
    static NodeDescriptor gate(CountDownLatch entered, CountDownLatch release) {
        return NodeDescriptor.builder("Gate", NodeKind.TRANSFORM).factory(ctx -> new TransformNode() {
            @Override
            public void process(RuntimeData data, Emitter out) throws InterruptedException {
                if (entered.getCount() > 0) {
                    entered.countDown();
                    release.await();
                }
                out.emit(data);
            }
        }).build();
    }

    /** "Fail": throws on the text "boom"; counts its closes in {@code closes}. */
    static NodeDescriptor fail(AtomicInteger closes) {
        return NodeDescriptor.builder("Fail", NodeKind.TRANSFORM).factory(ctx -> new TransformNode() {
            @Override
            public void process(RuntimeData data, Emitter out) {
                if (data instanceof TextData && ((TextData) data).text().equals("boom")) {
                    throw new IllegalStateException("boom received");
                }
                out.emit(data);
            }

            @Override
            public void close() {
                closes.incrementAndGet();
            }
        }).build();
    }

    /** "Batch": holds every text back and emits them joined by '+' when flushed. */
    static NodeDescriptor batch() {
        return NodeDescriptor.builder("Batch", NodeKind.TRANSFORM).factory(ctx -> new TransformNode() {
            private final StringBuilder held = new StringBuilder();

            @Override
            public void process(RuntimeData data, Emitter out) {
                held.append(held.length() == 0 ? "" : "+").append(((TextData) data).text());
            }

            @Override
            public void flush(Emitter out) {
                out.emit(TextData.of(held.toString()));
            }
        }).build();
    }
}
