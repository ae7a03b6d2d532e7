package dev.remotemedia.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.manifest.Manifests;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A thousand sessions share a few threads (DESIGN.md §4), and each still gets its own data, in order. */
class ConcurrentSessionsTest {
    private static final int SESSIONS = 1_000;
    private static final int FRAMES = 50;
    private static final int WORKERS = 4;
    private static final int CLIENT_THREADS = 8;

    @Test
    void a_thousand_sessions_run_at_once_on_a_bounded_number_of_threads() throws Exception {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final int before = threads.getThreadCount();
        threads.resetPeakThreadCount();
        final ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
        try (PipelineRunner runner = PipelineRunner.builder().workerThreads(WORKERS).build()) {
            final List<StreamSession> sessions = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                sessions.add(runner.createStreamSession(Manifests.builtIn("gain")));
            }
            assertThat(runner.activeSessions()).isEqualTo(SESSIONS);
            // Every session is open at once; the clients interleave frames across all of them.
            final List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (int c = 0; c < CLIENT_THREADS; c++) {
                final int client = c;
                senders.add(CompletableFuture.runAsync(() -> {
                    for (int f = 0; f < FRAMES; f++) {
                        for (int i = client; i < SESSIONS; i += CLIENT_THREADS) {
                            sessions.get(i).sendInput(frame(i, f));
                        }
                    }
                }, clients));
            }
            final List<CompletableFuture<Void>> readers = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                final int id = i;
                readers.add(sessions.get(i).closeFuture().thenRun(() -> { }));
                final StreamSession s = sessions.get(i);
                final CompletableFuture<Void> reader = new CompletableFuture<>();
                s.outputs().subscribe(new CheckingSubscriber(id, reader));
                readers.add(reader);
            }
            CompletableFuture.allOf(senders.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
            sessions.forEach(StreamSession::close);
            CompletableFuture.allOf(readers.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
            assertThat(runner.activeSessions()).isZero();
            // The runner adds its workers and one timer thread, whatever the number of sessions.
            assertThat(threads.getPeakThreadCount()).isLessThanOrEqualTo(before + CLIENT_THREADS + WORKERS + 1 + 2);
        } finally {
            clients.shutdown();
        }
    }

    /** Session {@code i}'s frame {@code f}: 20 ms at 48 kHz whose samples encode both numbers. */
    static AudioData frame(int i, int f) {
        final float[] s = new float[960];
        java.util.Arrays.fill(s, value(i, f));
        return AudioData.wrap(s, 48_000, 1, f * 20_000L);
    }

    static float value(int i, int f) {
        return (i * FRAMES + f) / (float) (SESSIONS * FRAMES);
    }

    /** Checks each output is this session's next frame at -6 dB, and completes at the end. */
    private static final class CheckingSubscriber implements java.util.concurrent.Flow.Subscriber<RuntimeData> {
        private final int session;
        private final CompletableFuture<Void> done;
        private int next;

        CheckingSubscriber(int session, CompletableFuture<Void> done) {
            this.session = session;
            this.done = done;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(RuntimeData item) {
            final AudioData a = (AudioData) item;
            final float expected = value(session, next) * 0.5011872f;
            if (a.timestampUs() != next * 20_000L || Math.abs(a.sample(959) - expected) > 1e-6f) {
                done.completeExceptionally(new AssertionError("session " + session + " frame " + next + ": got ts "
                                                              + a.timestampUs() + " sample " + a.sample(959)));
            }
            next++;
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            if (next == FRAMES) {
                done.complete(null);
            } else {
                done.completeExceptionally(new AssertionError("session " + session + ": " + next + " frames"));
            }
        }
    }
}
