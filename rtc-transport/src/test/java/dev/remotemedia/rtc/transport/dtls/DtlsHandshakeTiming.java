package dev.remotemedia.rtc.transport.dtls;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.tls.DigitallySigned;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.TlsSigner;
import org.bouncycastle.tls.crypto.TlsVerifier;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsECDSA13Signer;

/**
 * Where a warm DTLS handshake's time goes, between a client and a server on two loops. Prints
 * medians of: the whole handshake per role; each datagram's send (on the sending handshake thread
 * or loop) and arrival (on the receiving loop, before {@code handleDatagram}); when each handshake
 * thread starts running, and its CPU time; the thread hand-offs a handshake makes; the record
 * layer's encryption and decryption of 1200-byte records; and, with {@code --crypto}, the crypto
 * operations BC runs per handshake, through the same crypto object. Datagrams go through an
 * in-memory pipe, or with {@code --udp} through UDP sockets on 127.0.0.1 with a reader thread per
 * side, as the ICE layer has. A measurement, not a test: speed lives in benchmarks (DESIGN.md §7).
 * From the root, after {@code ./mvnw -pl rtc-transport test-compile}:
 *
 * <pre>
 * ./mvnw -q -o -pl rtc-transport dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp rtc-transport/target/test-classes:rtc-transport/target/classes:$(cat /tmp/cp.txt) \
 *     dev.remotemedia.rtc.transport.dtls.DtlsHandshakeTiming [handshakes [warm-up]] [--udp] [--crypto]
 * </pre>
 */
final class DtlsHandshakeTiming {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int RECORD_BYTES = 1200;
    /** With {@code --udp}, datagrams go through UDP sockets on 127.0.0.1 and a reader thread per side. */
    private static boolean udp;

    private DtlsHandshakeTiming() {}

    public static void main(String[] args) throws Exception {
        final List<String> numbers = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        final int measured = numbers.size() > 0 ? Integer.parseInt(numbers.get(0)) : 50;
        final int warmup = numbers.size() > 1 ? Integer.parseInt(numbers.get(1)) : 300;
        udp = Arrays.asList(args).contains("--udp");
        System.out.printf(Locale.ROOT, "JDK %s, %d cores, %d warm-up + %d measured handshakes, over %s%n",
                          Runtime.version(), Runtime.getRuntime().availableProcessors(), warmup, measured,
                          udp ? "UDP on 127.0.0.1" : "an in-memory pipe");
        final ExecutorService clientLoop = loop("client");
        final ExecutorService serverLoop = loop("server");
        try {
            for (int i = 0; i < warmup; i++) {
                handshake(clientLoop, serverLoop).close();
            }
            final List<Run> runs = new ArrayList<>();
            for (int i = 0; i < measured; i++) {
                runs.add(handshake(clientLoop, serverLoop).close());
            }
            report(runs);
            handOffs(clientLoop, serverLoop);
            records(clientLoop, serverLoop);
            if (Arrays.asList(args).contains("--crypto")) {
                Crypto.crypto();
            }
        } finally {
            clientLoop.shutdownNow();
            serverLoop.shutdownNow();
        }
    }

    // --- handshakes ---

    /** One handshake: what happened when, in nanoseconds after both starts were posted. */
    private static final class Run {
        final List<String> labels = new ArrayList<>();
        final List<Long> atNanos = new ArrayList<>();
        volatile long startNanos;
        volatile long clientConnectedNanos;
        volatile long serverConnectedNanos;
        volatile long clientCpuNanos;
        volatile long serverCpuNanos;

        synchronized long event(String label) {
            final long at = System.nanoTime() - startNanos;
            atNanos.add(at);
            labels.add(label);
            return at;
        }

        /** Whether some datagram was sent twice: a retransmission. */
        synchronized boolean retransmitted() {
            return labels.stream().filter(l -> l.contains(" sent ")).distinct().count()
                   < labels.stream().filter(l -> l.contains(" sent ")).count();
        }
    }

