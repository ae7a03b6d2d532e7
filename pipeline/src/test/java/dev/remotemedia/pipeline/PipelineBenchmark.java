package dev.remotemedia.pipeline;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.graph.PipelineGraph;
import dev.remotemedia.pipeline.manifest.Manifest;
import dev.remotemedia.pipeline.manifest.Manifests;
import dev.remotemedia.pipeline.runtime.PipelineRunner;
import dev.remotemedia.pipeline.runtime.SessionOptions;
import dev.remotemedia.pipeline.runtime.StreamSession;
import dev.remotemedia.rtc.common.TimeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The issue-5 figures: session creation time, per-node per-frame overhead of a 5-node passthrough
 * chain on 20 ms 48 kHz mono frames, and the throughput of 1,000 concurrent sessions. Prints the
 * median of several rounds of each. Run from the repository root:
 * <pre>
 * ./mvnw -B -o -q -pl pipeline test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/pipeline-cp.txt -Dmdep.includeScope=test
 * java -cp pipeline/target/test-classes:pipeline/target/classes:$(cat /tmp/pipeline-cp.txt) \
 *     dev.remotemedia.pipeline.PipelineBenchmark
 * </pre>
 */
public final class PipelineBenchmark {
    private static final int ROUNDS = 9;

    private PipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors() + ", java "
                           + System.getProperty("java.version"));
        final Manifest chain5 = passthroughChain(5);
        final Manifest loopback = Manifests.builtIn("loopback");
        try (PipelineRunner runner = PipelineRunner.of()) {
            sessionCreation(runner, loopback, "loopback");
            sessionCreation(runner, chain5, "5-node passthrough chain");
            graphOverhead(runner, loopback, chain5);
            sessionOverhead(runner, loopback, chain5);
        }
        concurrentSessions(chain5, 1_000, 200);
    }

    static Manifest passthroughChain(int n) {
        final Manifest.Builder b = Manifest.builder().name("chain" + n).node("input", "Input");
        final String[] ids = new String[n + 2];
        ids[0] = "input";
        for (int i = 1; i <= n; i++) {
            b.node("p" + i, "Passthrough");
            ids[i] = "p" + i;
        }
        ids[n + 1] = "output";
        return b.node("output", "Output").chain(ids).build();
    }

    static AudioData frame(long i) {
        return AudioData.wrap(new float[960], 48_000, 1, i * 20_000);
    }

    private static void sessionCreation(PipelineRunner runner, Manifest m, String name) {
        final int perRound = 2_000;
        for (int i = 0; i < 20_000; i++) {
            runner.createStreamSession(m).close();
        }
        final double[] us = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            final List<StreamSession> made = new ArrayList<>(perRound);
            final long t0 = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                made.add(runner.createStreamSession(m));
            }
            us[r] = (System.nanoTime() - t0) / 1e3 / perRound;
            made.forEach(StreamSession::close);
        }
        System.out.printf("session creation (%s, validate + open nodes): median %.2f us (rounds: %s)%n", name,
                          median(us), fmt(us));
    }

    /** The graph core alone: push one frame through the chain on this thread. */
    private static void graphOverhead(PipelineRunner runner, Manifest loopback, Manifest chain5) {
        final int frames = 2_000_000;
        final Consumer<RuntimeData> sink = d -> { };
        final double[] perNode = new double[ROUNDS];
        final double[] base = new double[ROUNDS];
        final double[] chain = new double[ROUNDS];
        for (int r = -3; r < ROUNDS; r++) {
            final double a = pushNanos(runner, loopback, frames, sink);
            final double b = pushNanos(runner, chain5, frames, sink);
            if (r >= 0) {
                base[r] = a;
                chain[r] = b;
                perNode[r] = (b - a) / 5;
            }
        }
        System.out.printf("graph core, one 20 ms frame: loopback %.0f ns, 5-node chain %.0f ns -> %.0f ns per node "
                          + "(median; per-node rounds: %s)%n", median(base), median(chain), median(perNode),
                          fmt(perNode));
    }

    private static double pushNanos(PipelineRunner runner, Manifest m, int frames, Consumer<RuntimeData> sink) {
        final PipelineGraph g = PipelineGraph.open(m, runner.registry(), "bench", TimeSource.system());
        final AudioData f = frame(0);
        final long t0 = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            g.push(f, sink);
        }
        final double ns = (System.nanoTime() - t0) / (double) frames;
        g.close();
        return ns;
    }

    /** Through a session: one thread sends, another receives. */
    private static void sessionOverhead(PipelineRunner runner, Manifest loopback, Manifest chain5) throws Exception {
        final int frames = 300_000;
        final double[] base = new double[ROUNDS];
        final double[] chain = new double[ROUNDS];
        final double[] perNode = new double[ROUNDS];
        for (int r = -3; r < ROUNDS; r++) {
            final double a = sessionNanos(runner, loopback, frames);
            final double b = sessionNanos(runner, chain5, frames);
            if (r >= 0) {
                base[r] = a;
                chain[r] = b;
                perNode[r] = (b - a) / 5;
            }
        }
        System.out.printf("stream session, send -> receive, one 20 ms frame: loopback %.0f ns, 5-node chain %.0f ns "
                          + "-> %.0f ns per node (median; per-node rounds: %s)%n", median(base), median(chain),
                          median(perNode), fmt(perNode));
    }

    private static double sessionNanos(PipelineRunner runner, Manifest m, int frames) throws Exception {
        final StreamSession s = runner.createStreamSession(m, SessionOptions.builder().inputCapacity(256)
                                                                            .outputCapacity(256).build());
        final AudioData f = frame(0);
        final CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < frames; i++) {
                    s.receiveOutput(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        final long t0 = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            s.sendInput(f);
        }
        reader.get(60, TimeUnit.SECONDS);
        final double ns = (System.nanoTime() - t0) / (double) frames;
        s.close();
        return ns;
    }

    /** {@code sessions} sessions at once, each sent {@code framesEach} frames as fast as the clients can. */
    private static void concurrentSessions(Manifest m, int sessions, int framesEach) throws Exception {
        final int clients = Math.max(2, Runtime.getRuntime().availableProcessors());
        final double[] fps = new double[5];
        for (int r = -1; r < fps.length; r++) {
            try (PipelineRunner runner = PipelineRunner.of()) {
                final ExecutorService senders = Executors.newFixedThreadPool(clients);
                final List<StreamSession> all = new ArrayList<>();
                final CountDownLatch done = new CountDownLatch(sessions);
                final AtomicLong received = new AtomicLong();
                for (int i = 0; i < sessions; i++) {
                    final StreamSession s = runner.createStreamSession(m);
                    s.outputs().subscribe(counting(received, done));
                    all.add(s);
                }
                final AudioData f = frame(0);
                final long t0 = System.nanoTime();
                for (int c = 0; c < clients; c++) {
                    final int client = c;
                    senders.submit(() -> {
                        for (int k = 0; k < framesEach; k++) {
                            for (int i = client; i < sessions; i += clients) {
                                all.get(i).sendInput(f);
                            }
                        }
                        for (int i = client; i < sessions; i += clients) {
                            all.get(i).close();
                        }
                    });
                }
                if (!done.await(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("sessions did not finish");
                }
                final double seconds = (System.nanoTime() - t0) / 1e9;
                senders.shutdown();
                if (received.get() != (long) sessions * framesEach) {
                    throw new IllegalStateException("received " + received.get());
                }
                if (r >= 0) {
                    fps[r] = received.get() / seconds;
                }
            }
        }
        System.out.printf("%d concurrent sessions (5-node chain, %d client threads, BLOCK): median %.0f frames/s = "
                          + "%.0f sessions' worth of real-time 20 ms audio (rounds: %s)%n", sessions, clients,
                          median(fps), median(fps) / 50, fmt(fps));
    }

    private static Flow.Subscriber<RuntimeData> counting(AtomicLong received, CountDownLatch done) {
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(RuntimeData item) {
                received.incrementAndGet();
            }

            @Override
            public void onError(Throwable t) {
                done.countDown();
            }

            @Override
            public void onComplete() {
                done.countDown();
            }
        };
    }

    private static double median(double[] v) {
        final double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String fmt(double[] v) {
        final StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%.1f", d));
        }
        return sb.toString();
    }
}
