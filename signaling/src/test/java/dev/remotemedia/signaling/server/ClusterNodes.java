package dev.remotemedia.signaling.server;

import dev.remotemedia.signaling.cluster.ClusterOptions;
import dev.remotemedia.testing.RedisServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Signaling servers in this JVM joined into one cluster on a real redis-server, for tests. */
final class ClusterNodes implements AutoCloseable {
    /**
     * A fast heartbeat, so nodes rejoin quickly after an outage, and a presence TTL with room for a
     * heartbeat delayed by a busy machine (no test here waits for a presence to expire).
     */
    static final Duration TTL = Duration.ofMillis(4_000);
    static final Duration HEARTBEAT = Duration.ofMillis(250);

    final String cluster = "test-" + UUID.randomUUID().toString().substring(0, 8);
    final List<SignalingTestServer> nodes = new ArrayList<>();
    private final RedisServerProcess redis;

    ClusterNodes(RedisServerProcess redis) {
        this.redis = redis;
    }

    /** Starts node {@code nodeId} of this cluster with the builder's other settings from {@code customizer}. */
    SignalingTestServer start(String nodeId, Consumer<SignalingServer.Builder> customizer) {
        final SignalingTestServer node = SignalingTestServer.start(b -> {
            b.cluster(options(nodeId));
            customizer.accept(b);
        });
        nodes.add(node);
        return node;
    }

    ClusterOptions options(String nodeId) {
        return ClusterOptions.of(redis.url(), cluster, nodeId, TTL, HEARTBEAT);
    }

    /** Waits for {@code condition}, checking it as things happen (every 10 ms) up to {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            try {
                Thread.sleep(10); // a poll of a condition with a deadline, not a wait for a fixed time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        nodes.forEach(SignalingTestServer::close);
    }
}
