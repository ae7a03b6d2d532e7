package dev.remotemedia.testing;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real TURN server for tests: Debian's {@code coturn} ({@code /usr/bin/turnserver}) on
 * 127.0.0.1, a free port, one static long-term-credential user, loopback peers allowed, no TLS, no
 * configuration file. {@link #start} returns once the server answers a STUN Binding request (polled
 * with a deadline, never a fixed sleep); {@link #close()} stops it. Its log is kept, so a test can
 * wait for what it says (an allocation deleted, …) with {@link #awaitLogLines}.
 *
 * <pre>{@code
 * try (TurnServerProcess turn = TurnServerProcess.start("u", "p")) {
 *     String url = turn.url(); // "turn:127.0.0.1:PORT"
 * }
 * }</pre>
 */
public final class TurnServerProcess implements AutoCloseable {

    /** Where Debian installs coturn's server. */
    public static final Path TURNSERVER = Path.of("/usr/bin/turnserver");
    public static final String REALM = "test";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final int RELAY_PORTS = 200;

    private final Process process;
    private final int port;
    private final String username;
    private final String password;
    private final Path workDir;
    private final List<String> log = new ArrayList<>();

    private TurnServerProcess(Process process, int port, String username, String password, Path workDir) {
        this.process = process;
        this.port = port;
        this.username = username;
        this.password = password;
        this.workDir = workDir;
        Thread pump = new Thread(this::pumpLog, "turnserver-log-" + port);
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Starts coturn with user {@code username}:{@code password} in realm {@link #REALM} and waits
     * until it answers.
     *
     * @throws IllegalStateException when {@link #TURNSERVER} is missing or it does not answer in 10 s
     */
    public static TurnServerProcess start(String username, String password) {
        requireNonNull(username, "username");
        requireNonNull(password, "password");
        if (!Files.isExecutable(TURNSERVER)) {
            throw new IllegalStateException(TURNSERVER + " is missing (expected: apt-get install coturn)");
        }
        int port = freeUdpPort();
        int minPort = ThreadLocalRandom.current().nextInt(40_000, 60_000 - RELAY_PORTS);
        Path workDir;
        try {
            workDir = Files.createTempDirectory("turnserver-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(
                TURNSERVER.toString(), "-n", "--no-cli", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1",
                "--listening-port=" + port, "--min-port=" + minPort, "--max-port=" + (minPort + RELAY_PORTS - 1),
                "--lt-cred-mech", "--user=" + username + ':' + password, "--realm=" + REALM,
                "--allow-loopback-peers", "--no-tls", "--no-dtls", "--log-file=stdout", "--simple-log",
                "--verbose", "--pidfile=" + workDir.resolve("turnserver.pid"),
                "--userdb=" + workDir.resolve("turndb"));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + TURNSERVER, e);
        }
        TurnServerProcess server = new TurnServerProcess(process, port, username, password, workDir);
        try {
            server.awaitAnswer(START_TIMEOUT);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The server's address, 127.0.0.1 and its UDP port. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** {@code turn:127.0.0.1:PORT}. */
    public String url() {
        return "turn:127.0.0.1:" + port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** The log lines so far. */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /**
     * Waits until at least {@code count} log lines match {@code line}, such as coturn's
     * {@code "refreshed ... lifetime=0"} for each deleted allocation.
     *
     * @throws AssertionError when {@code timeout} passes first, with the log
     */
    public void awaitLogLines(Predicate<String> line, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (log) {
            while (true) {
                if (log.stream().filter(line).count() >= count) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new AssertionError("turnserver did not log " + count + " expected lines within " + timeout
                                             + "; its log:\n" + String.join("\n", log));
                }
                try {
                    log.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 5 s) and removes its files. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(workDir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(workDir);
        } catch (IOException e) {
            // a leftover temp file is not worth failing a test for
        }
    }

    /** Sends STUN Binding requests until one is answered: the server is ready. */
    private void awaitAnswer(Duration timeout) {
        byte[] request = new byte[20];
        request[1] = 0x01; // Binding request, no attributes
        request[4] = 0x21;
        request[5] = 0x12;
        request[6] = (byte) 0xA4;
        request[7] = 0x42;
        for (int i = 8; i < 20; i++) {
            request[i] = (byte) ThreadLocalRandom.current().nextInt();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(100); // each attempt waits for the answer at most this long
            byte[] buffer = new byte[1500];
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("turnserver exited with " + process.exitValue() + "; its log:\n"
                                                    + String.join("\n", log()));
                }
                socket.send(new DatagramPacket(request, request.length, address()));
                try {
                    DatagramPacket response = new DatagramPacket(buffer, buffer.length);
                    socket.receive(response);
                    if (response.getLength() >= 20 && buffer[0] == 0x01 && buffer[1] == 0x01) {
                        return; // Binding success response
                    }
                } catch (SocketTimeoutException e) {
                    // not up yet: ask again
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("turnserver did not answer on " + url() + " within " + timeout
                                        + "; its log:\n" + String.join("\n", log()));
    }

    private void pumpLog() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (log) {
                    log.add(line);
                    log.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        synchronized (log) {
            log.notifyAll();
        }
    }

    private static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "TurnServerProcess{" + url() + ", user " + username + ", password ***}";
    }
}
