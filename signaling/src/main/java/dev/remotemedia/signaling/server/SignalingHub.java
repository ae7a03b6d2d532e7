package dev.remotemedia.signaling.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.PeerInfo;
import dev.remotemedia.signaling.SignalingMethods;
import dev.remotemedia.signaling.StateChange;
import dev.remotemedia.signaling.cluster.ClusterMessage;
import dev.remotemedia.signaling.cluster.RedisBackplane;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signaling protocol of DESIGN.md §5.1 and §5.2, independent of the wire: the registry of
 * announced peers, whichever protocol they came by (JSON-RPC over WebSocket, gRPC {@code Signal},
 * gRPC-Web {@code Join}), and one operation per request. Each protocol's adapter decodes requests
 * into these calls and encodes what the hub sends through each peer's {@link PeerLink}, so peers
 * of every protocol see and reach each other.
 *
 * <p>Membership changes (announce, leave) run one at a time on {@code membership}, so every peer
 * sees peers join and leave in the order they did; relays run on the caller's thread and only
 * read the registry. Failures are {@link RemoteMediaException}s with the §5.1 code and a message
 * naming the field in the caller's protocol ({@link PeerSession#field}).
 */
final class SignalingHub {
    private static final Logger logger = LoggerFactory.getLogger(SignalingHub.class);

    /** An announced peer: of this node, or ({@code node} not null) of another node of the cluster. */
    static final class Member {
        final PeerSession session;
        final String peerId;
        final List<String> capabilities;
        final JsonNode userData;
        final long announcedAtMillis;
        final @Nullable String node;
        volatile String state = "new";

        Member(PeerSession session, String peerId, List<String> capabilities, JsonNode userData,
               long announcedAtMillis, @Nullable String node) {
            this.session = session;
            this.peerId = peerId;
            this.capabilities = capabilities;
            this.userData = userData;
            this.announcedAtMillis = announcedAtMillis;
            this.node = node;
        }

        ClusterMessage.PeerJoined joined() {
            return new ClusterMessage.PeerJoined(new PeerInfo(peerId, capabilities, userData, state), announcedAtMillis);
        }

        AnnouncedPeer view() {
            return new AnnouncedPeer(new PeerInfo(peerId, capabilities, userData, state), announcedAtMillis);
        }
    }

    /** The result of an announce: when, and the other peers present. */
    record Registration(Instant registeredAt, List<AnnouncedPeer> others) {}

    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private final OfferRelay offers;
    private final ScheduledExecutorService membership;
    private final int maxPeers;
    private final byte @Nullable [] authToken;
    private final @Nullable ServerPeerHandler serverPeer;
    private final Clock clock;
    private final Duration relayTimeout;
    private final ServerPeerSignals serverSignals = new ServerSignals();
    /** The cluster this hub is part of (issue 15), or {@code null} when it runs alone. */
    private volatile @Nullable RedisBackplane cluster;
    /** Peers announced on this node (members also holds those of other nodes). */
    private volatile int localPeers;

    SignalingHub(ScheduledExecutorService membership, int maxPeers, @Nullable String authToken,
                 @Nullable ServerPeerHandler serverPeer, Duration relayTimeout, Clock clock) {
        this.membership = requireNonNull(membership, "membership");
        this.maxPeers = maxPeers;
        this.authToken = authToken == null ? null : authToken.getBytes(StandardCharsets.UTF_8);
        this.serverPeer = serverPeer;
        this.relayTimeout = requireNonNull(relayTimeout, "relayTimeout");
        this.clock = requireNonNull(clock, "clock");
        offers = new OfferRelay(membership, relayTimeout);
    }

    OfferRelay offers() {
        return offers;
    }

    /** Peers announced on this node. */
    int peerCount() {
        return localPeers;
    }

    /** Peers announced in the whole cluster as this node knows them ({@link #peerCount()} when alone). */
    int clusterPeerCount() {
        return members.size();
    }

    void cluster(@Nullable RedisBackplane cluster) {
        this.cluster = cluster;
    }

    @Nullable RedisBackplane cluster() {
        return cluster;
    }

    Map<String, Member> members() {
        return members;
    }

    ScheduledExecutorService membership() {
        return membership;
    }

    List<PeerInfo> peers() {
        final List<PeerInfo> peers = new ArrayList<>(members.size());
        members.values().forEach(m -> peers.add(m.view().info()));
        return peers;
    }

    /** The session of a peer announced on this node, or {@code null}. */
    @Nullable PeerSession sessionOf(String peerId) {
        final Member member = members.get(peerId);
        return member == null || member.node != null ? null : member.session;
    }

