package dev.remotemedia.testing;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real server process for tests: a new JVM running a main class on this JVM's classpath, with its
 * output captured line by line so a test can wait for what it prints (never for a fixed time).
 *
 * <p>The child is started through {@code env --default-signal} so that SIGINT and SIGTERM reach it
 * with their default disposition even when the test JVM itself was started with them ignored (as a
 * background job of a non-interactive shell is); otherwise a shutdown test would depend on how CI
 * happens to be launched.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://localhost:(\\d+)/");
    /** Whether this machine's env(1) has --default-signal (GNU coreutils 8.31 and later). */
    private static final boolean ENV_RESETS_SIGNALS = envResetsSignals();

    private static boolean envResetsSignals() {
        if (!Files.isExecutable(Path.of("/usr/bin/env"))) {
            return false;
        }
        try {
            final Process probe = new ProcessBuilder("/usr/bin/env", "--default-signal=INT", "true")
                    .redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final String description;
    private int closedStreams;

    private ServerProcess(Process process, String description) {
        this.process = process;
        this.description = description;
        pump(process.getInputStream(), stdout, "stdout");
        pump(process.getErrorStream(), stderr, "stderr");
    }

    /** Starts {@code mainClass} with {@code args}, the given extra environment and this JVM's classpath. */
    public static ServerProcess start(String mainClass, List<String> args, Map<String, String> env) {
        requireNonNull(mainClass, "mainClass");
        final List<String> command = new ArrayList<>();
        if (ENV_RESETS_SIGNALS) {
            command.add("/usr/bin/env");
            command.add("--default-signal=INT,TERM");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        final ProcessBuilder builder = new ProcessBuilder(command);
        final Map<String, String> environment = builder.environment();
        // The child sees only what the test sets, not the developer's own settings.
        environment.keySet().removeIf(k -> k.startsWith("WEBRTC_") || k.equals("HTTP_PORT") || k.equals("LOG_LEVEL")
                                           || k.equals("GRPC_SIGNALING_ADDRESS") || k.startsWith("REMOTEMEDIA_")
                                           || k.equals("REDIS_URL"));
        environment.putAll(env);
        try {
            return new ServerProcess(builder.start(), mainClass + ' ' + String.join(" ", args));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass, e);
        }
    }

    private void pump(InputStream in, List<String> lines, String name) {
        final Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // The process went away; what was read is kept.
            } finally {
                synchronized (this) {
                    closedStreams++;
                    notifyAll();
                }
            }
        }, "server-process-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The process id, for signals. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Every line printed to stdout so far. */
    public synchronized List<String> stdout() {
        return List.copyOf(stdout);
    }

    /** Every line printed to stderr so far. */
    public synchronized List<String> stderr() {
        return List.copyOf(stderr);
    }

    /**
     * Waits until a stdout line matches {@code pattern} and returns the match.
     *
     * @throws AssertionError with everything printed so far if the process exits first or the time runs out
     */
    public Matcher awaitStdout(Pattern pattern, Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            int checked = 0;
            while (true) {
                for (; checked < stdout.size(); checked++) {
                    final Matcher matcher = pattern.matcher(stdout.get(checked));
                    if (matcher.find()) {
                        return matcher;
                    }
                }
                final long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMillis <= 0 || drained() && checked == stdout.size()) {
                    throw new AssertionError("no stdout line matched /" + pattern + "/ "
                                             + (process.isAlive() ? "within " + timeout : "before the process exited")
                                             + '\n' + transcript());
                }
                try {
                    wait(Math.min(leftMillis, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Whether both output streams have reached their end (so every line has been read). */
    private boolean drained() {
        return closedStreams == 2;
    }

    /** Waits for the {@code listening on http://localhost:PORT/} line and returns the port. */
    public int awaitHttpPort(Duration timeout) {
        return Integer.parseInt(awaitStdout(LISTENING, timeout).group(1));
    }

    /** Sends a signal by name ({@code INT}, {@code TERM}). */
    public void signal(String name) {
        try {
            final Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new AssertionError("kill -" + name + ' ' + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Waits for the process to exit and returns its exit code.
     *
     * @throws AssertionError with the transcript if it is still running after {@code timeout}
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("still running after " + timeout + '\n' + transcript());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        // Let the pump threads take the last lines.
        synchronized (this) {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (!drained() && System.nanoTime() < deadline) {
                try {
                    wait(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return process.exitValue();
    }

    /** Everything printed so far, for failure messages. */
    public synchronized String transcript() {
        final Map<String, List<String>> streams = new LinkedHashMap<>();
        streams.put("stdout", stdout);
        streams.put("stderr", stderr);
        final StringBuilder out = new StringBuilder("--- ").append(description).append('\n');
        streams.forEach((name, lines) -> lines.forEach(line -> out.append(name).append(" | ").append(line).append('\n')));
        return out.toString();
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
