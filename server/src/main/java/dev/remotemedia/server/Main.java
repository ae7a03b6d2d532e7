package dev.remotemedia.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.remotemedia.transport.LogLevel;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code remotemedia-server}: parses flags and environment, starts the server, and shuts it down
 * gracefully on SIGINT or SIGTERM within 3 s. Exit codes: 0 after help, version or a clean stop; 1
 * when the server cannot start (a port in use); 2 for a bad command line or configuration.
 */
public final class Main {
    static final int EXIT_START_FAILED = 1;

    private Main() {}

    public static void main(String[] args) {
        final PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        final PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        final ServerCli.Outcome outcome = ServerCli.parse(args, System.getenv(), out, err);
        if (outcome instanceof ServerCli.Exit) {
            System.exit(((ServerCli.Exit) outcome).code());
        }
        final ServerCli.Start start = (ServerCli.Start) outcome;
        applyLogLevel(start.config().logLevel());
        final Logger logger = LoggerFactory.getLogger(Main.class);

        final RemoteMediaServer server;
        try {
            // No peer registry exists before JSON-RPC signaling (README "Status"), so there are none.
            server = RemoteMediaServer.start(start.config(), () -> 0);
        } catch (RuntimeException e) {
            err.println("remotemedia-server: cannot start: " + describe(e, start.config().httpPort()));
            System.exit(EXIT_START_FAILED);
            return;
        }
        out.println("remotemedia-server " + ServerVersion.get() + " (mode " + start.mode().cliName()
                    + ") listening on http://localhost:" + server.httpPort() + "/");

        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            logger.info("shutting down");
            try {
                server.stop().get(RemoteMediaServer.SHUTDOWN_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
                logger.info("stopped");
            } catch (Exception e) {
                logger.warn("shutdown did not finish cleanly: {}", e.toString());
            } finally {
                stopped.countDown();
                ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
            }
        }, "remotemedia-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(RuntimeException e, int port) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // Netty's epoll transport reports EADDRINUSE as its own NativeIoException, not a BindException.
            if (cause instanceof BindException || String.valueOf(cause.getMessage()).contains("already in use")) {
                return "HTTP_PORT (--http-port): port " + port + " is not available (address already in use)";
            }
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    static void applyLogLevel(LogLevel level) {
        final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        final Level logbackLevel = Level.toLevel(level.name(), Level.INFO);
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(logbackLevel);
        if (logbackLevel.isGreaterOrEqual(Level.WARN) || level == LogLevel.DEBUG || level == LogLevel.TRACE) {
            context.getLogger("com.linecorp.armeria").setLevel(logbackLevel);
        }
    }
}