    /** A client and a server on their loops, with the pipe between them. */
    private static final class Pair {
        final Run run = new Run();
        final ExecutorService clientLoop;
        final ExecutorService serverLoop;
        final CountDownLatch connected = new CountDownLatch(2);
        final CountDownLatch threadsEnded = new CountDownLatch(2);
        final AtomicLong serverReceivedBytes = new AtomicLong();
        /** When set, what the client sends is kept here instead of being delivered. */
        volatile List<byte[]> clientCapture;
        final DtlsTransport client;
        final DtlsTransport server;

        final @Nullable DatagramSocket clientSocket;
        final @Nullable DatagramSocket serverSocket;

        Pair(ExecutorService clientLoop, ExecutorService serverLoop) throws IOException {
            this.clientLoop = clientLoop;
            this.serverLoop = serverLoop;
            clientSocket = udp ? new DatagramSocket(0, InetAddress.getLoopbackAddress()) : null;
            serverSocket = udp ? new DatagramSocket(0, InetAddress.getLoopbackAddress()) : null;
            client = build(DtlsRole.CLIENT, DtlsPair.CLIENT_CERTIFICATE, DtlsPair.SERVER_CERTIFICATE, clientLoop);
            server = build(DtlsRole.SERVER, DtlsPair.SERVER_CERTIFICATE, DtlsPair.CLIENT_CERTIFICATE, serverLoop);
            if (udp) {
                read(clientSocket, "C", clientLoop, client);
                read(serverSocket, "S", serverLoop, server);
            }
        }

        Run close() throws Exception {
            threadsEnded.await(10, TimeUnit.SECONDS);
            serverLoop.submit(server::close).get();
            clientLoop.submit(client::close).get();
            if (udp) {
                clientSocket.close();
                serverSocket.close();
            }
            return run;
        }

        /** A socket reader thread, as the ICE layer has: it posts each datagram to the loop. */
        private void read(DatagramSocket socket, String me, ExecutorService loop, DtlsTransport transport) {
            final Thread reader = new Thread(() -> {
                final byte[] buf = new byte[65_536];
                final DatagramPacket packet = new DatagramPacket(buf, buf.length);
                while (!socket.isClosed()) {
                    try {
                        packet.setLength(buf.length);
                        socket.receive(packet);
                    } catch (IOException e) {
                        return; // closed
                    }
                    final byte[] copy = Arrays.copyOf(buf, packet.getLength());
                    final String label = (me.equals("C") ? "S>C" : "C>S") + " arrived " + describe(copy);
                    loop.execute(() -> {
                        run.event(label);
                        transport.handleDatagram(copy, 0, copy.length);
                    });
                }
            }, "dtls-timing-udp-" + me);
            reader.setDaemon(true);
            reader.start();
        }

