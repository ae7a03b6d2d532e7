package dev.remotemedia.benchmarks;

import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.pc.RTCDataChannel;
import dev.remotemedia.rtc.pc.RTCIceConnectionState;
import dev.remotemedia.rtc.pc.RTCPeerConnection;
import dev.remotemedia.rtc.pc.RTCPeerConnectionState;
import dev.remotemedia.rtc.transport.ice.IceConfig;
import java.net.InetAddress;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Two of our peer connections in one JVM, joined over UDP on 127.0.0.1 with signaling done in
 * memory, as in the Chromium loopback page: the offerer creates a data channel, offers, the
 * answerer answers, candidates trickle both ways, and the channel opens on both sides. Each step
 * is time-stamped so that setup time can be split into its phases.
 *
 * <p>The ICE layer routes DTLS by remote address, so two connections between the same two
 * factories cannot run at once (see {@code IceUdpMux}): callers use a grid of factories for
 * connections that are open together.
 */
final class JavaPeers {
    private static final long TIMEOUT_SECONDS = 30;

    private JavaPeers() {}

    /** Host candidates on 127.0.0.1 only. */
    static IceConfig loopback() {
        return IceConfig.builder().hostAddresses(List.of(InetAddress.getLoopbackAddress())).build();
    }

    static PeerConnectionFactory factory(int eventLoops) {
        return PeerConnectionFactory.builder().iceConfig(loopback()).eventLoops(eventLoops).build();
    }

    /**
     * Starts connecting a new pair; {@link Pair#open} completes once the offerer's channel
     * {@code label} is open on both sides.
     */
    static Pair connect(PeerConnectionFactory offering, PeerConnectionFactory answering, String label) {
        return new Pair(offering, answering, label, pair -> { });
    }

    /** As {@link #connect}, with {@code beforeOffer} run on the new pair before the offer (to add tracks). */
    static Pair connect(PeerConnectionFactory offering, PeerConnectionFactory answering, String label,
                        java.util.function.Consumer<Pair> beforeOffer) {
        return new Pair(offering, answering, label, beforeOffer);
    }

    /** Waits for {@code future}, failing after 30 s. */
    static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + ": not done within " + TIMEOUT_SECONDS + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + ": failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        }
    }

    /** A connecting or connected pair, and when each step of its setup happened (nanoTime). */
    static final class Pair implements AutoCloseable {
        final long startNanos = System.nanoTime();
        final RTCPeerConnection offerer;
        final RTCPeerConnection answerer;
        final RTCDataChannel channel;
        final CompletableFuture<RTCDataChannel> remoteChannel = new CompletableFuture<>();
        /** Completes when the channel is open on both sides, or fails with the first signaling error. */
        final CompletableFuture<Void> open;
        final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();

        volatile long answerAppliedNanos;
        volatile long offererIceConnectedNanos;
        volatile long answererIceConnectedNanos;
        volatile long offererConnectedNanos;
        volatile long answererConnectedNanos;
        volatile long announcedNanos;
        volatile long offererOpenNanos;
        volatile long answererOpenNanos;

        private Pair(PeerConnectionFactory offering, PeerConnectionFactory answering, String label,
                     java.util.function.Consumer<Pair> beforeOffer) {
            offerer = offering.createPeerConnection();
            answerer = answering.createPeerConnection();
            final Signaling toAnswerer = new Signaling(errors);
            final Signaling toOfferer = new Signaling(errors);
            offerer.onIceCandidate(c -> toAnswerer.candidate(() -> answerer.addIceCandidate(c)));
            answerer.onIceCandidate(c -> toOfferer.candidate(() -> offerer.addIceCandidate(c)));
            offerer.onIceConnectionStateChange(s -> {
                if (connected(s) && offererIceConnectedNanos == 0) {
                    offererIceConnectedNanos = System.nanoTime();
                }
            });
            answerer.onIceConnectionStateChange(s -> {
                if (connected(s) && answererIceConnectedNanos == 0) {
                    answererIceConnectedNanos = System.nanoTime();
                }
            });
            offerer.onConnectionStateChange(s -> {
                if (s == RTCPeerConnectionState.CONNECTED) {
                    offererConnectedNanos = System.nanoTime();
                }
            });
            answerer.onConnectionStateChange(s -> {
                if (s == RTCPeerConnectionState.CONNECTED) {
                    answererConnectedNanos = System.nanoTime();
                }
            });
            final CompletableFuture<Void> offererOpen = new CompletableFuture<>();
            final CompletableFuture<Void> answererOpen = new CompletableFuture<>();
            answerer.onDataChannel(remote -> {
                announcedNanos = System.nanoTime();
                remote.onOpen(() -> {
                    answererOpenNanos = System.nanoTime();
                    answererOpen.complete(null);
                });
                remoteChannel.complete(remote);
            });
            channel = offerer.createDataChannel(label);
            channel.onOpen(() -> {
                offererOpenNanos = System.nanoTime();
                offererOpen.complete(null);
            });
            beforeOffer.accept(this);
            final CompletableFuture<Void> failed = new CompletableFuture<>();
            offerer.createOffer()
                   .thenCompose(offer -> offerer.setLocalDescription(offer).thenApply(v -> offer))
                   .thenAccept(offer -> toAnswerer.description(() -> answerer.setRemoteDescription(offer)))
                   .exceptionally(e -> fail(failed, e));
            toAnswerer.described
                    .thenCompose(v -> answerer.createAnswer())
                    .thenCompose(answer -> answerer.setLocalDescription(answer).thenApply(v -> answer))
                    .thenAccept(answer -> toOfferer.description(() -> offerer.setRemoteDescription(answer)))
                    .exceptionally(e -> fail(failed, e));
            toOfferer.described.thenRun(() -> answerAppliedNanos = System.nanoTime());
            open = CompletableFuture.anyOf(CompletableFuture.allOf(offererOpen, answererOpen), failed)
                                    .thenApply(v -> null);
        }

        private Void fail(CompletableFuture<Void> failed, Throwable error) {
            errors.add(error);
            failed.completeExceptionally(error);
            return null;
        }

        private static boolean connected(RTCIceConnectionState state) {
            return state == RTCIceConnectionState.CONNECTED || state == RTCIceConnectionState.COMPLETED;
        }

        /** When the channel was open on both sides. */
        long openNanos() {
            return Math.max(offererOpenNanos, answererOpenNanos);
        }

        @Override
        public void close() {
            offerer.close();
            answerer.close();
        }
    }

    /**
     * What a signaling server relays towards one peer: its remote description, then the trickled
     * candidates in order, each applied once the one before has settled. Candidates that come
     * before the description wait for it, as W3C's addIceCandidate requires.
     */
    private static final class Signaling {
        final CompletableFuture<Void> described = new CompletableFuture<>();
        private final Queue<Throwable> errors;
        private CompletableFuture<?> tail = described;

        Signaling(Queue<Throwable> errors) {
            this.errors = errors;
        }

        void description(Supplier<CompletableFuture<Void>> apply) {
            apply.get().whenComplete((v, e) -> {
                if (e != null) {
                    errors.add(e);
                    described.completeExceptionally(e);
                } else {
                    described.complete(null);
                }
            });
        }

        synchronized void candidate(Supplier<CompletableFuture<Void>> apply) {
            tail = tail.handle((v, e) -> null).thenCompose(v -> apply.get()).whenComplete((v, e) -> {
                if (e != null) {
                    errors.add(e);
                }
            });
        }
    }
}
