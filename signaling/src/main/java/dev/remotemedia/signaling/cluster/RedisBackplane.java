package dev.remotemedia.signaling.cluster;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.PeerInfo;
import dev.remotemedia.signaling.SignalingMethods;
import dev.remotemedia.signaling.cluster.ClusterMessage.PeerJoined;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signaling node's link to its cluster through Redis (Lettuce): the cluster-wide registry of
 * peers, atomic claims of peer ids ({@link RedisScripts}), presence with expiry, and pub/sub
 * channels — {@code rm:<cluster>:events} for membership, {@code rm:<cluster>:node:<id>} for relays to
 * the peers of one node.
 *
 * <p>A heartbeat thread refreshes this node's presence every {@link ClusterOptions#heartbeat()},
 * writes its counts and checks the others': a node whose presence expired is reaped (its peers
 * removed from the registry) and every node drops its peers ({@link ClusterListener#liveNodes}).
 * When Redis fails, the node is degraded ({@link #connected()} false): relays to other nodes and
 * new claims fail at once with {@code -32001}, local peers keep working; when Redis answers again,
 * the node republishes its peers, asks every node to resync, and is connected again.
 */
public final class RedisBackplane implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(RedisBackplane.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofMillis(500);
    private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** How a claim of a peer id ended. */
    public enum Claim { CLAIMED, EXISTS, FULL }

    private final ClusterOptions options;
    private final ClusterListener listener;
    private final Supplier<Map<String, Long>> counts;
    private final ClusterCodec codec;
    private final String token = UUID.randomUUID().toString();
    private final String prefix;
    private final String aliveKey;
    private final String nodesKey;
    private final String ownersKey;
    private final String peersKey;
    private final String eventsChannel;
    private final String ownChannel;
    private final long startedAtMillis = System.currentTimeMillis();
    private final ClientResources resources;
    private final RedisClient client;
    /** Registry, presence and claims: kept apart so a backlog of relays never delays the heartbeat. */
    private final StatefulRedisConnection<String, String> connection;
    /** Every publish (membership and relays), on one connection so they leave in the order they were sent. */
    private final StatefulRedisConnection<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscription;
    private final ScheduledExecutorService heartbeat;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile List<NodeStatus> nodes = List.of();
    private volatile boolean idTakenLogged;
    /** The live nodes as of the last heartbeat that reached Redis. */
    private volatile Set<String> lastLive = Set.of();
    /** Nodes live before an outage, given until {@link #graceUntilNanos} to republish after it. */
    private volatile Set<String> carried = Set.of();
    private volatile long graceUntilNanos = System.nanoTime();

    private final LongAdder relaysSent = new LongAdder();
    private final LongAdder relaysReceived = new LongAdder();
    private final LongAdder relaysUndeliverable = new LongAdder();
    private final LongAdder relayLatencyNanos = new LongAdder();
    private final LongAdder relayLatencyCount = new LongAdder();
    private final LongAdder membershipReceived = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder outages = new LongAdder();
    private final AtomicLong lastDropLogNanos = new AtomicLong(System.nanoTime() - DROP_LOG_INTERVAL_NANOS);

    private RedisBackplane(ClusterOptions options, ClusterListener listener, Supplier<Map<String, Long>> counts) {
        this.options = options;
        this.listener = listener;
        this.counts = counts;
        codec = new ClusterCodec(options.cluster());
        prefix = "rm:" + options.cluster() + ':';
        aliveKey = aliveKey(options.nodeId());
        nodesKey = prefix + "nodes";
        ownersKey = prefix + "owners";
        peersKey = prefix + "peers";
        eventsChannel = prefix + "events";
        ownChannel = nodeChannel(options.nodeId());
        resources = ClientResources.builder()
                                   // One event loop per connection (commands, publishes, subscription), so
                                   // decoding a flood of relays never delays the heartbeat's answers.
                                   .ioThreadPoolSize(3)
                                   .computationThreadPoolSize(1)
                                   // Try again soon after Redis comes back, not after Lettuce's 30 s maximum.
                                   .reconnectDelay(Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2,
                                                                     TimeUnit.MILLISECONDS))
                                   .build();
        final RedisURI uri = RedisURI.create(options.redisUrl());
        uri.setTimeout(options.commandTimeout());
        client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                                       .autoReconnect(true)
                                       // Fail at once while Redis is away rather than queue: a relay
                                       // that cannot go gets its error now (§5.1: nothing lost silently).
                                       .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                                       .timeoutOptions(TimeoutOptions.enabled(options.commandTimeout()))
                                       .build());
        try {
            connection = client.connect();
            publisher = client.connect();
            subscription = client.connectPubSub();
        } catch (RuntimeException e) {
            shutDownClient();
            throw new ClusterStartException("REDIS_URL (--redis-url): cannot reach Redis at "
                                            + options.redisUrlForDisplay() + " (" + rootMessage(e) + ')', e);
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread thread = new Thread(r, "remotemedia-cluster");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Joins the cluster of {@code options}: claims the node id (refused when a live node holds it),
     * subscribes, hands {@code listener} the registry and starts the heartbeat. {@code counts}
     * gives this node's counts for {@code /api/cluster} (called on the heartbeat thread).
     *
     * @throws ClusterStartException when Redis cannot be reached or the node id is taken
     */
    public static RedisBackplane start(ClusterOptions options, ClusterListener listener,
                                       Supplier<Map<String, Long>> counts) {
        requireNonNull(options, "options");
        requireNonNull(listener, "listener");
        requireNonNull(counts, "counts");
        final RedisBackplane backplane = new RedisBackplane(options, listener, counts);
        try {
            backplane.join();
        } catch (RuntimeException e) {
            backplane.shutDown();
            throw e;
        }
        return backplane;
    }

    private void join() {
        final RedisCommands<String, String> redis = connection.sync();
        final String set;
        try {
            set = redis.set(aliveKey, token, SetArgs.Builder.nx().px(options.presenceTtl().toMillis()));
        } catch (RuntimeException e) {
            throw new ClusterStartException("REDIS_URL (--redis-url): Redis at " + options.redisUrlForDisplay()
                                            + " refused the node's presence (" + rootMessage(e) + ')', e);
        }
        if (!"OK".equals(set)) {
            throw new ClusterStartException("REMOTEMEDIA_NODE_ID (--node-id): node id '" + options.nodeId()
                    + "' is already in use in cluster '" + options.cluster() + "' by a live node (its presence key "
                    + aliveKey + " is held); give each server its own node id, or wait "
                    + options.presenceTtl().toSeconds() + " s for a dead node's presence to expire");
        }
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                onMessage(message);
            }
        });
        subscription.sync().subscribe(eventsChannel, ownChannel);
        // A previous process with this node id may have left peers behind: they are gone.
        redis.eval(RedisScripts.REPUBLISH, ScriptOutputType.MULTI, new String[] {ownersKey, peersKey},
                   options.nodeId());
        writeStatus(redis);
        connected = true;
        listener.snapshot(readSnapshot(redis), Set.of());
        refreshNodes(redis);
        final long periodMillis = options.heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        logger.info("joined {}", options);
    }

    public ClusterOptions options() {
        return options;
    }

    public String nodeId() {
        return options.nodeId();
    }

    /** Whether Redis answers and this node is registered; {@code false} while degraded. */
    public boolean connected() {
        return connected && subscription.isOpen() && connection.isOpen() && publisher.isOpen();
    }

    /** The nodes as of the last heartbeat, this one first. */
    public List<NodeStatus> nodes() {
        return nodes;
    }

    /**
     * Claims {@code peer}'s id for this node, at most {@code maxPeers} peers in the whole cluster;
     * fails with {@code -32001} while Redis is unavailable.
     */
    public CompletableFuture<Claim> claim(PeerJoined peer, int maxPeers) {
        requireNonNull(peer, "peer");
        if (!connected()) {
            return CompletableFuture.failedFuture(unavailable());
        }
        return connection.async()
                         .<String>eval(RedisScripts.CLAIM, ScriptOutputType.STATUS,
                                       new String[] {aliveKey, ownersKey, peersKey}, token,
                                       peer.peer().peerId(), peerJson(peer), Integer.toString(maxPeers),
                                       options.nodeId())
                         .toCompletableFuture()
                         .handle((result, cause) -> {
                             if (cause != null) {
                                 throw unavailable();
                             }
                             return switch (result) {
                                 case "ok" -> Claim.CLAIMED;
                                 case "exists" -> Claim.EXISTS;
                                 case "full" -> Claim.FULL;
                                 default -> throw unavailable(); // "absent": the heartbeat rejoins first
                             };
                         });
    }

    /** Tells every node that {@code peer} announced itself here (after its claim). */
    public void announced(PeerJoined peer) {
        publish(eventsChannel, peer);
    }

    /** Removes {@code peerId} of this node from the registry and tells every node it left. */
    public void left(String peerId, String reason) {
        if (!connected()) {
            return; // the registry is republished when Redis is back, without this peer
        }
        connection.async().eval(RedisScripts.RELEASE, ScriptOutputType.INTEGER, new String[] {ownersKey, peersKey},
                                peerId, options.nodeId());
        publish(eventsChannel, new ClusterMessage.PeerLeft(peerId, reason));
    }

    /**
     * Sends {@code message} to node {@code node}; the future fails with {@code -32001} when Redis is
     * unavailable or that node is not subscribed (it is gone), so the sender is told.
     */
    public CompletableFuture<Void> send(String node, ClusterMessage message) {
        requireNonNull(node, "node");
        requireNonNull(message, "message");
        if (!connected()) {
            relaysUndeliverable.increment();
            return CompletableFuture.failedFuture(unavailable());
        }
        final long startNanos = System.nanoTime();
        relaysSent.increment();
        return publisher.async().publish(nodeChannel(node), codec.encode(options.nodeId(), System.currentTimeMillis(),
                                                                          message))
                         .toCompletableFuture()
                         .handle((receivers, cause) -> {
                             if (cause != null || receivers == null || receivers == 0) {
                                 relaysUndeliverable.increment();
                                 throw new RemoteMediaException(ErrorCode.CONNECTION_FAILED, cause != null
                                         ? "the cluster's Redis is unavailable (" + rootMessage(cause) + ')'
                                         : "node " + node + " did not receive the relay: it has left the cluster");
                             }
                             relayLatencyNanos.add(System.nanoTime() - startNanos);
                             relayLatencyCount.increment();
                             return null;
                         });
    }

    private void publish(String channel, ClusterMessage message) {
        publisher.async().publish(channel, codec.encode(options.nodeId(), System.currentTimeMillis(), message));
    }

    private void onMessage(String text) {
        final ClusterCodec.Decoded decoded = codec.decode(text);
        final ClusterCodec.Envelope envelope = decoded.envelope();
        if (envelope == null) {
            dropped.increment();
            final long now = System.nanoTime();
            final long last = lastDropLogNanos.get();
            if (now - last >= DROP_LOG_INTERVAL_NANOS && lastDropLogNanos.compareAndSet(last, now)) {
                logger.warn("dropped a message on the cluster's channels that is not one ({}); {} dropped so far",
                            decoded.problem(), dropped.sum());
            }
            return;
        }
        if (envelope.node().equals(options.nodeId())) {
            return; // our own membership events, back from the events channel
        }
        final ClusterMessage message = envelope.message();
        if (message instanceof ClusterMessage.Resync) {
            membershipReceived.increment();
            heartbeat.execute(this::resync);
            return;
        }
        if (message instanceof PeerJoined || message instanceof ClusterMessage.PeerLeft) {
            membershipReceived.increment();
        } else {
            relaysReceived.increment();
        }
        listener.received(envelope);
    }

    private void resync() {
        try {
            final RedisCommands<String, String> redis = connection.sync();
            listener.snapshot(readSnapshot(redis), pendingNodes(redis.hkeys(nodesKey)));
        } catch (RuntimeException e) {
            logger.debug("resync failed; the heartbeat will notice if Redis is away", e);
        }
    }

    /** One heartbeat, on the heartbeat thread. */
    private void beat() {
        if (closed) {
            return;
        }
        final RedisCommands<String, String> redis = connection.sync();
        try {
            final String presence = redis.eval(RedisScripts.HEARTBEAT, ScriptOutputType.STATUS,
                                               new String[] {aliveKey}, token,
                                               Long.toString(options.presenceTtl().toMillis()));
            if ("taken".equals(presence)) {
                if (!idTakenLogged) {
                    idTakenLogged = true;
                    logger.error("node id '{}' was taken by another process while this one was away from Redis; "
                                 + "this node stays out of the cluster (serving its own peers only)", options.nodeId());
                }
                degraded(null);
                return;
            }
            if (!connected || "renewed".equals(presence) || !subscription.isOpen()) {
                if (!subscription.isOpen()) {
                    throw new IllegalStateException("the pub/sub connection is not open yet");
                }
                rejoin(redis);
            }
            writeStatus(redis);
            refreshNodes(redis);
        } catch (RuntimeException e) {
            if (!closed) {
                degraded(e);
            }
        }
    }

    private void degraded(@Nullable RuntimeException cause) {
        if (connected) {
            connected = false;
            // The nodes live before the outage; kept even if rejoining takes several attempts.
            carried = lastLive;
            outages.increment();
            logger.warn("cluster {}: Redis at {} is unavailable ({}); serving local peers only until it returns",
                        options.cluster(), options.redisUrlForDisplay(), cause == null ? "node id taken" : rootMessage(cause));
            listener.connectivity(false);
        }
    }

    private void rejoin(RedisCommands<String, String> redis) {
        if (connected) {
            carried = lastLive; // no outage was noticed (the presence lapsed): what was live just now
        }
        final Collection<PeerJoined> local = listener.localPeers();
        final List<String> args = new ArrayList<>(1 + 2 * local.size());
        args.add(options.nodeId());
        for (PeerJoined peer : local) {
            args.add(peer.peer().peerId());
            args.add(peerJson(peer));
        }
        final List<Object> conflicts = redis.eval(RedisScripts.REPUBLISH, ScriptOutputType.MULTI,
                                                  new String[] {ownersKey, peersKey}, args.toArray(new String[0]));
        writeStatus(redis);
        for (PeerJoined peer : local) {
            if (!conflicts.contains(peer.peer().peerId())) {
                publish(eventsChannel, peer);
            }
        }
        publish(eventsChannel, new ClusterMessage.Resync());
        connected = true;
        // The other nodes may not have reconnected yet: their peers stay for a grace period.
        graceUntilNanos = System.nanoTime() + rejoinGrace().toNanos();
        listener.snapshot(readSnapshot(redis), pendingNodes(redis.hkeys(nodesKey)));
        if (!conflicts.isEmpty()) {
            logger.warn("peers {} were announced on another node while Redis was away; they are dropped here", conflicts);
        }
        logger.info("rejoined cluster {} as {} with {} peers", options.cluster(), options.nodeId(),
                    local.size() - conflicts.size());
        listener.connectivity(true);
        if (!conflicts.isEmpty()) {
            final List<String> ids = new ArrayList<>();
            conflicts.forEach(c -> ids.add(String.valueOf(c)));
            listener.conflicts(ids);
        }
    }

    private void writeStatus(RedisCommands<String, String> redis) {
        final ObjectNode status = JSON.createObjectNode();
        status.put("started_at_ms", startedAtMillis);
        status.put("updated_at_ms", System.currentTimeMillis());
        final ObjectNode countsNode = status.putObject("counts");
        counts.get().forEach(countsNode::put);
        redis.hset(nodesKey, options.nodeId(), status.toString());
    }

    /** Reads every node's status, reaps the dead, and tells the listener which nodes live. */
    private void refreshNodes(RedisCommands<String, String> redis) {
        final Map<String, String> all = redis.hgetall(nodesKey);
        final Set<String> live = new HashSet<>();
        final List<NodeStatus> statuses = new ArrayList<>();
        live.add(options.nodeId());
        statuses.add(status(options.nodeId(), all.get(options.nodeId()), true));
        for (Map.Entry<String, String> e : all.entrySet()) {
            final String node = e.getKey();
            if (node.equals(options.nodeId()) || !ClusterOptions.isValidName(node)) {
                continue;
            }
            if (redis.exists(aliveKey(node)) == 1) {
                live.add(node);
                statuses.add(status(node, e.getValue(), false));
                continue;
            }
            final Long reaped = redis.eval(RedisScripts.REAP, ScriptOutputType.INTEGER,
                                           new String[] {aliveKey(node), nodesKey, ownersKey, peersKey}, node);
            if (reaped != null && reaped >= 0) {
                logger.warn("node {} of cluster {} stopped refreshing its presence: removed with its {} peers",
                            node, options.cluster(), reaped);
            } else if (reaped != null && reaped == -1) {
                live.add(node); // it came back between the two reads
            }
        }
        nodes = List.copyOf(statuses);
        lastLive = Set.copyOf(live);
        live.addAll(pendingNodes(all.keySet()));
        listener.liveNodes(live);
    }

    /**
     * How long after this node rejoins the others may take to notice Redis is back and republish:
     * Lettuce's reconnect delay (at most {@link #MAX_RECONNECT_DELAY}), two heartbeats, and a
     * presence TTL of slack for a busy machine.
     */
    private Duration rejoinGrace() {
        return options.presenceTtl().plus(options.heartbeat().multipliedBy(2)).plus(MAX_RECONNECT_DELAY);
    }

    /** Nodes carried over an outage that have not registered again yet, while the grace lasts. */
    private Set<String> pendingNodes(Collection<String> registered) {
        if (System.nanoTime() - graceUntilNanos >= 0) {
            return Set.of();
        }
        final Set<String> pending = new HashSet<>(carried);
        pending.removeAll(registered);
        return pending;
    }

    private static NodeStatus status(String node, @Nullable String json, boolean self) {
        long started = 0;
        long updated = 0;
        final Map<String, Long> values = new HashMap<>();
        try {
            final JsonNode root = json == null ? null : JSON.readTree(json);
            if (root != null && root.isObject()) {
                started = root.path("started_at_ms").asLong();
                updated = root.path("updated_at_ms").asLong();
                final Iterator<Map.Entry<String, JsonNode>> fields = root.path("counts").fields();
                while (fields.hasNext() && values.size() < 16) {
                    final Map.Entry<String, JsonNode> f = fields.next();
                    if (f.getValue().canConvertToLong() && f.getKey().length() <= 64) {
                        values.put(f.getKey(), f.getValue().longValue());
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // a node status that is not ours to read: shown with no counts
        }
        return new NodeStatus(node, self, started, updated, values);
    }

    private Map<String, ClusterListener.RemotePeer> readSnapshot(RedisCommands<String, String> redis) {
        final Map<String, String> owners = redis.hgetall(ownersKey);
        final Map<String, String> peers = redis.hgetall(peersKey);
        final Map<String, ClusterListener.RemotePeer> snapshot = new HashMap<>();
        for (Map.Entry<String, String> e : owners.entrySet()) {
            final String node = e.getValue();
            final String json = peers.get(e.getKey());
            if (json == null || node.equals(options.nodeId()) || !ClusterOptions.isValidName(node)) {
                continue;
            }
            final PeerJoined peer = readPeer(json);
            if (peer == null || !peer.peer().peerId().equals(e.getKey())) {
                dropped.increment();
                continue;
            }
            snapshot.put(e.getKey(), new ClusterListener.RemotePeer(node, peer));
        }
        return snapshot;
    }

    private static String peerJson(PeerJoined peer) {
        final ObjectNode json = peer.peer().toJson();
        json.put("announced_at_ms", peer.announcedAtMillis());
        return json.toString();
    }

    private static @Nullable PeerJoined readPeer(String json) {
        try {
            final JsonNode node = JSON.readTree(json);
            final PeerInfo info = PeerInfo.fromJson(node);
            if (!SignalingMethods.isValidPeerId(info.peerId())) {
                return null;
            }
            return new PeerJoined(info, node.path("announced_at_ms").asLong());
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private String aliveKey(String node) {
        return prefix + "alive:" + node;
    }

    private String nodeChannel(String node) {
        return prefix + "node:" + node;
    }

    private RemoteMediaException unavailable() {
        return new RemoteMediaException(ErrorCode.CONNECTION_FAILED, "the cluster's Redis is unavailable: "
                                        + "peers on other nodes cannot be reached now (peers on this node still can)");
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    // Counters for /metrics.
    public long relaysSent() {
        return relaysSent.sum();
    }

    public long relaysReceived() {
        return relaysReceived.sum();
    }

    /** Relays that could not be delivered (Redis away, the receiving node gone); each one's sender got an error. */
    public long relaysUndeliverable() {
        return relaysUndeliverable.sum();
    }

    /** Relays whose delivery Redis confirmed, and the time from send to that confirmation, summed. */
    public long relayLatencyCount() {
        return relayLatencyCount.sum();
    }

    public long relayLatencyNanos() {
        return relayLatencyNanos.sum();
    }

    public long membershipMessagesReceived() {
        return membershipReceived.sum();
    }

    /** Messages on the cluster's channels that were not valid cluster messages, dropped. */
    public long messagesDropped() {
        return dropped.sum();
    }

    /** How many times Redis became unavailable. */
    public long outages() {
        return outages.sum();
    }

    /** Leaves the cluster: removes this node's presence and peers, tells every node they left, disconnects. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        heartbeat.shutdown();
        try {
            heartbeat.awaitTermination(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (connected()) {
            try {
                final List<Object> gone = connection.sync().eval(RedisScripts.LEAVE, ScriptOutputType.MULTI,
                        new String[] {aliveKey, nodesKey, ownersKey, peersKey}, token, options.nodeId());
                for (Object peerId : gone) {
                    publish(eventsChannel, new ClusterMessage.PeerLeft(String.valueOf(peerId),
                                                                       "node " + options.nodeId() + " shut down"));
                }
                publisher.sync().ping(); // the publishes above were sent in order before this answer
            } catch (RuntimeException e) {
                logger.warn("could not leave cluster {} cleanly ({}); other nodes notice within {} s",
                            options.cluster(), rootMessage(e), options.presenceTtl().toSeconds() + 1);
            }
        }
        connected = false;
        shutDown();
    }

    private void shutDown() {
        heartbeat.shutdownNow();
        try {
            subscription.close();
            publisher.close();
            connection.close();
        } catch (RuntimeException e) {
            logger.debug("closing the Redis connections", e);
        }
        shutDownClient();
    }

    private void shutDownClient() {
        client.shutdown(Duration.ZERO, Duration.ofMillis(500));
        resources.shutdown(0, 500, TimeUnit.MILLISECONDS);
    }
}
