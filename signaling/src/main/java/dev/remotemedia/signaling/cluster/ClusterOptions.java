package dev.remotemedia.signaling.cluster;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where and as what a signaling server joins a cluster: the Redis URL ({@code REDIS_URL}), the
 * cluster's name ({@code REMOTEMEDIA_CLUSTER}, default {@value #DEFAULT_CLUSTER}) and this node's
 * id ({@code REMOTEMEDIA_NODE_ID}, default generated), and how fast a dead node is noticed: its
 * presence key lives {@link #presenceTtl()} unless refreshed every {@link #heartbeat()}, so a node
 * killed with no goodbye is gone from every other node within about the sum of the two.
 */
public final class ClusterOptions {
    public static final String DEFAULT_CLUSTER = "remotemedia";
    public static final Duration DEFAULT_PRESENCE_TTL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);
    /** How long one Redis command may take before the cluster counts as unavailable. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final URI redisUrl;
    private final String cluster;
    private final String nodeId;
    private final Duration presenceTtl;
    private final Duration heartbeat;
    private final Duration commandTimeout;

    private ClusterOptions(URI redisUrl, String cluster, String nodeId, Duration presenceTtl, Duration heartbeat,
                           Duration commandTimeout) {
        this.redisUrl = redisUrl;
        this.cluster = cluster;
        this.nodeId = nodeId;
        this.presenceTtl = presenceTtl;
        this.heartbeat = heartbeat;
        this.commandTimeout = commandTimeout;
    }

    /**
     * Options for {@code redisUrl} ({@code redis://host:port[/db]}, or {@code rediss://} for TLS),
     * cluster {@code cluster} and node {@code nodeId} ({@code null}: a generated one).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static ClusterOptions of(String redisUrl, String cluster, String nodeId) {
        return of(redisUrl, cluster, nodeId, DEFAULT_PRESENCE_TTL, DEFAULT_HEARTBEAT);
    }

    /** As {@link #of(String, String, String)}, with the presence timing given. */
    public static ClusterOptions of(String redisUrl, String cluster, String nodeId, Duration presenceTtl,
                                    Duration heartbeat) {
        requireNonNull(redisUrl, "redisUrl");
        requireNonNull(cluster, "cluster");
        requireNonNull(presenceTtl, "presenceTtl");
        requireNonNull(heartbeat, "heartbeat");
        final URI uri = redisUri(redisUrl);
        if (!isValidName(cluster)) {
            throw new IllegalArgumentException("cluster: '" + cluster + "' (expected: 1 to 64 letters, digits, '.', '_' or '-')");
        }
        final String node = nodeId == null || nodeId.isEmpty() ? generatedNodeId() : nodeId;
        if (!isValidName(node)) {
            throw new IllegalArgumentException("node id: '" + node + "' (expected: 1 to 64 letters, digits, '.', '_' or '-')");
        }
        if (heartbeat.isNegative() || heartbeat.isZero() || presenceTtl.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("presenceTtl: " + presenceTtl + ", heartbeat: " + heartbeat
                                               + " (expected: heartbeat > 0 and presenceTtl >= 2 x heartbeat)");
        }
        return new ClusterOptions(uri, cluster, node, presenceTtl, heartbeat, DEFAULT_COMMAND_TIMEOUT);
    }

    /** Checks a Redis URL the way {@link #of} does; the message names what is wrong. */
    public static URI redisUri(String redisUrl) {
        final String shown = redisUrl.replaceAll("//[^/@]*@", "//***@"); // no password in messages
        final URI uri;
        try {
            uri = URI.create(redisUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + shown + "' is not a URL (expected: redis://host:port)");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("'" + shown + "' (expected: redis://host:port or rediss://host:port)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("'" + shown + "' has no host (expected: redis://host:port)");
        }
        return uri;
    }

    /** Whether {@code name} can be a cluster name or node id: 1 to 64 of {@code [A-Za-z0-9._-]}. */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    private static String generatedNodeId() {
        return "node-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public URI redisUrl() {
        return redisUrl;
    }

    /** The Redis URL without a password, for logs and {@code /api/cluster}. */
    public String redisUrlForDisplay() {
        final String userInfo = redisUrl.getUserInfo();
        return userInfo == null ? redisUrl.toString() : redisUrl.toString().replace(userInfo + '@', "***@");
    }

    public String cluster() {
        return cluster;
    }

    public String nodeId() {
        return nodeId;
    }

    public Duration presenceTtl() {
        return presenceTtl;
    }

    public Duration heartbeat() {
        return heartbeat;
    }

    public Duration commandTimeout() {
        return commandTimeout;
    }

    @Override
    public String toString() {
        return "cluster " + cluster + " as node " + nodeId + " on " + redisUrlForDisplay();
    }
}
