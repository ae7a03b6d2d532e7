package dev.remotemedia.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.signaling.cluster.NodeStatus;
import dev.remotemedia.signaling.cluster.RedisBackplane;
import dev.remotemedia.signaling.server.SignalingServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * What the server shows of its cluster (issue 15): {@code GET /api/cluster}, the {@code cluster}
 * part of {@code /health}, and the {@code remotemedia.cluster.*} meters of {@code /metrics}.
 */
final class ClusterEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterEndpoints() {}

    /**
     * {@code {"enabled": false}} when the server runs alone; else the cluster's name, this node's
     * id, whether Redis answers, the peers of the whole cluster, and every live node with its
     * counts as of its last heartbeat.
     */
    static ObjectNode cluster(@Nullable SignalingServer signaling) {
        final ObjectNode body = JSON.createObjectNode();
        final RedisBackplane cluster = signaling == null ? null : signaling.cluster();
        body.put("enabled", cluster != null);
        if (cluster == null || signaling == null) {
            return body;
        }
        body.put("cluster", cluster.options().cluster());
        body.put("node_id", cluster.nodeId());
        body.put("redis", cluster.options().redisUrlForDisplay());
        body.put("connected", cluster.connected());
        body.put("peers", signaling.clusterPeerCount());
        final ArrayNode nodes = body.putArray("nodes");
        for (NodeStatus node : cluster.nodes()) {
            final ObjectNode n = nodes.addObject();
            n.put("node_id", node.node());
            n.put("self", node.self());
            n.put("started_at", Instant.ofEpochMilli(node.startedAtMillis()).toString());
            n.put("updated_at", Instant.ofEpochMilli(node.updatedAtMillis()).toString());
            node.counts().forEach(n::put);
        }
        return body;
    }

    /** The {@code cluster} part of {@code /health}: {@code status} is {@code degraded} while Redis is away. */
    static ObjectNode health(RedisBackplane cluster, SignalingServer signaling) {
        final ObjectNode body = JSON.createObjectNode();
        body.put("status", cluster.connected() ? "connected" : "degraded");
        body.put("cluster", cluster.options().cluster());
        body.put("node_id", cluster.nodeId());
        body.put("nodes", cluster.nodes().size());
        body.put("cluster_peers", signaling.clusterPeerCount());
        return body;
    }

    static void bindMetrics(MeterRegistry registry, SignalingServer signaling) {
        final RedisBackplane cluster = signaling.cluster();
        if (cluster == null) {
            return;
        }
        Gauge.builder("remotemedia.cluster.connected", cluster, c -> c.connected() ? 1 : 0)
             .description("1 while this node reaches the cluster's Redis, 0 while degraded")
             .register(registry);
        Gauge.builder("remotemedia.cluster.nodes", cluster, c -> c.nodes().size())
             .description("Live nodes of the cluster, this one included")
             .register(registry);
        Gauge.builder("remotemedia.cluster.peers", signaling, SignalingServer::clusterPeerCount)
             .description("Peers announced in the whole cluster")
             .register(registry);
        counter(registry, "remotemedia.cluster.relays", "direction", "sent", "Relays sent to other nodes",
                cluster, RedisBackplane::relaysSent);
        counter(registry, "remotemedia.cluster.relays", "direction", "received", "Relays received from other nodes",
                cluster, RedisBackplane::relaysReceived);
        counter(registry, "remotemedia.cluster.relays.undeliverable", null, null,
                "Relays to other nodes that could not be delivered (their sender got -32001)",
                cluster, RedisBackplane::relaysUndeliverable);
        counter(registry, "remotemedia.cluster.relays.rejected", null, null,
                "Relays from other nodes dropped: from a peer the sender does not hold, or to none here",
                signaling, SignalingServer::clusterRelaysRejected);
        counter(registry, "remotemedia.cluster.messages.dropped", null, null,
                "Messages on the cluster's channels that were not cluster messages (garbage, other versions)",
                cluster, RedisBackplane::messagesDropped);
        counter(registry, "remotemedia.cluster.outages", null, null, "Times Redis became unavailable",
                cluster, RedisBackplane::outages);
        FunctionTimer.builder("remotemedia.cluster.relay.latency", cluster, RedisBackplane::relayLatencyCount,
                              RedisBackplane::relayLatencyNanos, TimeUnit.NANOSECONDS)
                     .description("From sending a relay to another node to Redis confirming a subscriber got it")
                     .register(registry);
    }

    private static <T> void counter(MeterRegistry registry, String name, @Nullable String tag, @Nullable String value,
                                    String description, T source, ToDoubleFunction<T> count) {
        final FunctionCounter.Builder<T> builder = FunctionCounter.builder(name, source, count).description(description);
        if (tag != null && value != null) {
            builder.tag(tag, value);
        }
        builder.register(registry);
    }
}