    /** Whether {@code token} is the server's auth token (constant-time); {@code false} without one. */
    boolean tokenMatches(@Nullable String token) {
        return authToken != null && token != null
               && MessageDigest.isEqual(authToken, token.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether this hub requires a token. */
    boolean requiresToken() {
        return authToken != null;
    }

    /** Called once when a client's transport ends: the peer leaves and the offers it was to answer fail. */
    void sessionClosed(PeerSession session, String reason) {
        session.markClosed();
        offers.sessionClosed(session);
        onMembershipLoop(() -> leave(session, reason), null);
    }

    /** Runs {@code task} on the membership loop; once the server is closed, fails {@code result} instead. */
    private void onMembershipLoop(Runnable task, @Nullable CompletableFuture<?> result) {
        try {
            membership.execute(task);
        } catch (RejectedExecutionException e) {
            if (result != null) {
                result.completeExceptionally(new RemoteMediaException(ErrorCode.CONNECTION_FAILED,
                                                                      "the server is shutting down"));
            }
        }
    }

    /**
     * Announces {@code peerId} for {@code session}; everyone else gets {@link PeerLink#peerJoined}.
     * {@code token} is the one the request carried ({@code null}: none).
     */
    CompletableFuture<Registration> announce(PeerSession session, String peerId, List<String> capabilities,
                                             JsonNode userData, @Nullable String token) {
        if (!SignalingMethods.isValidPeerId(peerId)) {
            throw invalid(session.field("params.peer_id") + ": expected 1 to " + SignalingMethods.MAX_PEER_ID_LENGTH
                          + " characters without control characters");
        }
        if (SignalingMethods.SERVER_PEER_ID.equals(peerId)) {
            throw invalid(session.field("params.peer_id") + ": " + peerId + " is reserved for the server");
        }
        checkToken(session, token);
        final CompletableFuture<Registration> result = new CompletableFuture<>();
        final RedisBackplane backplane = cluster;
        if (backplane == null || peerId.equals(session.peerId())) {
            onMembershipLoop(() -> {
                try {
                    result.complete(register(session, peerId, capabilities, userData, clock.instant()));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }, result);
            return result;
        }
        // In a cluster the id and the count are claimed in Redis first, atomically, so two nodes
        // racing for one id give one winner; then the peer joins here and every node is told.
        final Instant now = clock.instant();
        final ClusterMessage.PeerJoined joined = new ClusterMessage.PeerJoined(
                new PeerInfo(peerId, capabilities, userData, "new"), now.toEpochMilli());
        backplane.claim(joined, maxPeers).whenComplete((claim, cause) -> onMembershipLoop(() -> {
            if (cause != null) {
                result.completeExceptionally(RemotePeerLink.unwrap(cause));
                return;
            }
            switch (claim) {
                case EXISTS -> result.completeExceptionally(new RemoteMediaException(
                        ErrorCode.PEER_ALREADY_EXISTS, session.field("params.peer_id") + ": " + peerId
                                                       + " is already announced by another connection"));
                case FULL -> result.completeExceptionally(new RemoteMediaException(
                        ErrorCode.MAX_PEERS_REACHED, "max_peers: " + maxPeers
                                                     + " peers are announced in the cluster, the most it allows"));
                case CLAIMED -> {
                    try {
                        final Registration registration = register(session, peerId, capabilities, userData, now);
                        backplane.announced(joined);
                        result.complete(registration);
                    } catch (RuntimeException e) {
                        backplane.left(peerId, "announce failed");
                        result.completeExceptionally(e);
                    }
                }
            }
        }, result));
        return result;
    }

    private void checkToken(PeerSession session, @Nullable String given) {
        if (authToken == null || session.authorized()) {
            return;
        }
        final String field = session.field("params.auth_token");
        if (given == null || given.isEmpty()) {
            throw new RemoteMediaException(ErrorCode.UNAUTHORIZED, field + ": missing; this server "
                    + "requires a token (" + field + " or an Authorization: Bearer header)");
        }
        if (!tokenMatches(given)) {
            throw new RemoteMediaException(ErrorCode.UNAUTHORIZED, field + ": does not match");
        }
        session.authorize();
    }

    /** Runs on {@code membership}. */
    private Registration register(PeerSession session, String peerId, List<String> capabilities, JsonNode userData,
                                  Instant now) {
        if (session.closed()) {
            throw new RemoteMediaException(ErrorCode.CONNECTION_FAILED, "the connection closed while announcing");
        }
        final String current = session.peerId();
        if (current != null && !current.equals(peerId)) {
            throw invalid(session.field("params.peer_id") + ": this connection is already announced as " + current
                          + "; disconnect first");
        }
        final Member existing = members.get(peerId);
        final boolean clustered = cluster != null;
        // In a cluster, Redis's registry has the last word: a remote entry it has let go is stale.
        if (existing != null && existing.session != session && !(clustered && existing.node != null)) {
            throw new RemoteMediaException(ErrorCode.PEER_ALREADY_EXISTS, session.field("params.peer_id") + ": "
                                           + peerId + " is already announced by another connection");
        }
        if (existing == null && !clustered && members.size() >= maxPeers) {
            throw new RemoteMediaException(ErrorCode.MAX_PEERS_REACHED, "max_peers: " + maxPeers
                                           + " peers are announced, the most this server allows");
        }
        if (existing != null && existing.node != null) {
            removeRemote(existing, "replaced");
        }
        final Member member = new Member(session, peerId, capabilities, userData, now.toEpochMilli(), null);
        if (existing == null || existing.session != session) {
            localPeers++;
        }
        members.put(peerId, member);
        session.peerId(peerId);
        final AnnouncedPeer announced = member.view();
        final List<AnnouncedPeer> others = new ArrayList<>(members.size());
        for (Member other : members.values()) {
            if (other != member) {
                others.add(other.view());
                other.session.link().peerJoined(announced);
            }
        }
        logger.debug("announced {} ({} peers)", session, members.size());
        return new Registration(now, others);
    }

    /** Runs on {@code membership}. */
    private boolean leave(PeerSession session, String reason) {
        final String peerId = session.peerId();
        final Member member = peerId == null ? null : members.get(peerId);
        if (member == null || member.session != session) {
            return false;
        }
        members.remove(peerId, member);
        localPeers--;
        session.peerId(null);
        members.values().forEach(other -> other.session.link().peerLeft(peerId, reason));
        final RedisBackplane backplane = cluster;
        if (backplane != null) {
            backplane.left(peerId, reason);
        }
        if (serverPeer != null) {
            try {
                serverPeer.disconnect(peerId, reason);
            } catch (RuntimeException e) {
                logger.warn("server peer handler failed on the departure of {}", peerId, e);
            }
        }
        logger.debug("{} left: {} ({} peers)", peerId, reason, members.size());
        return true;
    }

    /** Every announced peer; before announce only with the token, when the server requires one. */
    List<AnnouncedPeer> list(PeerSession session, String method) {
        if (authToken != null && !session.authorized()) {
            throw new RemoteMediaException(ErrorCode.UNAUTHORIZED,
                                           method + ": authenticate first (announce with "
                                           + session.field("params.auth_token") + ')');
        }
        final List<AnnouncedPeer> list = new ArrayList<>(members.size());
        members.values().forEach(m -> list.add(m.view()));
        return list;
    }

    /**
     * Relays {@code offer} (its {@code from} already checked against the session by
     * {@link #requireAnnounced}) and completes with the answer; with {@code notification}, the
     * offer goes as a notification and the result completes at once with {@code null}.
     */
    CompletableFuture<@Nullable Answer> offer(PeerSession session, Offer offer, boolean notification) {
        final String self = requireFrom(session, offer.from());
        if (!looksLikeSdp(offer.sdp())) {
            throw new RemoteMediaException(ErrorCode.OFFER_INVALID, session.field("params.sdp")
                                           + ": an offer must start with v=0");
        }
        if (SignalingMethods.SERVER_PEER_ID.equals(offer.to())) {
            final CompletableFuture<Answer> answer = requireServerPeer(session, offer.to()).offer(offer, serverSignals);
            return withTimeout(requireNonNull(answer, "ServerPeerHandler.offer result"), offer).thenApply(a -> a);
        }
        final PeerSession target = requireTarget(session, self, offer.to());
        if (notification) {
            if (target.link() instanceof RemotePeerLink remote) {
                return remote.send(new ClusterMessage.RelayOffer(offer, null)).thenApply(unused -> null);
            }
            target.link().offer(offer, null);
            return CompletableFuture.completedFuture(null);
        }
        return offers.forward(offer, target).thenApply(a -> a);
    }

    private CompletableFuture<Answer> withTimeout(CompletableFuture<Answer> answer, Offer offer) {
        final CompletableFuture<Answer> bounded = new CompletableFuture<>();
        final var timer = membership.schedule(
                () -> bounded.completeExceptionally(new RemoteMediaException(
                        ErrorCode.TIMEOUT, "to: " + offer.to() + " did not answer the offer within "
                                           + relayTimeout.toMillis() + " ms")),
                relayTimeout.toNanos(), TimeUnit.NANOSECONDS);
        answer.whenComplete((value, cause) -> {
            timer.cancel(false);
            if (cause != null) {
                bounded.completeExceptionally(cause);
            } else {
                bounded.complete(value);
            }
        });
        return bounded;
    }

    /**
     * An answer from {@code session}: it completes the offer it answers (by request id, or with
     * {@code byRequestId} false the oldest offer from {@code answer.to()}), else it is relayed to
     * {@code answer.to()}. Completes with {@code "delivered"} or {@code "relayed"}; a relay to another
     * node that cannot be delivered fails it ({@code -32001}).
     */
    CompletableFuture<String> answer(PeerSession session, Answer answer, boolean byRequestId) {
        final String self = requireFrom(session, answer.from());
        if (!looksLikeSdp(answer.sdp())) {
            throw new RemoteMediaException(ErrorCode.ANSWER_INVALID, session.field("params.sdp")
                                           + ": an answer must start with v=0");
        }
        if (SignalingMethods.SERVER_PEER_ID.equals(answer.to())) {
            throw new RemoteMediaException(ErrorCode.ANSWER_INVALID, session.field("params.to") + ": "
                                           + answer.to() + " sends no offers, so it takes no answers");
        }
        if (byRequestId ? offers.answer(answer) : offers.answerOldest(session, answer.to(), answer.sdp())) {
            return DELIVERED;
        }
        // No offer waits for it: the offer came as a notification, so the answer goes the same way.
        final PeerLink link = requireTarget(session, self, answer.to()).link();
        if (link instanceof RemotePeerLink remote) {
            return relayed(remote.send(new ClusterMessage.RelayAnswer(answer)));
        }
        link.answer(answer);
        return RELAYED;
    }

    private static final CompletableFuture<String> DELIVERED = CompletableFuture.completedFuture("delivered");
    private static final CompletableFuture<String> RELAYED = CompletableFuture.completedFuture("relayed");

    private static CompletableFuture<String> relayed(CompletableFuture<Void> sent) {
        return sent.thenApply(unused -> "relayed");
    }

    /** Relays a trickled candidate, or hands it to the server's peer. */
    CompletableFuture<String> iceCandidate(PeerSession session, IceCandidate candidate) {
        final String self = requireFrom(session, candidate.from());
        if (SignalingMethods.SERVER_PEER_ID.equals(candidate.to())) {
            requireServerPeer(session, candidate.to()).iceCandidate(candidate);
            return DELIVERED;
        }
        final PeerLink link = requireTarget(session, self, candidate.to()).link();
        if (link instanceof RemotePeerLink remote) {
            return relayed(remote.send(new ClusterMessage.RelayIceCandidate(candidate)));
        }
        link.iceCandidate(candidate);
        return RELAYED;
    }

    /** Records the sender's connection state and relays the change. */
    CompletableFuture<String> stateChanged(PeerSession session, StateChange change) {
        final String self = requireFrom(session, change.from());
        final Member member = members.get(self);
        if (member != null && change.connectionState() != null) {
            member.state = change.connectionState();
        }
        if (SignalingMethods.SERVER_PEER_ID.equals(change.to())) {
            requireServerPeer(session, change.to()).stateChanged(change);
            return DELIVERED;
        }
        final PeerLink link = requireTarget(session, self, change.to()).link();
        if (link instanceof RemotePeerLink remote) {
            return relayed(remote.send(new ClusterMessage.RelayStateChange(change)));
        }
        link.stateChanged(change);
        return RELAYED;
    }

    /**
     * Without {@code to}, the peer leaves (everyone gets {@link PeerLink#peerLeft}) and the result
     * is {@code "disconnected"}; with one, {@code to} is told this peer hung up on it, and the offers
     * from {@code to} this peer has not answered fail ({@link OfferRelay#hungUp}).
     */
    CompletableFuture<String> disconnect(PeerSession session, @Nullable String to, String reason) {
        final String self = requireAnnounced(session, "disconnect");
        if (to == null) {
            final CompletableFuture<String> result = new CompletableFuture<>();
            onMembershipLoop(() -> {
                leave(session, reason);
                result.complete("disconnected");
            }, result);
            return result;
        }
        if (SignalingMethods.SERVER_PEER_ID.equals(to)) {
            requireServerPeer(session, to).disconnect(self, reason);
            return CompletableFuture.completedFuture("delivered");
        }
        final PeerSession target = requireTarget(session, self, to);
        offers.hungUp(session, to, reason);
        if (target.link() instanceof RemotePeerLink remote) {
            return relayed(remote.send(new ClusterMessage.RelayDisconnect(self, to, reason)));
        }
        target.link().disconnect(self, to, reason);
        return RELAYED;
    }

    /** Runs on {@code membership}: a peer of {@code node} joined; this node's peers are told. */
    void addRemote(String node, ClusterMessage.PeerJoined joined) {
        final PeerInfo info = joined.peer();
        final Member existing = members.get(info.peerId());
        if (existing != null && (existing.node == null || existing.node.equals(node))) {
            return; // ours (Redis's registry decides on our republish), or known already
        }
        if (existing != null) {
            removeRemote(existing, "moved to node " + node);
        }
        final RemotePeerLink link = new RemotePeerLink(node, this::cluster, offers);
        final PeerSession session = new PeerSession(link, Dialect.JSON_RPC, true);
        link.session(session);
        session.peerId(info.peerId());
        final Member member = new Member(session, info.peerId(), info.capabilities(), info.userData(),
                                         joined.announcedAtMillis(), node);
        member.state = info.state();
        members.put(info.peerId(), member);
        final AnnouncedPeer announced = member.view();
        members.values().forEach(other -> {
            if (other != member) {
                other.session.link().peerJoined(announced);
            }
        });
    }

    /** Runs on {@code membership}: a peer of another node left; the offers it was to answer fail. */
    void removeRemote(Member member, String reason) {
        if (member.node == null || !members.remove(member.peerId, member)) {
            return;
        }
        member.session.markClosed();
        offers.sessionClosed(member.session);
        members.values().forEach(other -> other.session.link().peerLeft(member.peerId, reason));
    }

    /** The peer id {@code session} announced; {@code -32006} before it announced. */
    static String requireAnnounced(PeerSession session, String method) {
        final String peerId = session.peerId();
        if (peerId == null) {
            throw new RemoteMediaException(ErrorCode.NOT_ANNOUNCED, method
                                           + ": this connection has not announced a peer (announce first)");
        }
        return peerId;
    }

    private static String requireFrom(PeerSession session, String from) {
        final String self = session.peerId();
        if (self == null) {
            throw new RemoteMediaException(ErrorCode.NOT_ANNOUNCED,
                                           "this connection has not announced a peer (announce first)");
        }
        if (!self.equals(from)) {
            throw new RemoteMediaException(ErrorCode.UNAUTHORIZED, "params.from: this connection speaks for "
                                           + self + ", not " + from);
        }
        return self;
    }

    private PeerSession requireTarget(PeerSession session, String self, String to) {
        final String field = session.field("params.to");
        if (self.equals(to)) {
            throw invalid(field + ": " + to + " is this connection's own peer");
        }
        final Member member = members.get(to);
        if (member == null) {
            throw new RemoteMediaException(ErrorCode.PEER_NOT_FOUND, field + ": " + to + " is not announced");
        }
        return member.session;
    }

    private ServerPeerHandler requireServerPeer(PeerSession session, String to) {
        if (serverPeer == null) {
            throw new RemoteMediaException(ErrorCode.CONNECTION_FAILED, session.field("params.to") + ": " + to
                                           + " cannot take peer connections: this server runs no server peer");
        }
        return serverPeer;
    }

    static boolean looksLikeSdp(String sdp) {
        return sdp.startsWith("v=0\r\n") || sdp.startsWith("v=0\n");
    }

    private static RemoteMediaException invalid(String message) {
        return new RemoteMediaException(ErrorCode.INVALID_PARAMS, message);
    }

    /** The server peer's way back to the peers, through each peer's own protocol. */
    private final class ServerSignals implements ServerPeerSignals {
        @Override
        public boolean iceCandidate(IceCandidate candidate) {
            final PeerLink link = linkFromServer(candidate.from(), candidate.to());
            if (link != null) {
                link.iceCandidate(candidate);
            }
            return link != null;
        }

        @Override
        public boolean stateChanged(StateChange change) {
            final PeerLink link = linkFromServer(change.from(), change.to());
            if (link != null) {
                link.stateChanged(change);
            }
            return link != null;
        }

        @Override
        public boolean disconnect(String peerId, String reason) {
            final PeerLink link = linkFromServer(SignalingMethods.SERVER_PEER_ID, peerId);
            if (link != null) {
                link.disconnect(SignalingMethods.SERVER_PEER_ID, peerId, reason);
            }
            return link != null;
        }

        private @Nullable PeerLink linkFromServer(String from, String to) {
            if (!SignalingMethods.SERVER_PEER_ID.equals(from)) {
                throw new IllegalArgumentException("from: " + from + " (expected: " + SignalingMethods.SERVER_PEER_ID + ')');
            }
            final Member member = members.get(to);
            return member == null ? null : member.session.link();
        }
    }
}
