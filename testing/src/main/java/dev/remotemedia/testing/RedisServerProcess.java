package dev.remotemedia.testing;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis for tests: Debian's {@code redis-server} on 127.0.0.1, a free port, no persistence
 * (so a restart starts empty, as a lost Redis would), no configuration file. {@link #start()}
 * returns once it answers {@code PING} (polled with a deadline, never a fixed sleep);
 * {@link #kill()} ends it at once (SIGKILL) and {@link #restart()} starts it again on the same port.
 * {@link #command} speaks enough RESP for a test to publish, read keys or ask {@code INFO}.
 *
 * <pre>{@code
 * try (RedisServerProcess redis = RedisServerProcess.start()) {
 *     String url = redis.url(); // "redis://127.0.0.1:PORT"
 * }
 * }</pre>
 */
public final class RedisServerProcess implements AutoCloseable {
    /** Where Debian installs it. */
    public static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final Path workDir;
    private final List<String> log = new ArrayList<>();
    private Process process;

    private RedisServerProcess(int port, Path workDir) {
        this.port = port;
        this.workDir = workDir;
    }

    /**
     * Starts redis-server on a free loopback port and waits until it answers.
     *
     * @throws IllegalStateException when {@link #REDIS_SERVER} is missing or it does not answer in 10 s
     */
    public static RedisServerProcess start() {
        if (!Files.isExecutable(REDIS_SERVER)) {
            throw new IllegalStateException(REDIS_SERVER + " is missing (expected: apt-get install redis-server)");
        }
        final Path workDir;
        try {
            workDir = Files.createTempDirectory("redis-server-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final RedisServerProcess redis = new RedisServerProcess(freeTcpPort(), workDir);
        redis.launch();
        return redis;
    }

    private void launch() {
        final List<String> command = List.of(
                REDIS_SERVER.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--protected-mode", "no", "--daemonize", "no",
                "--dir", workDir.toString(), "--logfile", "");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + REDIS_SERVER, e);
        }
        final Process started = process;
        final Thread pump = new Thread(() -> pumpLog(started), "redis-server-log-" + port);
        pump.setDaemon(true);
        pump.start();
        try {
            awaitPong(START_TIMEOUT);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The process id of the running server, for {@code ps} (CPU time in benchmarks). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Ends the server at once (SIGKILL), as a crash or a lost machine would; its data is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the server again, empty, on the same port, and waits until it answers. */
    public void restart() {
        if (isAlive()) {
            kill();
        }
        launch();
    }

    /**
     * Sends one command and returns its reply: a {@code String} (simple or bulk string, or
     * {@code null}), a {@code Long}, or a {@code List} of replies; an error reply throws.
     */
    public Object command(String... args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            socket.setSoTimeout(5_000);
            final OutputStream out = socket.getOutputStream();
            out.write(encode(args));
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("redis " + args[0] + " on port " + port, e);
        }
    }

    /** The field {@code name} of {@code INFO section}, such as {@code used_memory} of {@code memory}. */
    public String info(String section, String name) {
        final String info = (String) command("INFO", section);
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ':')) {
                return line.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException("INFO " + section + " has no field " + name);
    }

    /** The log lines so far. */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

    private void awaitPong(Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; its log:\n"
                                                + String.join("\n", log()));
            }
            try {
                if ("PONG".equals(command("PING"))) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e; // not listening yet: ask again
            }
            synchronized (log) {
                try {
                    log.wait(20); // woken early by its next log line ("Ready to accept connections")
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
        throw new IllegalStateException("redis-server did not answer on " + url() + " within " + timeout
                                        + " (" + last + "); its log:\n" + String.join("\n", log()));
    }

    private static byte[] encode(String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final StringBuilder head = new StringBuilder().append('*').append(args.length).append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        for (String arg : args) {
            final byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static Object read(InputStream in) throws IOException {
        final int type = in.read();
        final String line = readLine(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IllegalStateException("redis error: " + line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                final int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                final byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                final int count = Integer.parseInt(line);
                final List<Object> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default:
                throw new IOException("not a RESP reply: " + (char) type + line);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\r') {
                in.read(); // '\n'
                break;
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private void pumpLog(Process started) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (log) {
                    log.add(line);
                    log.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "RedisServerProcess{" + url() + '}';
    }
}
