package dev.remotemedia.server;

import static java.util.Objects.requireNonNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.remotemedia.transport.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies {@code LOG_LEVEL} to Logback, for the executable and for tools that embed the server. */
public final class ServerLogging {
    private ServerLogging() {}

    /**
     * Sets the root level. Armeria's own loggers stay at WARN (their start-up flags are noise at
     * INFO) unless the level is DEBUG or TRACE, or quieter than WARN.
     */
    public static void apply(LogLevel level) {
        requireNonNull(level, "level");
        final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        final Level logbackLevel = Level.toLevel(level.name(), Level.INFO);
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(logbackLevel);
        final boolean armeriaFollows = logbackLevel.isGreaterOrEqual(Level.WARN)
                                       || level == LogLevel.DEBUG || level == LogLevel.TRACE;
        context.getLogger("com.linecorp.armeria").setLevel(armeriaFollows ? logbackLevel : Level.WARN);
        // Lettuce warns on every reconnect attempt while Redis is away (twice a second); the cluster
        // says once that it is degraded and once that it rejoined (issue 15).
        context.getLogger("io.lettuce.core.protocol.ConnectionWatchdog")
               .setLevel(level == LogLevel.DEBUG || level == LogLevel.TRACE ? logbackLevel : Level.ERROR);
    }

    /** Flushes and stops logging; the last call of a shutting-down process. */
    static void stop() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }
}
