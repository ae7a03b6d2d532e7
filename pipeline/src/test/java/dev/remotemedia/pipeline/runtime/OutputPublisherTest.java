package dev.remotemedia.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.pipeline.manifest.Manifests;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The outputs publisher follows Reactive Streams: demand is honoured, signals are serial and terminal. */
class OutputPublisherTest {

    /** Records every signal; counts down {@code latch} on each onNext and terminal signal. */
    static final class Recorder implements Flow.Subscriber<RuntimeData> {
        final List<String> signals = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> terminated = new CompletableFuture<>();
        volatile Flow.Subscription subscription;
        volatile CountDownLatch items = new CountDownLatch(0);
        private final long initial;

        Recorder(long initial) {
            this.initial = initial;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (initial > 0) {
                s.request(initial);
            }
        }

        @Override
        public void onNext(RuntimeData item) {
            signals.add(((TextData) item).text());
            items.countDown();
        }

        @Override
        public void onError(Throwable t) {
            signals.add("error: " + t.getMessage());
            terminated.complete(null);
        }

        @Override
        public void onComplete() {
            signals.add("complete");
            terminated.complete(null);
        }
    }

    @Test
    void delivers_only_what_was_requested_then_completes() throws Exception {
        try (PipelineRunner runner = PipelineRunner.of()) {
            final StreamSession s = runner.createStreamSession(Manifests.builtIn("loopback"));
            final Recorder r = new Recorder(0);
            r.items = new CountDownLatch(2);
            s.outputs().subscribe(r);
            r.subscription.request(2);
            for (int i = 0; i < 5; i++) {
                s.sendInput(TextData.of("t" + i));
            }
            assertThat(r.items.await(10, TimeUnit.SECONDS)).isTrue();
            s.close();
            s.closeFuture().get(10, TimeUnit.SECONDS);
            // Closed with three outputs still queued: no demand, so neither they nor onComplete were sent.
            assertThat(r.signals).containsExactly("t0", "t1");
            assertThat(s.metrics().outputQueueDepth()).isEqualTo(3);
            r.subscription.request(10);
            r.terminated.get(10, TimeUnit.SECONDS);
            assertThat(r.signals).containsExactly("t0", "t1", "t2", "t3", "t4", "complete");
        }
    }

    @Test
    void a_node_failure_ends_the_stream_with_an_error() throws Exception {
        try (PipelineRunner runner = PipelineRunner.builder().registry(TestNodes.registry(
                TestNodes.fail(new AtomicInteger()))).build()) {
            final StreamSession s = runner.createStreamSession(StreamSessionTest.chain("Fail"));
            final Recorder r = new Recorder(Long.MAX_VALUE);
            s.outputs().subscribe(r);
            s.sendInput(TextData.of("ok"));
            s.sendInput(TextData.of("boom"));
            r.terminated.get(10, TimeUnit.SECONDS);
            assertThat(r.signals).containsExactly(
                    "ok", "error: node \"n0\" (Fail) failed in process: IllegalStateException: boom received");
        }
    }

    @Test
    void a_second_subscriber_is_refused() throws Exception {
        try (PipelineRunner runner = PipelineRunner.of()) {
            final StreamSession s = runner.createStreamSession(Manifests.builtIn("loopback"));
            s.outputs().subscribe(new Recorder(1));
            final Recorder second = new Recorder(1);
            s.outputs().subscribe(second);
            second.terminated.get(10, TimeUnit.SECONDS);
            assertThat(second.signals).containsExactly("error: " + s.id() + ": outputs already have a subscriber");
        }
    }

    @Test
    void a_non_positive_request_is_an_error() throws Exception {
        try (PipelineRunner runner = PipelineRunner.of()) {
            final StreamSession s = runner.createStreamSession(Manifests.builtIn("loopback"));
            final Recorder r = new Recorder(0);
            s.outputs().subscribe(r);
            r.subscription.request(0);
            r.terminated.get(10, TimeUnit.SECONDS);
            assertThat(r.signals).containsExactly("error: request: 0 (expected: > 0, §3.9)");
        }
    }

    @Test
    void cancel_stops_delivery() throws Exception {
        try (PipelineRunner runner = PipelineRunner.of()) {
            final StreamSession s = runner.createStreamSession(Manifests.builtIn("loopback"));
            final Recorder r = new Recorder(1);
            r.items = new CountDownLatch(1);
            s.outputs().subscribe(r);
            s.sendInput(TextData.of("first"));
            assertThat(r.items.await(10, TimeUnit.SECONDS)).isTrue();
            r.subscription.cancel();
            r.subscription.request(5);
            s.sendInput(TextData.of("second"));
            s.close();
            s.closeFuture().get(10, TimeUnit.SECONDS);
            // What the cancelled subscriber did not take is still in the queue.
            assertThat(s.receiveOutput(1, TimeUnit.SECONDS)).isEqualTo(TextData.of("second"));
            assertThat(r.signals).containsExactly("first");
        }
    }

    @Test
    void the_error_is_a_remote_media_exception() throws Exception {
        try (PipelineRunner runner = PipelineRunner.builder().registry(TestNodes.registry(
                TestNodes.fail(new AtomicInteger()))).build()) {
            final StreamSession s = runner.createStreamSession(StreamSessionTest.chain("Fail"));
            final CompletableFuture<Throwable> error = new CompletableFuture<>();
            s.outputs().subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription sub) {
                    sub.request(1);
                }

                @Override
                public void onNext(RuntimeData item) {}

                @Override
                public void onError(Throwable t) {
                    error.complete(t);
                }

                @Override
                public void onComplete() {}
            });
            s.sendInput(TextData.of("boom"));
            assertThat(error.get(10, TimeUnit.SECONDS)).isInstanceOf(RemoteMediaException.class);
        }
    }
}
