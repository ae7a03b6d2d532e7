package dev.remotemedia.signaling.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.PeerInfo;
import dev.remotemedia.signaling.SignalingMethods;
import dev.remotemedia.signaling.StateChange;
import dev.remotemedia.signaling.jsonrpc.JsonRpcCodec;
import dev.remotemedia.signaling.jsonrpc.JsonRpcDispatcher;
import dev.remotemedia.signaling.jsonrpc.JsonRpcDispatcher.Call;
import dev.remotemedia.signaling.jsonrpc.JsonRpcMessage;
import dev.remotemedia.signaling.jsonrpc.Params;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signaling protocol of DESIGN.md §5.1, independent of the transport: the registry of
 * announced peers and a handler per method. Membership changes (announce, leave) run one at a time
 * on {@code membership}, so every peer sees {@code peer.announced} and {@code peer.left} in the
 * order they happened; relays run on the caller's thread and only read the registry.
 */
final class SignalingHub {
    private static final Logger logger = LoggerFactory.getLogger(SignalingHub.class);
    private static final int MAX_CAPABILITIES = 16;

    /** An announced peer. */
    private static final class Member {
        final PeerSession session;
        final String peerId;
        final List<String> capabilities;
        final JsonNode userData;
        volatile String state = "new";

        Member(PeerSession session, String peerId, List<String> capabilities, JsonNode userData) {
            this.session = session;
            this.peerId = peerId;
            this.capabilities = capabilities;
            this.userData = userData;
        }

        PeerInfo info() {
            return new PeerInfo(peerId, capabilities, userData, state);
        }
    }

    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private final JsonRpcCodec codec;
    private final JsonRpcDispatcher<PeerSession> dispatcher;
    private final OfferRelay offers;
    private final ScheduledExecutorService membership;
    private final int maxPeers;
    private final byte @Nullable [] authToken;
    private final @Nullable ServerPeerHandler serverPeer;
    private final Clock clock;
    private final Duration relayTimeout;
    private final ServerPeerSignals serverSignals = new ServerSignals();

    SignalingHub(JsonRpcCodec codec, ScheduledExecutorService membership, int maxPeers, @Nullable String authToken,
                 @Nullable ServerPeerHandler serverPeer, Duration relayTimeout, Clock clock) {
        this.codec = requireNonNull(codec, "codec");
        this.membership = requireNonNull(membership, "membership");
        this.maxPeers = maxPeers;
        this.authToken = authToken == null ? null : authToken.getBytes(StandardCharsets.UTF_8);
        this.serverPeer = serverPeer;
        this.relayTimeout = requireNonNull(relayTimeout, "relayTimeout");
        this.clock = requireNonNull(clock, "clock");
        offers = new OfferRelay(codec, membership, relayTimeout);
        final JsonRpcDispatcher.Builder<PeerSession> builder = JsonRpcDispatcher.<PeerSession>builder(codec)
                .method(SignalingMethods.ANNOUNCE, this::announce)
                .method(SignalingMethods.LIST, this::list)
                .method(SignalingMethods.OFFER, this::offer)
                .method(SignalingMethods.ANSWER, this::answer)
                .method(SignalingMethods.ICE_CANDIDATE, this::iceCandidate)
                .method(SignalingMethods.STATE_CHANGED, this::stateChanged)
                .method(SignalingMethods.DISCONNECT, this::disconnect)
                .responseListener(offers::response);
        SignalingMethods.ALIASES.forEach(builder::alias);
        dispatcher = builder.build();
    }

    JsonRpcDispatcher<PeerSession> dispatcher() {
        return dispatcher;
    }

    JsonRpcCodec codec() {
        return codec;
    }

    int peerCount() {
        return members.size();
    }

    List<PeerInfo> peers() {
        final List<PeerInfo> peers = new ArrayList<>(members.size());
        members.values().forEach(m -> peers.add(m.info()));
        return peers;
    }

    /** The session of an announced peer, or {@code null}. */
    @Nullable PeerSession sessionOf(String peerId) {
        final Member member = members.get(peerId);
        return member == null ? null : member.session;
    }

    /** Called once when a connection ends: the peer leaves and its offers in flight fail. */
    void sessionClosed(PeerSession session, String reason) {
        session.markClosed();
        offers.sessionClosed(session);
        onMembershipLoop(() -> leave(session, reason), null);
    }

