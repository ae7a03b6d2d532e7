package dev.remotemedia.rtc.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A DTLS client and server joined by an in-memory datagram pipe, each with its own single-thread
 * loop as a peer connection would have. Each direction can drop datagrams on command. Tests wait
 * on futures and queues with timeouts, never on fixed sleeps.
 */
final class DtlsPair implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    /** Certificates are shared across tests: generation cost is not what these tests measure. */
    static final DtlsCertificate CLIENT_CERTIFICATE = DtlsCertificate.generate();
    static final DtlsCertificate SERVER_CERTIFICATE = DtlsCertificate.generate();

    final Peer client;
    final Peer server;
    final Direction clientToServer = new Direction();
    final Direction serverToClient = new Direction();

    private DtlsPair(UnaryOperator<DtlsTransportBuilder> clientOptions,
                     UnaryOperator<DtlsTransportBuilder> serverOptions) {
        client = new Peer("client", CLIENT_CERTIFICATE);
        server = new Peer("server", SERVER_CERTIFICATE);
        client.transport = clientOptions.apply(client.builder(DtlsRole.CLIENT, server, clientToServer)).build();
        server.transport = serverOptions.apply(server.builder(DtlsRole.SERVER, client, serverToClient)).build();
    }

    /** A pair where each side expects the other's real fingerprint, with options applied on top. */
    static DtlsPair create(UnaryOperator<DtlsTransportBuilder> clientOptions,
                           UnaryOperator<DtlsTransportBuilder> serverOptions) {
        return new DtlsPair(clientOptions, serverOptions);
    }

    static DtlsPair create() {
        return create(b -> b, b -> b);
    }

    /** Starts the server, then the client, as a peer connection does once ICE is connected. */
    void startBoth() {
        server.start();
        client.start();
    }

    void awaitConnected() {
        server.awaitConnected();
        client.awaitConnected();
    }

    /** Closes both transports on their loops, then stops the loops. */
    @Override
    public void close() {
        for (Peer peer : List.of(client, server)) {
            try {
                peer.run(peer.transport::close);
            } catch (RuntimeException e) {
                // The loop may already be gone; shut it down regardless.
            }
            peer.loop.shutdownNow();
            try {
                assertThat(peer.loop.awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while stopping " + peer.name, e);
            }
        }
    }

    /** One end: its loop, its transport, and what its listener heard. */
    static final class Peer implements DtlsListener {
        final String name;
        final DtlsCertificate certificate;
        final ExecutorService loop;
        final List<Thread> handshakeThreads = new CopyOnWriteArrayList<>();
        final CompletableFuture<DtlsConnectionInfo> connected = new CompletableFuture<>();
        final CompletableFuture<RemoteMediaException> failed = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        /** Runs on the loop after each record is recorded, to act from inside the callback. */
        volatile Consumer<byte[]> onDataHook = data -> { };
        DtlsTransport transport;

        Peer(String name, DtlsCertificate certificate) {
            this.name = name;
            this.certificate = certificate;
            loop = Executors.newSingleThreadExecutor(r -> {
                final Thread thread = new Thread(r, "dtls-test-loop-" + name);
                thread.setDaemon(true);
                return thread;
            });
        }

        DtlsTransportBuilder builder(DtlsRole role, Peer remote, Direction outgoing) {
            return DtlsTransport.builder()
                                .role(role)
                                .certificate(certificate)
                                .remoteFingerprints(List.of(remote.certificate.fingerprint()))
                                .loop(loop)
                                .listener(this)
                                .handshakeThreadFactory(task -> {
                                    final Thread thread = new Thread(task, "dtls-test-handshake-" + name);
                                    thread.setDaemon(true);
                                    handshakeThreads.add(thread);
                                    return thread;
                                })
                                .sender((buf, off, len) -> outgoing.carry(buf, off, len, remote));
        }

        void start() {
            run(transport::start);
        }

        /** Runs {@code task} on this peer's loop and waits for it, as every transport call must be made. */
        void run(Runnable task) {
            call(() -> {
                task.run();
                return null;
            });
        }

        <T> T call(Callable<T> task) {
            try {
                return loop.submit(task).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(name + ": task on the loop failed", e);
            }
        }

        boolean send(byte[] data) {
            return call(() -> transport.send(data, 0, data.length));
        }

        DtlsConnectionInfo awaitConnected() {
            return await(connected, "connected");
        }

        RemoteMediaException awaitFailed() {
            return await(failed, "failed");
        }

        byte[] awaitData() throws InterruptedException {
            final byte[] data = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(data).as(name + " received data within " + WAIT).isNotNull();
            return data;
        }

        /** Waits until every handshake thread this peer made has ended. */
        void awaitHandshakeThreadsEnded() throws InterruptedException {
            for (Thread thread : handshakeThreads) {
                thread.join(WAIT.toMillis());
                assertThat(thread.isAlive()).as(thread.getName() + " ended").isFalse();
            }
        }

        private <T> T await(CompletableFuture<T> future, String what) {
            try {
                return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new AssertionError(name + " was not " + what + " within " + WAIT + "; state "
                                         + transport.state() + ", failure " + failed.getNow(null), e);
            }
        }

        @Override
        public void onConnected(DtlsConnectionInfo info) {
            connected.complete(info);
        }

        @Override
        public void onData(byte[] buf, int off, int len) {
            final byte[] copy = new byte[len];
            System.arraycopy(buf, off, copy, 0, len);
            received.add(copy);
            onDataHook.accept(copy);
        }

        @Override
        public void onClosed() {
            closed.complete(null);
        }

        @Override
        public void onFailed(RemoteMediaException error) {
            failed.complete(error);
        }
    }

    /** One direction of the pipe: counts datagrams and drops those it is told to. */
    static final class Direction {
        private int dropFirst;
        private int dropIfBudget;
        private @Nullable Predicate<byte[]> dropIf;
        private double dropProbability;
        private Random random = new Random(0);
        private boolean blocked;
        private int sent;
        private int dropped;
        private byte @Nullable [] lastSent;

        /** Drops the next {@code n} datagrams. */
        synchronized Direction dropFirst(int n) {
            dropFirst = n;
            return this;
        }

        /** Drops each datagram with probability {@code p}, decided by a generator seeded with {@code seed}. */
        synchronized Direction dropProbability(double p, long seed) {
            dropProbability = p;
            random = new Random(seed);
            return this;
        }

        /** Drops up to {@code maxDrops} datagrams that {@code predicate} selects. */
        synchronized Direction dropIf(Predicate<byte[]> predicate, int maxDrops) {
            dropIf = predicate;
            dropIfBudget = maxDrops;
            return this;
        }

        /** Drops everything while blocked. */
        synchronized Direction blocked(boolean blocked) {
            this.blocked = blocked;
            return this;
        }

        synchronized int sent() {
            return sent;
        }

        synchronized int dropped() {
            return dropped;
        }

        /** A copy of the last datagram sent this way, dropped or not. */
        synchronized byte @Nullable [] lastSent() {
            return lastSent;
        }

        private synchronized boolean shouldDrop(byte[] datagram) {
            sent++;
            lastSent = datagram;
            boolean drop = blocked;
            if (!drop && dropFirst > 0) {
                dropFirst--;
                drop = true;
            }
            if (!drop && dropIf != null && dropIfBudget > 0 && dropIf.test(datagram)) {
                dropIfBudget--;
                drop = true;
            }
            if (!drop && dropProbability > 0 && random.nextDouble() < dropProbability) {
                drop = true;
            }
            if (drop) {
                dropped++;
            }
            return drop;
        }

        void carry(byte[] buf, int off, int len, Peer to) {
            final byte[] copy = new byte[len];
            System.arraycopy(buf, off, copy, 0, len);
            if (shouldDrop(copy)) {
                return;
            }
            try {
                to.loop.execute(() -> to.transport.handleDatagram(copy, 0, copy.length));
            } catch (RejectedExecutionException e) {
                // The receiving peer is shut down: the datagram is lost, as on a real network.
            }
        }
    }
}
