package dev.remotemedia.signaling.client;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.transport.WebRtcTransportConfig;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for reconnection: attempt {@code n} (from 1) waits
 * {@code min(maxDelay, initialDelay × factor^(n-1))}, of which the upper half is random ("equal
 * jitter"), so clients that lost the same server do not all come back in the same instant, and no
 * wait is shorter than half its step.
 */
public final class ReconnectBackoff {
    private final Duration initialDelay;
    private final double factor;
    private final Duration maxDelay;
    private final int maxAttempts;

    private ReconnectBackoff(Duration initialDelay, double factor, Duration maxDelay, int maxAttempts) {
        this.initialDelay = requireNonNull(initialDelay, "initialDelay");
        this.maxDelay = requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("initialDelay: " + initialDelay + " (expected: > 0)");
        }
        if (!(factor >= 1)) {
            throw new IllegalArgumentException("factor: " + factor + " (expected: >= 1)");
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay: " + maxDelay + " (expected: >= initialDelay " + initialDelay + ')');
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts: " + maxAttempts + " (expected: >= 0, 0 for no limit)");
        }
        this.factor = factor;
        this.maxAttempts = maxAttempts;
    }

    /** The backoff of {@code WEBRTC_RECONNECT_*} in {@code config}. */
    public static ReconnectBackoff of(WebRtcTransportConfig config) {
        return of(config.reconnectInitialDelay(), config.reconnectBackoffFactor(), config.reconnectMaxDelay(),
                  config.reconnectMaxAttempts());
    }

    /** A backoff; {@code maxAttempts} 0 never gives up. */
    public static ReconnectBackoff of(Duration initialDelay, double factor, Duration maxDelay, int maxAttempts) {
        return new ReconnectBackoff(initialDelay, factor, maxDelay, maxAttempts);
    }

    /** Whether attempt {@code attempt} (from 1) may be made. */
    public boolean allows(int attempt) {
        return maxAttempts == 0 || attempt <= maxAttempts;
    }

    /** The step before jitter for attempt {@code attempt} (from 1). */
    public Duration step(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt: " + attempt + " (expected: >= 1)");
        }
        final double nanos = initialDelay.toNanos() * Math.pow(factor, attempt - 1);
        return nanos >= maxDelay.toNanos() ? maxDelay : Duration.ofNanos((long) nanos);
    }

    /** The wait before attempt {@code attempt}: half its step plus {@code random} (in [0, 1)) of the other half. */
    public Duration delay(int attempt, DoubleSupplier random) {
        final long step = step(attempt).toNanos();
        final double r = random.getAsDouble();
        if (!(r >= 0 && r < 1)) {
            throw new IllegalArgumentException("random: " + r + " (expected: in [0, 1))");
        }
        return Duration.ofNanos(step / 2 + (long) (r * (step - step / 2)));
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public String toString() {
        return "ReconnectBackoff{initialDelay=" + initialDelay + ", factor=" + factor + ", maxDelay=" + maxDelay
               + ", maxAttempts=" + maxAttempts + '}';
    }
}