        private DtlsTransport build(DtlsRole role, DtlsCertificate local, DtlsCertificate remote,
                                    ExecutorService ownLoop) {
            final boolean isClient = role == DtlsRole.CLIENT;
            final String me = isClient ? "C" : "S";
            final String them = isClient ? "S" : "C";
            final ExecutorService remoteLoop = isClient ? serverLoop : clientLoop;
            return DtlsTransport.builder()
                                .role(role)
                                .certificate(local)
                                .remoteFingerprints(List.of(remote.fingerprint()))
                                .loop(ownLoop)
                                .handshakeThreadFactory(task -> {
                                    final Thread thread = new Thread(() -> {
                                        run.event(me + " handshake thread running");
                                        final long cpu0 = THREADS.getCurrentThreadCpuTime();
                                        try {
                                            task.run();
                                        } finally {
                                            final long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
                                            if (isClient) {
                                                run.clientCpuNanos = cpu;
                                            } else {
                                                run.serverCpuNanos = cpu;
                                            }
                                            threadsEnded.countDown();
                                        }
                                    }, "dtls-timing-handshake-" + me);
                                    thread.setDaemon(true);
                                    return thread;
                                })
                                .sender((buf, off, len) -> {
                                    final byte[] copy = Arrays.copyOfRange(buf, off, off + len);
                                    final List<byte[]> capture = clientCapture;
                                    if (isClient && capture != null) {
                                        capture.add(copy);
                                        return;
                                    }
                                    final String label = describe(copy);
                                    run.event(me + ">" + them + " sent    " + label);
                                    if (udp) {
                                        final DatagramSocket from = isClient ? clientSocket : serverSocket;
                                        final DatagramSocket to = isClient ? serverSocket : clientSocket;
                                        try {
                                            from.send(new DatagramPacket(copy, copy.length,
                                                                         to.getLocalSocketAddress()));
                                        } catch (IOException e) {
                                            // lost, as UDP may lose it
                                        }
                                        return;
                                    }
                                    remoteLoop.execute(() -> {
                                        run.event(me + ">" + them + " arrived " + label);
                                        (isClient ? server : client).handleDatagram(copy, 0, copy.length);
                                    });
                                })
                                .listener(new DtlsListener() {
                                    @Override
                                    public void onConnected(DtlsConnectionInfo info) {
                                        final long at = run.event(me + " connected (on its loop)");
                                        if (isClient) {
                                            run.clientConnectedNanos = at;
                                        } else {
                                            run.serverConnectedNanos = at;
                                        }
                                        connected.countDown();
                                    }

                                    @Override
                                    public void onData(byte[] buf, int off, int len) {
                                        if (!isClient) {
                                            serverReceivedBytes.addAndGet(len);
                                        }
                                    }

                                    @Override
                                    public void onClosed() {}

                                    @Override
                                    public void onFailed(RemoteMediaException error) {
                                        System.err.println(me + " failed: " + error.getMessage());
                                    }
                                })
                                .build();
        }
    }

    /** One handshake, both starts posted at once as a peer connection does once ICE is connected. */
    private static Pair handshake(ExecutorService clientLoop, ExecutorService serverLoop) throws Exception {
        final Pair pair = new Pair(clientLoop, serverLoop);
        serverLoop.submit(() -> { }).get(); // both loops awake: a loop's thread start is not DTLS's cost
        clientLoop.submit(() -> { }).get();
        pair.run.startNanos = System.nanoTime();
        serverLoop.execute(pair.server::start);
        clientLoop.execute(pair.client::start);
        if (!pair.connected.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("handshake did not complete: client " + pair.client.state()
                                            + ", server " + pair.server.state());
        }
        return pair;
    }

    /** Names the records of a datagram: handshake message types for epoch 0, else the content type. */
    private static String describe(byte[] datagram) {
        final StringBuilder out = new StringBuilder();
        int off = 0;
        while (off + 13 <= datagram.length) {
            final int type = datagram[off] & 0xFF;
            final int epoch = (datagram[off + 3] & 0xFF) << 8 | datagram[off + 4] & 0xFF;
            final int length = (datagram[off + 11] & 0xFF) << 8 | datagram[off + 12] & 0xFF;
            if (out.length() > 0) {
                out.append('+');
            }
            if (type == 22 && epoch == 0 && length >= 12 && off + 25 <= datagram.length) {
                out.append(handshakeName(datagram[off + 13] & 0xFF));
                final int messageLength = (datagram[off + 14] & 0xFF) << 16 | (datagram[off + 15] & 0xFF) << 8
                                          | datagram[off + 16] & 0xFF;
                final int fragmentLength = (datagram[off + 22] & 0xFF) << 16 | (datagram[off + 23] & 0xFF) << 8
                                           | datagram[off + 24] & 0xFF;
                if (fragmentLength != messageLength) {
                    out.append("(fragment)");
                }
            } else {
                out.append(switch (type) {
                    case 20 -> "ChangeCipherSpec";
                    case 21 -> "Alert";
                    case 22 -> "Finished(encrypted)";
                    case 23 -> "ApplicationData";
                    default -> "type" + type;
                });
            }
            off += 13 + length;
        }
        return out.toString();
    }