    /** Runs {@code task} on the membership loop; once the server is closed, fails {@code result} instead. */
    private void onMembershipLoop(Runnable task, @Nullable CompletableFuture<JsonNode> result) {
        try {
            membership.execute(task);
        } catch (RejectedExecutionException e) {
            if (result != null) {
                result.completeExceptionally(new RemoteMediaException(ErrorCode.CONNECTION_FAILED,
                                                                      "the server is shutting down"));
            }
        }
    }

    private CompletableFuture<JsonNode> announce(PeerSession session, Call call) {
        final Params params = call.namedParams();
        final String peerId = params.requiredString("peer_id");
        if (!SignalingMethods.isValidPeerId(peerId)) {
            throw Params.invalid("params.peer_id: expected 1 to " + SignalingMethods.MAX_PEER_ID_LENGTH
                                 + " characters without control characters");
        }
        if (SignalingMethods.SERVER_PEER_ID.equals(peerId)) {
            throw Params.invalid("params.peer_id: " + peerId + " is reserved for the server");
        }
        final List<String> capabilities = params.optionalStringList("capabilities", MAX_CAPABILITIES);
        final JsonNode userData = params.optionalValue("user_data");
        checkToken(session, params.optionalString("auth_token"));
        final CompletableFuture<JsonNode> result = new CompletableFuture<>();
        onMembershipLoop(() -> {
            try {
                result.complete(register(session, peerId, capabilities, userData));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, result);
        return result;
    }

    private void checkToken(PeerSession session, @Nullable String given) {
        if (authToken == null || session.authorized()) {
            return;
        }
        if (given == null) {
            throw new RemoteMediaException(ErrorCode.UNAUTHORIZED, "params.auth_token: missing; this server "
                    + "requires a token (params.auth_token or an Authorization: Bearer header)");
        }
        if (!MessageDigest.isEqual(authToken, given.getBytes(StandardCharsets.UTF_8))) {
            throw new RemoteMediaException(ErrorCode.UNAUTHORIZED, "params.auth_token: does not match");
        }
        session.authorize();
    }

    /** Runs on {@code membership}. */
    private JsonNode register(PeerSession session, String peerId, List<String> capabilities, JsonNode userData) {
        if (session.closed()) {
            throw new RemoteMediaException(ErrorCode.CONNECTION_FAILED, "the connection closed while announcing");
        }
        final String current = session.peerId();
        if (current != null && !current.equals(peerId)) {
            throw Params.invalid("params.peer_id: this connection is already announced as " + current
                                 + "; send peer.disconnect first");
        }
        final Member existing = members.get(peerId);
        if (existing != null && existing.session != session) {
            throw new RemoteMediaException(ErrorCode.PEER_ALREADY_EXISTS, "params.peer_id: " + peerId
                                           + " is already announced by another connection");
        }
        if (existing == null && members.size() >= maxPeers) {
            throw new RemoteMediaException(ErrorCode.MAX_PEERS_REACHED, "max_peers: " + maxPeers
                                           + " peers are announced, the most this server allows");
        }
        final Member member = new Member(session, peerId, capabilities, userData);
        members.put(peerId, member);
        session.peerId(peerId);
        final ObjectNode result = JsonRpcCodec.nodes().objectNode();
        result.put("status", "registered");
        result.put("peer_id", peerId);
        result.put("registered_at", clock.instant().toString());
        final var list = result.putArray("peers");
        final String announced = codec.encode(new JsonRpcMessage.Notification(SignalingMethods.ANNOUNCED,
                                                                              member.info().toJson()));
        for (Member other : members.values()) {
            if (other != member) {
                list.add(other.info().toJson());
                other.session.send(announced);
            }
        }
        logger.debug("announced {} ({} peers)", session, members.size());
        return result;
    }

    /** Runs on {@code membership}. */
    private boolean leave(PeerSession session, String reason) {
        final String peerId = session.peerId();
        final Member member = peerId == null ? null : members.get(peerId);
        if (member == null || member.session != session) {
            return false;
        }
        members.remove(peerId, member);
        session.peerId(null);
        final ObjectNode params = JsonRpcCodec.nodes().objectNode();
        params.put("peer_id", peerId);
        params.put("reason", reason);
        final String left = codec.encode(new JsonRpcMessage.Notification(SignalingMethods.LEFT, params));
        members.values().forEach(other -> other.session.send(left));
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

    private CompletableFuture<JsonNode> list(PeerSession session, Call call) {
        if (authToken != null && !session.authorized()) {
            throw new RemoteMediaException(ErrorCode.UNAUTHORIZED,
                                           "peer.list: authenticate first (peer.announce with params.auth_token)");
        }
        final ObjectNode result = JsonRpcCodec.nodes().objectNode();
        final var list = result.putArray("peers");
        members.values().forEach(m -> list.add(m.info().toJson()));
        return CompletableFuture.completedFuture(result);
    }

    private CompletableFuture<JsonNode> offer(PeerSession session, Call call) {
        final String self = requireAnnounced(session, call);
        final Params params = call.namedParams();
        final Offer offer = Offer.fromParams(params, params.optionalId("request_id") == null
                                                     ? offers.nextServerRequestId() : "");
        requireFrom(self, offer.from());
        if (!looksLikeSdp(offer.sdp())) {
            throw new RemoteMediaException(ErrorCode.OFFER_INVALID, "params.sdp: an offer must start with v=0");
        }
        if (SignalingMethods.SERVER_PEER_ID.equals(offer.to())) {
            final CompletableFuture<Answer> answer = requireServerPeer(offer.to()).offer(offer, serverSignals);
            return withTimeout(requireNonNull(answer, "ServerPeerHandler.offer result"), offer)
                    .thenApply(Answer::toResult);
        }
        final PeerSession target = requireTarget(self, offer.to());
        if (call.isNotification()) {
            target.send(codec.encode(new JsonRpcMessage.Notification(SignalingMethods.OFFER, offer.toParams())));
            return relayed();
        }
        return offers.forward(offer, target).thenApply(Answer::toResult);
    }

    private CompletableFuture<Answer> withTimeout(CompletableFuture<Answer> answer, Offer offer) {
        final CompletableFuture<Answer> bounded = new CompletableFuture<>();
        final var timer = membership.schedule(
                () -> bounded.completeExceptionally(new RemoteMediaException(
                        ErrorCode.TIMEOUT, "to: " + offer.to() + " did not answer the offer within "
                                           + relayTimeout.toMillis() + " ms")),
                relayTimeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
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

    private CompletableFuture<JsonNode> answer(PeerSession session, Call call) {
        final String self = requireAnnounced(session, call);
        final Answer answer = Answer.fromParams(call.namedParams());
        requireFrom(self, answer.from());
        if (!looksLikeSdp(answer.sdp())) {
            throw new RemoteMediaException(ErrorCode.ANSWER_INVALID, "params.sdp: an answer must start with v=0");
        }
        if (SignalingMethods.SERVER_PEER_ID.equals(answer.to())) {
            throw new RemoteMediaException(ErrorCode.ANSWER_INVALID,
                                           "to: " + answer.to() + " sends no offers, so it takes no answers");
        }
        if (offers.answer(answer)) {
            return status("delivered");
        }
        // No offer waits for it: the offer came as a notification, so the answer goes the same way.
        requireTarget(self, answer.to()).send(codec.encode(
                new JsonRpcMessage.Notification(SignalingMethods.ANSWER, answer.toParams())));
        return relayed();
    }

    private CompletableFuture<JsonNode> iceCandidate(PeerSession session, Call call) {
        final String self = requireAnnounced(session, call);
        final IceCandidate candidate = IceCandidate.fromParams(call.namedParams());
        requireFrom(self, candidate.from());
        if (SignalingMethods.SERVER_PEER_ID.equals(candidate.to())) {
            requireServerPeer(candidate.to()).iceCandidate(candidate);
            return status("delivered");
        }
        requireTarget(self, candidate.to()).send(codec.encode(
                new JsonRpcMessage.Notification(SignalingMethods.ICE_CANDIDATE, candidate.toParams())));
        return relayed();
    }

    private CompletableFuture<JsonNode> stateChanged(PeerSession session, Call call) {
        final String self = requireAnnounced(session, call);
        final StateChange change = StateChange.fromParams(call.namedParams());
        requireFrom(self, change.from());
        final Member member = members.get(self);
        if (member != null && change.connectionState() != null) {
            member.state = change.connectionState();
        }
        if (SignalingMethods.SERVER_PEER_ID.equals(change.to())) {
            requireServerPeer(change.to()).stateChanged(change);
            return status("delivered");
        }
        requireTarget(self, change.to()).send(codec.encode(
                new JsonRpcMessage.Notification(SignalingMethods.STATE_CHANGED, change.toParams())));
        return relayed();
    }

    private CompletableFuture<JsonNode> disconnect(PeerSession session, Call call) {
        final String self = requireAnnounced(session, call);
        final Params params = call.namedParams();
        requireFrom(self, params.requiredNonEmptyString("from"));
        final String to = params.optionalString("to");
        final String given = params.optionalString("reason");
        final String reason = given == null ? "disconnected" : given;
        if (to == null) {
            final CompletableFuture<JsonNode> result = new CompletableFuture<>();
            onMembershipLoop(() -> {
                leave(session, reason);
                result.complete(statusNode("disconnected"));
            }, result);
            return result;
        }
        if (SignalingMethods.SERVER_PEER_ID.equals(to)) {
            requireServerPeer(to).disconnect(self, reason);
            return status("delivered");
        }
        final ObjectNode relayed = JsonRpcCodec.nodes().objectNode();
        relayed.put("from", self);
        relayed.put("to", to);
        relayed.put("reason", reason);
        requireTarget(self, to).send(codec.encode(new JsonRpcMessage.Notification(SignalingMethods.DISCONNECT, relayed)));
        return relayed();
    }

    private static String requireAnnounced(PeerSession session, Call call) {
        final String peerId = session.peerId();
        if (peerId == null) {
            throw new RemoteMediaException(ErrorCode.NOT_ANNOUNCED, call.method()
                                           + ": this connection has not announced a peer (call peer.announce first)");
        }
        return peerId;
    }

    private static void requireFrom(String self, String from) {
        if (!self.equals(from)) {
            throw new RemoteMediaException(ErrorCode.UNAUTHORIZED, "params.from: this connection speaks for "
                                           + self + ", not " + from);
        }
    }

    private PeerSession requireTarget(String self, String to) {
        if (self.equals(to)) {
            throw Params.invalid("params.to: " + to + " is this connection's own peer");
        }
        final Member member = members.get(to);
        if (member == null) {
            throw new RemoteMediaException(ErrorCode.PEER_NOT_FOUND, "params.to: " + to + " is not announced");
        }
        return member.session;
    }

    private ServerPeerHandler requireServerPeer(String to) {
        if (serverPeer == null) {
            throw new RemoteMediaException(ErrorCode.CONNECTION_FAILED, "params.to: " + to
                                           + " cannot take peer connections: this server runs no server peer");
        }
        return serverPeer;
    }

    static boolean looksLikeSdp(String sdp) {
        return sdp.startsWith("v=0\r\n") || sdp.startsWith("v=0\n");
    }

    private static CompletableFuture<JsonNode> relayed() {
        return status("relayed");
    }

    private static CompletableFuture<JsonNode> status(String status) {
        return CompletableFuture.completedFuture(statusNode(status));
    }

    private static JsonNode statusNode(String status) {
        return JsonRpcCodec.nodes().objectNode().put("status", status);
    }

    /** The server peer's way back to the peers. */
    private final class ServerSignals implements ServerPeerSignals {
        @Override
        public boolean iceCandidate(IceCandidate candidate) {
            return sendFromServer(candidate.from(), candidate.to(), SignalingMethods.ICE_CANDIDATE, candidate.toParams());
        }

        @Override
        public boolean stateChanged(StateChange change) {
            return sendFromServer(change.from(), change.to(), SignalingMethods.STATE_CHANGED, change.toParams());
        }

        @Override
        public boolean disconnect(String peerId, String reason) {
            final ObjectNode params = JsonRpcCodec.nodes().objectNode();
            params.put("from", SignalingMethods.SERVER_PEER_ID);
            params.put("to", peerId);
            params.put("reason", reason);
            return sendFromServer(SignalingMethods.SERVER_PEER_ID, peerId, SignalingMethods.DISCONNECT, params);
        }

        private boolean sendFromServer(String from, String to, String method, ObjectNode params) {
            if (!SignalingMethods.SERVER_PEER_ID.equals(from)) {
                throw new IllegalArgumentException("from: " + from + " (expected: " + SignalingMethods.SERVER_PEER_ID + ')');
            }
            final Member member = members.get(to);
            if (member == null) {
                return false;
            }
            member.session.send(codec.encode(new JsonRpcMessage.Notification(method, params)));
            return true;
        }
    }
}
