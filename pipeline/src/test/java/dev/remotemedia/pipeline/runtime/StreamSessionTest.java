package dev.remotemedia.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.pipeline.graph.NodeMetrics;
import dev.remotemedia.pipeline.manifest.Manifest;
import dev.remotemedia.pipeline.manifest.Manifests;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamSessionTest {
    private static final long WAIT_S = 10;

    static Manifest chain(String... middle) {
        final Manifest.Builder b = Manifest.builder().node("input", "Input");
        final List<String> ids = new ArrayList<>(List.of("input"));
        for (int i = 0; i < middle.length; i++) {
            b.node("n" + i, middle[i]);
            ids.add("n" + i);
        }
        ids.add("output");
        return b.node("output", "Output").chain(ids.toArray(new String[0])).build();
    }

    @Test
    void order_is_preserved_under_load() throws Exception {
        final int sessions = 16;
        final int items = 5_000;
        try (PipelineRunner runner = PipelineRunner.builder().workerThreads(3).build()) {
            final ExecutorService senders = Executors.newFixedThreadPool(4);
            final List<Future<List<String>>> results = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                final StreamSession session = runner.createStreamSession(
                        chain("Passthrough", "TextTransform", "Passthrough"),
                        SessionOptions.builder().inputCapacity(8).outputCapacity(8).build());
                senders.submit(() -> {
                    for (int i = 0; i < items; i++) {
                        session.sendInput(TextData.of("item-" + i));
                    }
                    session.close();
                });
                results.add(CompletableFuture.supplyAsync(() -> drain(session)));
            }
            for (Future<List<String>> r : results) {
                final List<String> got = r.get(60, TimeUnit.SECONDS);
                assertThat(got).hasSize(items);
                for (int i = 0; i < items; i++) {
                    assertThat(got.get(i)).isEqualTo("ITEM-" + i);
                }
            }
            senders.shutdown();
        }
    }

    @Test
    void block_policy_makes_the_sender_wait_and_loses_nothing() throws Exception {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        try (PipelineRunner runner = PipelineRunner.builder().registry(TestNodes.registry(
                TestNodes.gate(entered, release))).build()) {
            final StreamSession s = runner.createStreamSession(chain("Gate"), SessionOptions.builder()
                    .inputCapacity(4).outputCapacity(16).policy(QueuePolicy.BLOCK).build());
            s.sendInput(TextData.of("0"));
            assertThat(entered.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 4; i++) {
                assertThat(s.sendInput(TextData.of(String.valueOf(i)))).isTrue();
            }
            assertThat(s.metrics().inputQueueDepth()).isEqualTo(4);
            final CompletableFuture<Boolean> fifth = CompletableFuture.supplyAsync(() -> s.sendInput(TextData.of("5")));
            assertThatThrownBy(() -> fifth.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            release.countDown();
            assertThat(fifth.get(WAIT_S, TimeUnit.SECONDS)).isTrue();
            s.close();
            assertThat(drain(s)).containsExactly("0", "1", "2", "3", "4", "5");
            final SessionMetrics m = s.metrics();
            assertThat(m.inputsAccepted()).isEqualTo(6);
            assertThat(m.inputsDropped()).isZero();
            assertThat(m.outputsDropped()).isZero();
            assertThat(m.node("input").maxQueueDepth()).isEqualTo(4);
        }
    }

    @Test
    void block_policy_stops_taking_input_while_nobody_reads() throws Exception {
        try (PipelineRunner runner = PipelineRunner.of()) {
            final StreamSession s = runner.createStreamSession(chain("Passthrough"), SessionOptions.builder()
                    .inputCapacity(3).outputCapacity(2).policy(QueuePolicy.BLOCK).build());
            // 2 fill the output queue, 3 wait in the input queue; the sixth send must wait for a reader.
            final CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 6; i++) {
                    s.sendInput(TextData.of(String.valueOf(i)));
                }
            });
            assertThatThrownBy(() -> sender.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            assertThat(text(s.receiveOutput(WAIT_S, TimeUnit.SECONDS))).isEqualTo("0");
            sender.get(WAIT_S, TimeUnit.SECONDS);
            for (int i = 1; i < 6; i++) {
                assertThat(text(s.receiveOutput(WAIT_S, TimeUnit.SECONDS))).isEqualTo(String.valueOf(i));
            }
            final SessionMetrics m = s.metrics();
            s.close();
            assertThat(m.outputsDropped()).isZero();
            assertThat(m.inputsDropped()).isZero();
            // The output queue filled up to its capacity and no further: the session waited for the reader.
            assertThat(m.node("output").maxQueueDepth()).isEqualTo(2);
            assertThat(m.node("input").maxQueueDepth()).isEqualTo(3);
        }
    }

    @Test
    void drop_oldest_never_waits_and_counts_its_drops() throws Exception {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        try (PipelineRunner runner = PipelineRunner.builder().registry(TestNodes.registry(
                TestNodes.gate(entered, release))).build()) {
            final StreamSession s = runner.createStreamSession(chain("Gate"), SessionOptions.builder()
                    .inputCapacity(4).outputCapacity(3).policy(QueuePolicy.DROP_OLDEST).build());
            s.sendInput(TextData.of("0"));
            assertThat(entered.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 10; i++) {
                assertThat(s.sendInput(TextData.of(String.valueOf(i)))).isTrue();
            }
            SessionMetrics m = s.metrics();
            assertThat(m.inputsDropped()).isEqualTo(6);
            assertThat(m.node("input").dropped()).isEqualTo(6);
            release.countDown();
            s.close();
            s.closeFuture().get(WAIT_S, TimeUnit.SECONDS);
            // 0, 7, 8, 9, 10 came out; the output queue holds 3, so the oldest two were dropped too.
            assertThat(drain(s)).containsExactly("8", "9", "10");
            m = s.metrics();
            assertThat(m.outputsQueued()).isEqualTo(5);
            assertThat(m.outputsDropped()).isEqualTo(2);
            assertThat(m.node("output").dropped()).isEqualTo(2);
            assertThat(m.node("n0").processed()).isEqualTo(5);
        }
    }

    @Test
    void a_failing_node_reports_and_the_session_closes_cleanly() throws Exception {
        final AtomicInteger closes = new AtomicInteger();
        final List<SessionEvent> events = new CopyOnWriteArrayList<>();
        try (PipelineRunner runner = PipelineRunner.builder().registry(TestNodes.registry(TestNodes.fail(closes)))
                                                   .build()) {
            final StreamSession bad = runner.createStreamSession(chain("Fail"), SessionOptions.builder()
                    .listener(events::add).build());
            final StreamSession good = runner.createStreamSession(chain("Fail"));
            bad.sendInput(TextData.of("a"));
            bad.sendInput(TextData.of("boom"));
            final SessionEvent.Closed closed = bad.closeFuture().get(WAIT_S, TimeUnit.SECONDS);
            final String message = "node \"n0\" (Fail) failed in process: IllegalStateException: boom received";
            assertThat(closed).isEqualTo(new SessionEvent.Closed(bad.id(), message));
            assertThat(events).containsExactly(new SessionEvent.NodeFailed(bad.id(), "n0", "Fail", message), closed);
            assertThat(closes.get()).isEqualTo(1);
            assertThat(bad.isClosed()).isTrue();
            assertThat(bad.sendInput(TextData.of("after"))).isFalse();
            assertThat(drain(bad)).containsExactly("a");
            // The other session on the same runner is unaffected.
            good.sendInput(TextData.of("still here"));
            assertThat(text(good.receiveOutput(WAIT_S, TimeUnit.SECONDS))).isEqualTo("still here");
            assertThat(runner.activeSessions()).isEqualTo(1);
            good.close();
            assertThat(good.closeFuture().get(WAIT_S, TimeUnit.SECONDS).clean()).isTrue();
            assertThat(closes.get()).isEqualTo(2);
            assertThat(runner.activeSessions()).isZero();
        }
    }

    @Test
    void closing_drains_queued_inputs_and_flushes_every_node_in_order() throws Exception {
        try (PipelineRunner runner = PipelineRunner.builder().registry(TestNodes.registry(TestNodes.batch())).build()) {
            final StreamSession s = runner.createStreamSession(chain("Batch", "TextTransform"));
            for (String t : List.of("a", "b", "c")) {
                s.sendInput(TextData.of(t));
            }
            s.close();
            assertThat(s.closeFuture().get(WAIT_S, TimeUnit.SECONDS).clean()).isTrue();
            assertThat(drain(s)).containsExactly("A+B+C");
        }
    }

    @Test
    void metrics_count_every_node() throws Exception {
        try (PipelineRunner runner = PipelineRunner.of()) {
            final StreamSession s = runner.createStreamSession(chain("Passthrough", "Gain"));
            for (int i = 0; i < 10; i++) {
                s.sendInput(TextData.of("x"));
            }
            s.close();
            s.closeFuture().get(WAIT_S, TimeUnit.SECONDS);
            final SessionMetrics m = s.metrics();
            assertThat(m.nodes()).extracting(NodeMetrics::nodeId).containsExactly("input", "n0", "n1", "output");
            assertThat(m.nodes()).allSatisfy(n -> {
                assertThat(n.processed()).isEqualTo(10);
                assertThat(n.emitted()).isEqualTo(10);
                assertThat(n.maxLatencyNanos()).isGreaterThanOrEqualTo(n.meanLatencyNanos());
            });
            assertThat(m.node("output").maxQueueDepth()).isEqualTo(10);
            assertThat(m.node("output").queueDepth()).isEqualTo(10);
        }
    }

    @Test
    void the_loopback_manifest_returns_every_input() throws Exception {
        try (PipelineRunner runner = PipelineRunner.of()) {
            final StreamSession s = runner.createStreamSession(Manifests.builtIn("loopback"));
            final TextData in = TextData.of("ping");
            s.sendInput(in);
            assertThat(s.receiveOutput(WAIT_S, TimeUnit.SECONDS)).isSameAs(in);
            s.close();
            assertThat(s.receiveOutput(WAIT_S, TimeUnit.SECONDS)).isNull();
            assertThat(s.isClosed()).isTrue();
        }
    }

    @Test
    void an_invalid_manifest_is_refused_with_every_problem() {
        try (PipelineRunner runner = PipelineRunner.of()) {
            assertThatThrownBy(() -> runner.createStreamSession(Manifest.builder().node("x", "Nope").build()))
                    .isInstanceOf(RemoteMediaException.class)
                    .hasMessageStartingWith("invalid manifest (3 problems):\n  nodes[0].node_type: \"Nope\"")
                    .extracting(e -> ((RemoteMediaException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIG);
        }
    }

    @Test
    void execute_unary_runs_on_the_caller_and_reports_failures() {
        final AtomicInteger closes = new AtomicInteger();
        try (PipelineRunner runner = PipelineRunner.builder().registry(TestNodes.registry(TestNodes.fail(closes),
                                                                                          TestNodes.batch())).build()) {
            assertThat(runner.executeUnary(chain("Batch", "TextTransform"), TextData.of("x")))
                    .containsExactly(TextData.of("X"));
            assertThatThrownBy(() -> runner.executeUnary(chain("Fail"), TextData.of("boom")))
                    .isInstanceOf(RemoteMediaException.class)
                    .hasMessage("node \"n0\" (Fail) failed in process: IllegalStateException: boom received")
                    .extracting(e -> ((RemoteMediaException) e).code()).isEqualTo(ErrorCode.INTERNAL);
            assertThat(closes.get()).isEqualTo(1);
            final Manifest tone = Manifest.builder().node("input", "Input").node("tone", "ToneGenerator")
                                          .node("output", "Output").connect("tone", "output").build();
            assertThatThrownBy(() -> runner.executeUnary(tone, TextData.of("x"))).hasMessageContaining(
                    "has a source node (expected: none in executeUnary");
        }
    }

    @Test
    void a_closed_runner_refuses_new_sessions_and_closed_its_sessions() throws Exception {
        final PipelineRunner runner = PipelineRunner.of();
        final StreamSession s = runner.createStreamSession(Manifests.builtIn("loopback"));
        runner.close();
        assertThat(s.closeFuture().get(WAIT_S, TimeUnit.SECONDS).clean()).isTrue();
        assertThatThrownBy(() -> runner.createStreamSession(Manifests.builtIn("loopback")))
                .isInstanceOf(IllegalStateException.class).hasMessage("runner closed");
    }

    static List<String> drain(StreamSession s) {
        final List<String> got = new ArrayList<>();
        try {
            while (true) {
                final RuntimeData d = s.receiveOutput(WAIT_S, TimeUnit.SECONDS);
                if (d == null) {
                    if (!s.isClosed()) {
                        throw new AssertionError("no output within " + WAIT_S + " s and session not closed");
                    }
                    return got;
                }
                got.add(text(d));
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static String text(RuntimeData d) {
        return ((TextData) d).text();
    }
}