    private static String handshakeName(int type) {
        return switch (type) {
            case 1 -> "ClientHello";
            case 2 -> "ServerHello";
            case 3 -> "HelloVerifyRequest";
            case 11 -> "Certificate";
            case 12 -> "ServerKeyExchange";
            case 13 -> "CertificateRequest";
            case 14 -> "ServerHelloDone";
            case 15 -> "CertificateVerify";
            case 16 -> "ClientKeyExchange";
            case 20 -> "Finished";
            default -> "handshake" + type;
        };
    }

    private static void report(List<Run> runs) {
        System.out.println();
        System.out.println("Handshake, from both start() posted to onConnected on the loop (ms):");
        System.out.println("                          median     p10     p90     min     max");
        row("client connected", runs.stream().mapToLong(r -> r.clientConnectedNanos).toArray());
        row("server connected", runs.stream().mapToLong(r -> r.serverConnectedNanos).toArray());
        row("both connected", runs.stream().mapToLong(r -> Math.max(r.clientConnectedNanos, r.serverConnectedNanos))
                                  .toArray());
        row("client thread CPU", runs.stream().mapToLong(r -> r.clientCpuNanos).toArray());
        row("server thread CPU", runs.stream().mapToLong(r -> r.serverCpuNanos).toArray());
        System.out.printf(Locale.ROOT, "  runs with a retransmission: %d of %d%n",
                          runs.stream().filter(Run::retransmitted).count(), runs.size());

        // Each event's median over the runs that had it; a retransmission adds events to some runs.
        final Map<String, List<Long>> byEvent = new LinkedHashMap<>();
        for (Run run : runs) {
            final Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < run.labels.size(); i++) {
                final String label = run.labels.get(i);
                final int occurrence = seen.merge(label, 1, Integer::sum);
                final String key = occurrence == 1 ? label : label + " #" + occurrence;
                byEvent.computeIfAbsent(key, k -> new ArrayList<>()).add(run.atNanos.get(i));
            }
        }
        final List<Map.Entry<String, Long>> timeline = new ArrayList<>();
        byEvent.forEach((label, times) -> timeline.add(
                Map.entry(label + (times.size() == runs.size() ? "" : " [in " + times.size() + " runs]"),
                          median(times.stream().mapToLong(Long::longValue).toArray()))));
        timeline.sort(Map.Entry.comparingByValue());
        System.out.printf(Locale.ROOT, "%nTimeline, median ms after start, and the step from the line above:%n");
        long previous = 0;
        for (Map.Entry<String, Long> event : timeline) {
            System.out.printf(Locale.ROOT, "  %7.3f  (+%6.3f)  %s%n", event.getValue() / 1e6,
                              (event.getValue() - previous) / 1e6, event.getKey());
            previous = event.getValue();
        }
    }

    // --- thread hand-offs ---

    /**
     * The hand-offs of a handshake: each datagram is posted by the sending thread to the receiving
     * loop (an executor wake-up), which queues it for the blocked handshake thread (a blocking
     * queue wake-up, as {@link DatagramPipe} does); each side starts a thread.
     */
    private static void handOffs(ExecutorService clientLoop, ExecutorService serverLoop) throws Exception {
        final int n = 2000;
        final long[] toLoop = new long[n];
        for (int i = 0; i < n; i++) {
            final long sent = System.nanoTime();
            toLoop[i] = serverLoop.submit(() -> System.nanoTime() - sent).get();
        }
        final ArrayBlockingQueue<Long> queue = new ArrayBlockingQueue<>(4);
        final long[] toThread = new long[n];
        final Thread waiter = new Thread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    final Long sent = queue.poll(1000, TimeUnit.MILLISECONDS);
                    toThread[i] = System.nanoTime() - sent;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        for (int i = 0; i < n; i++) {
            Thread.sleep(0, 200_000); // let the waiter block again, as the handshake thread does between flights
            clientLoop.submit(() -> queue.offer(System.nanoTime())).get();
        }
        waiter.join();
        final long[] threadStart = new long[200];
        for (int i = 0; i < threadStart.length; i++) {
            final CompletableFuture<Long> started = new CompletableFuture<>();
            final long t = System.nanoTime();
            final Thread thread = new Thread(() -> started.complete(System.nanoTime() - t));
            thread.start();
            threadStart[i] = started.get();
            thread.join();
        }
        System.out.println();
        System.out.println("Thread hand-offs (µs):");
        System.out.println("                                median     p10     p90     min     max");
        rowMicros("post to an idle loop", toLoop);
        rowMicros("queue to a blocked thread", toThread);
        rowMicros("new thread to running", threadStart);
    }

    // --- record layer ---

    /**
     * The record layer after the handshake: a 64 KiB message's worth of 1200-byte records
     * encrypted on the client's loop, then decrypted on the server's, repeatedly. Rates are per
     * second of the loop thread's CPU time, which other processes on a shared machine disturb
     * less than elapsed time.
     */
    private static void records(ExecutorService clientLoop, ExecutorService serverLoop) throws Exception {
        final Pair pair = handshake(clientLoop, serverLoop);
        final byte[] record = new byte[RECORD_BYTES];
        final int perMessage = (65_536 + RECORD_BYTES - 1) / RECORD_BYTES;
        final int rounds = 2000;
        final long[] encryptNanos = new long[rounds];
        final long[] decryptNanos = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            final List<byte[]> datagrams = new ArrayList<>(perMessage);
            pair.clientCapture = datagrams;
            encryptNanos[round] = clientLoop.submit(() -> {
                final long cpu0 = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < perMessage; i++) {
                    pair.client.send(record, 0, record.length);
                }
                return THREADS.getCurrentThreadCpuTime() - cpu0;
            }).get();
            pair.clientCapture = null;
            decryptNanos[round] = serverLoop.submit(() -> {
                final long cpu0 = THREADS.getCurrentThreadCpuTime();
                for (byte[] datagram : datagrams) {
                    pair.server.handleDatagram(datagram, 0, datagram.length);
                }
                return THREADS.getCurrentThreadCpuTime() - cpu0;
            }).get();
        }
        if (pair.serverReceivedBytes.get() != (long) rounds * perMessage * RECORD_BYTES) {
            throw new IllegalStateException("records lost: " + pair.serverReceivedBytes.get());
        }
        pair.close();
        final double megabytes = perMessage * RECORD_BYTES / 1e6;
        final long[] lastEncrypt = Arrays.copyOfRange(encryptNanos, rounds / 2, rounds);
        final long[] lastDecrypt = Arrays.copyOfRange(decryptNanos, rounds / 2, rounds);
        System.out.println();
        System.out.printf(Locale.ROOT, "Record layer, %d × %d-byte records (one 64 KiB message) per round, the last %d"
                                       + " rounds, MB per CPU second of the loop:%n", perMessage, RECORD_BYTES, rounds / 2);
        System.out.printf(Locale.ROOT, "  encrypt on the loop  %7.0f MB/s (median), %7.0f MB/s (p90 round)%n",
                          megabytes / (median(lastEncrypt) / 1e9), megabytes / (percentile(sorted(lastEncrypt), 90) / 1e9));
        System.out.printf(Locale.ROOT, "  decrypt on the loop  %7.0f MB/s (median), %7.0f MB/s (p90 round)%n",
                          megabytes / (median(lastDecrypt) / 1e9), megabytes / (percentile(sorted(lastDecrypt), 90) / 1e9));
    }

    private static long[] sorted(long[] values) {
        final long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    // --- crypto ---

    /** Its own class, so the rest runs against builds whose crypto classes differ. */
    private static final class Crypto {

        /** One call of the operation timed; returns something of the result, to keep it alive. */
        @FunctionalInterface
        interface Op {
            long run() throws Exception;
        }

        /** The crypto BC runs in one handshake, through the same {@link DtlsPeerSupport#CRYPTO} object. */
        static void crypto() throws Exception {
            final TlsCrypto crypto = DtlsPeerSupport.CRYPTO;
            final byte[] der = DtlsPair.SERVER_CERTIFICATE.derNoCopy();
            final SignatureAndHashAlgorithm ecdsaSha256 =
                    new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);
            final byte[] hash = new byte[32];
            new SecureRandom().nextBytes(hash);
            // The signer BcDefaultTlsCredentialedSigner makes for an EC key and ECDSA with SHA-256.
            final TlsSigner signer = new BcTlsECDSA13Signer(DtlsPeerSupport.CRYPTO, DtlsPair.SERVER_CERTIFICATE.privateKey(),
                                                            SignatureScheme.ecdsa_secp256r1_sha256);
            final DigitallySigned signature =
                    new DigitallySigned(ecdsaSha256, signer.generateRawSignature(ecdsaSha256, hash));
            final TlsSecret premaster = crypto.createSecret(new byte[32]);
            final byte[] seed = new byte[64];
            System.out.println();
            System.out.println("Crypto per call, warm (µs); each side runs the starred ones once per handshake:");
            System.out.println("                                median     p10     p90     min     max");
            time("* ECDSA P-256 sign", () -> signer.generateRawSignature(ecdsaSha256, hash).length);
            time("* parse cert, ECDSA verify", () -> {
                final TlsVerifier verifier = crypto.createCertificate(der).createVerifier(SignatureAlgorithm.ecdsa);
                return verifier.verifyRawSignature(signature, hash) ? 1 : 0;
            });
            time("  parse cert only",
                 () -> crypto.createCertificate(der).createVerifier(SignatureAlgorithm.ecdsa).hashCode());
            for (int group : new int[] {NamedGroup.x25519, NamedGroup.secp256r1}) {
                final byte[] peerPublic = crypto.createECDomain(new TlsECConfig(group)).createECDH().generateEphemeral();
                final TlsAgreement mine = crypto.createECDomain(new TlsECConfig(group)).createECDH();
                mine.generateEphemeral();
                final String name = (group == NamedGroup.x25519 ? "* " : "  ") + NamedGroup.getName(group);
                time(name + " key pair",
                     () -> crypto.createECDomain(new TlsECConfig(group)).createECDH().generateEphemeral().length);
                time(name + " agreement", () -> {
                    mine.receivePeerValue(peerPublic);
                    return mine.calculateSecret().extract().length;
                });
            }
            time("  PRF SHA-256, 48 B",
                 () -> premaster.deriveUsingPRF(PRFAlgorithm.tls_prf_sha256, "master secret", seed, 48).extract().length);
            time("  DtlsCertificate.generate", () -> DtlsCertificate.generate().derNoCopy().length);
        }

        private static void time(String name, Op op) throws Exception {
            long sink = 0;
            for (int i = 0; i < 2000; i++) {
                sink += op.run();
            }
            final long[] nanos = new long[500];
            for (int i = 0; i < nanos.length; i++) {
                final long t = System.nanoTime();
                sink += op.run();
                nanos[i] = System.nanoTime() - t;
            }
            rowMicros(name, nanos);
            if (sink == 42) {
                System.out.print(""); // keeps the results alive
            }
        }
    }

    // --- output ---

    private static ExecutorService loop(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            final Thread thread = new Thread(r, "dtls-timing-loop-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    private static void row(String name, long[] nanos) {
        final long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "  %-23s %7.2f %7.2f %7.2f %7.2f %7.2f%n", name, median(sorted) / 1e6,
                          percentile(sorted, 10) / 1e6, percentile(sorted, 90) / 1e6, sorted[0] / 1e6,
                          sorted[sorted.length - 1] / 1e6);
    }

    private static void rowMicros(String name, long[] nanos) {
        final long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "  %-27s %7.1f %7.1f %7.1f %7.1f %7.1f%n", name, median(sorted) / 1e3,
                          percentile(sorted, 10) / 1e3, percentile(sorted, 90) / 1e3, sorted[0] / 1e3,
                          sorted[sorted.length - 1] / 1e3);
    }

    private static long median(long[] values) {
        final long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }
}
