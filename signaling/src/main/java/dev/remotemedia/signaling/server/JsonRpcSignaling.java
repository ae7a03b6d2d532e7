package dev.remotemedia.signaling.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.SignalingMethods;
import dev.remotemedia.signaling.StateChange;
import dev.remotemedia.signaling.jsonrpc.JsonRpcCodec;
import dev.remotemedia.signaling.jsonrpc.JsonRpcDispatcher;
import dev.remotemedia.signaling.jsonrpc.JsonRpcDispatcher.Call;
import dev.remotemedia.signaling.jsonrpc.JsonRpcError;
import dev.remotemedia.signaling.jsonrpc.JsonRpcMessage;
import dev.remotemedia.signaling.jsonrpc.Params;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * JSON-RPC 2.0 on the hub (DESIGN.md §5.1): the dispatcher's method handlers read params into hub
 * calls and write the results, and {@link #link} encodes what the hub sends a WebSocket client.
 */
final class JsonRpcSignaling {
    private static final int MAX_CAPABILITIES = 16;

    private final SignalingHub hub;
    private final JsonRpcCodec codec;
    private final JsonRpcDispatcher<PeerSession> dispatcher;

    JsonRpcSignaling(SignalingHub hub, JsonRpcCodec codec) {
        this.hub = requireNonNull(hub, "hub");
        this.codec = requireNonNull(codec, "codec");
        final JsonRpcDispatcher.Builder<PeerSession> builder = JsonRpcDispatcher.<PeerSession>builder(codec)
                .method(SignalingMethods.ANNOUNCE, this::announce)
                .method(SignalingMethods.LIST, this::list)
                .method(SignalingMethods.OFFER, this::offer)
                .method(SignalingMethods.ANSWER, this::answer)
                .method(SignalingMethods.ICE_CANDIDATE, this::iceCandidate)
                .method(SignalingMethods.STATE_CHANGED, this::stateChanged)
                .method(SignalingMethods.DISCONNECT, this::disconnect)
                .responseListener(this::response);
        SignalingMethods.ALIASES.forEach(builder::alias);
        dispatcher = builder.build();
    }

    JsonRpcDispatcher<PeerSession> dispatcher() {
        return dispatcher;
    }

    JsonRpcCodec codec() {
        return codec;
    }

    /** The hub's events for a WebSocket client, as JSON-RPC text handed to {@code send}. */
    PeerLink link(Consumer<String> send, Runnable abort, String remote) {
        return new Link(send, abort, remote);
    }

    private CompletableFuture<JsonNode> announce(PeerSession session, Call call) {
        final Params params = call.namedParams();
        final String peerId = params.requiredString("peer_id");
        final List<String> capabilities = params.optionalStringList("capabilities", MAX_CAPABILITIES);
        final JsonNode userData = params.optionalValue("user_data");
        return hub.announce(session, peerId, capabilities, userData, params.optionalString("auth_token"))
                  .thenApply(registration -> {
                      final ObjectNode result = JsonRpcCodec.nodes().objectNode();
                      result.put("status", "registered");
                      result.put("peer_id", peerId);
                      result.put("registered_at", registration.registeredAt().toString());
                      final var list = result.putArray("peers");
                      registration.others().forEach(p -> list.add(p.info().toJson()));
                      return result;
                  });
    }

    private CompletableFuture<JsonNode> list(PeerSession session, Call call) {
        final ObjectNode result = JsonRpcCodec.nodes().objectNode();
        final var list = result.putArray("peers");
        hub.list(session, call.method()).forEach(p -> list.add(p.info().toJson()));
        return CompletableFuture.completedFuture(result);
    }

    private CompletableFuture<JsonNode> offer(PeerSession session, Call call) {
        SignalingHub.requireAnnounced(session, call.method());
        final Params params = call.namedParams();
        final Offer offer = Offer.fromParams(params, params.optionalId("request_id") == null
                                                     ? hub.offers().nextServerRequestId() : "");
        return hub.offer(session, offer, call.isNotification())
                  .thenApply(answer -> answer == null ? statusNode("relayed") : answer.toResult());
    }

    private CompletableFuture<JsonNode> answer(PeerSession session, Call call) {
        SignalingHub.requireAnnounced(session, call.method());
        return hub.answer(session, Answer.fromParams(call.namedParams()), true).thenApply(JsonRpcSignaling::statusNode);
    }

    private CompletableFuture<JsonNode> iceCandidate(PeerSession session, Call call) {
        SignalingHub.requireAnnounced(session, call.method());
        return hub.iceCandidate(session, IceCandidate.fromParams(call.namedParams())).thenApply(JsonRpcSignaling::statusNode);
    }

    private CompletableFuture<JsonNode> stateChanged(PeerSession session, Call call) {
        SignalingHub.requireAnnounced(session, call.method());
        return hub.stateChanged(session, StateChange.fromParams(call.namedParams())).thenApply(JsonRpcSignaling::statusNode);
    }

    private CompletableFuture<JsonNode> disconnect(PeerSession session, Call call) {
        final String self = SignalingHub.requireAnnounced(session, call.method());
        final Params params = call.namedParams();
        final String from = params.requiredNonEmptyString("from");
        if (!self.equals(from)) {
            throw new RemoteMediaException(ErrorCode.UNAUTHORIZED, "params.from: this connection speaks for "
                                           + self + ", not " + from);
        }
        final String given = params.optionalString("reason");
        return hub.disconnect(session, params.optionalString("to"), given == null ? "disconnected" : given)
                  .thenApply(JsonRpcSignaling::statusNode);
    }

    /** A response from a client to an offer the hub forwarded to it as a request. */
    private void response(PeerSession answerer, JsonRpcMessage response) {
        final String id = response instanceof JsonRpcMessage.Response r ? r.id().asText()
                          : ((JsonRpcMessage.ErrorResponse) response).id().asText();
        final Offer offer = hub.offers().offerOf(answerer, id);
        if (offer == null) {
            return;
        }
        if (response instanceof JsonRpcMessage.ErrorResponse error) {
            final JsonRpcError e = error.error();
            hub.offers().refused(answerer, id, new JsonRpcError(
                    e.code(), "to: " + offer.to() + " refused the offer: " + e.message(), e.data()).toException());
            return;
        }
        final Answer answer;
        try {
            answer = Answer.fromResult(offer, Params.of(((JsonRpcMessage.Response) response).result()));
        } catch (RemoteMediaException e) {
            hub.offers().refused(answerer, id, new RemoteMediaException(
                    ErrorCode.ANSWER_INVALID, "to: " + offer.to() + " answered with an invalid result: " + e.getMessage()));
            return;
        }
        if (!SignalingHub.looksLikeSdp(answer.sdp())) {
            hub.offers().refused(answerer, id, new RemoteMediaException(
                    ErrorCode.ANSWER_INVALID, "to: " + offer.to() + " answered with an sdp that does not start with v=0"));
            return;
        }
        hub.offers().answered(answerer, id, answer);
    }


    private static JsonNode statusNode(String status) {
        return JsonRpcCodec.nodes().objectNode().put("status", status);
    }

    /** What the hub sends one WebSocket client, as JSON-RPC text. */
    private final class Link implements PeerLink {
        private final Consumer<String> send;
        private final Runnable abort;
        private final String remote;

        Link(Consumer<String> send, Runnable abort, String remote) {
            this.send = send;
            this.abort = abort;
            this.remote = remote;
        }

        private void notify(String method, JsonNode params) {
            send.accept(codec.encode(new JsonRpcMessage.Notification(method, params)));
        }

        @Override
        public void peerJoined(AnnouncedPeer peer) {
            notify(SignalingMethods.ANNOUNCED, peer.info().toJson());
        }

        @Override
        public void peerLeft(String peerId, String reason) {
            notify(SignalingMethods.LEFT, JsonRpcCodec.nodes().objectNode().put("peer_id", peerId).put("reason", reason));
        }

        @Override
        public void offer(Offer offer, @Nullable String relayId) {
            if (relayId == null) {
                notify(SignalingMethods.OFFER, offer.toParams());
            } else {
                send.accept(codec.encode(new JsonRpcMessage.Request(
                        TextNode.valueOf(relayId), SignalingMethods.OFFER, offer.toParams())));
            }
        }

        @Override
        public void answer(Answer answer) {
            notify(SignalingMethods.ANSWER, answer.toParams());
        }

        @Override
        public void iceCandidate(IceCandidate candidate) {
            notify(SignalingMethods.ICE_CANDIDATE, candidate.toParams());
        }

        @Override
        public void stateChanged(StateChange change) {
            notify(SignalingMethods.STATE_CHANGED, change.toParams());
        }

        @Override
        public void disconnect(String from, String to, String reason) {
            notify(SignalingMethods.DISCONNECT, JsonRpcCodec.nodes().objectNode()
                                                           .put("from", from).put("to", to).put("reason", reason));
        }

        @Override
        public void abort() {
            abort.run();
        }

        @Override
        public String remote() {
            return remote;
        }
    }
}
