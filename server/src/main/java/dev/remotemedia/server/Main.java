package dev.remotemedia.server;

import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.cluster.ClusterStartException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code remotemedia-server}: parses flags and environment, starts the server, and shuts it down
 * gracefully on SIGINT or SIGTERM within 3 s. Exit codes: 0 after help or version; 1 when the
 * server cannot start (a port in use); 2 for a bad command line, configuration or pipeline manifest; after a signal,
 * the JVM's usual 130 (SIGINT) or 143 (SIGTERM), once the shutdown has finished.
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
        ServerLogging.apply(start.config().logLevel());
        final Logger logger = LoggerFactory.getLogger(Main.class);
        start.notices().forEach(notice -> logger.warn("{}", notice));

        // The hook exists before the server does, so a signal at any moment after the ready line
        // (and even before it) shuts down gracefully.
        final AtomicReference<RemoteMediaServer> running = new AtomicReference<>();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                final RemoteMediaServer server = running.get();
                if (server != null) {
                    logger.info("shutting down");
                    final boolean drained = server.shutDown(RemoteMediaServer.SHUTDOWN_TIMEOUT);
                    logger.info(drained ? "stopped" : "stopped without draining every connection");
                }
            } finally {
                stopped.countDown();
                ServerLogging.stop();
            }
        }, "remotemedia-shutdown"));

        final PipelineCatalog catalog;
        try {
            catalog = PipelineCatalog.load(start.config());
        } catch (RemoteMediaException e) {
            err.println("remotemedia-server: cannot start, a pipeline manifest is not valid:");
            e.getMessage().lines().forEach(line -> err.println("  " + line));
            err.flush();
            System.exit(ServerCli.EXIT_USAGE);
            return;
        }
        try {
            running.set(RemoteMediaServer.start(start.config(), start.mode(), catalog, start.cluster()));
        } catch (RuntimeException e) {
            err.println("remotemedia-server: cannot start: " + describe(e, start.config().httpPort()));
            System.exit(EXIT_START_FAILED);
            return;
        }
        if (running.get().grpcPort() >= 0) {
            out.println("gRPC signaling listening on " + start.config().grpcSignalingAddress().host() + ':'
                        + running.get().grpcPort());
        }
        // The line tests and supervisors wait for: printed once the server accepts requests.
        out.println("remotemedia-server " + ServerVersion.get() + " (mode " + start.mode().cliName()
                    + ") listening on http://localhost:" + running.get().httpPort() + "/");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(RuntimeException e, int port) {
        if (e instanceof StartFailure || e instanceof ClusterStartException) {
            return e.getMessage();
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // Netty's epoll transport reports EADDRINUSE as its own NativeIoException, not a BindException.
            // The HTTP port is the only one bound without a StartFailure of its own (gRPC has one).
            if (cause instanceof BindException || String.valueOf(cause.getMessage()).contains("already in use")) {
                return "HTTP_PORT (--http-port): port " + port + " is not available (address already in use)";
            }
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
