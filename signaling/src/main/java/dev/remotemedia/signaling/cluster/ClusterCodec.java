package dev.remotemedia.signaling.cluster;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.PeerInfo;
import dev.remotemedia.signaling.SignalingMethods;
import dev.remotemedia.signaling.StateChange;
import dev.remotemedia.signaling.jsonrpc.Params;

/**
 * The wire form of {@link ClusterMessage}s on the cluster's Redis channels: one JSON object,
 * {@code {"v":1, "cluster", "node", "sent_at_ms", "type", "body"}}, whose body is the JSON-RPC
 * params of the same message on {@code /ws} (DESIGN.md §5.1), so both are read by one set of
 * checks.
 *
 * <p>Anything may be published on a Redis channel (another version of this server, a hostile
 * writer), so {@link #decode} treats its input as hostile: a message that is too large, not JSON,
 * of another version or cluster, or whose body does not hold is a {@link Decoded#problem()}, never
 * an exception.
 */
public final class ClusterCodec {
    /** The version of this wire form; a message of another version is refused. */
    public static final int VERSION = 1;
    /** An offer's SDP with many candidates fits; larger messages are refused unread. */
    public static final int MAX_MESSAGE_CHARS = 512 * 1024;
    private static final int MAX_REASON_CHARS = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                                                                      .maxNestingDepth(64)
                                                                      .maxStringLength(MAX_MESSAGE_CHARS)
                                                                      .build());
    }

    /** A message read from a channel and who sent it. */
    public record Envelope(String node, long sentAtMillis, ClusterMessage message) {
        public Envelope {
            requireNonNull(node, "node");
            requireNonNull(message, "message");
        }
    }

    /** Either an {@link Envelope} or, for a message that is not one, what was wrong. */
    public record Decoded(@Nullable Envelope envelope, @Nullable String problem) {
        static Decoded ok(Envelope envelope) {
            return new Decoded(envelope, null);
        }

        static Decoded bad(String problem) {
            return new Decoded(null, problem);
        }
    }

    private final String cluster;

    /** A codec for the cluster named {@code cluster}: messages of other clusters are refused. */
    public ClusterCodec(String cluster) {
        this.cluster = requireNonNull(cluster, "cluster");
    }

    /** {@code message} from node {@code node}, sent at {@code sentAtMillis} (ms since the epoch). */
    public String encode(String node, long sentAtMillis, ClusterMessage message) {
        final ObjectNode root = JSON.createObjectNode();
        root.put("v", VERSION);
        root.put("cluster", cluster);
        root.put("node", node);
        root.put("sent_at_ms", sentAtMillis);
        final ObjectNode body;
        final String type;
        if (message instanceof ClusterMessage.PeerJoined m) {
            type = "peer_joined";
            body = m.peer().toJson();
            body.put("announced_at_ms", m.announcedAtMillis());
        } else if (message instanceof ClusterMessage.PeerLeft m) {
            type = "peer_left";
            body = JSON.createObjectNode().put("peer_id", m.peerId()).put("reason", m.reason());
        } else if (message instanceof ClusterMessage.Resync) {
            type = "resync";
            body = JSON.createObjectNode();
        } else if (message instanceof ClusterMessage.RelayOffer m) {
            type = "offer";
            body = m.offer().toParams();
            if (m.relayId() != null) {
                body.put("relay_id", m.relayId());
            }
        } else if (message instanceof ClusterMessage.OfferResult m) {
            type = "offer_result";
            body = m.answer() == null ? JSON.createObjectNode() : m.answer().toParams();
            body.put("relay_id", m.relayId());
            body.put("answerer", m.answerer());
            if (m.answer() == null) {
                body.putObject("error").put("code", m.errorCode()).put("message", m.errorMessage());
            }
        } else if (message instanceof ClusterMessage.RelayAnswer m) {
            type = "answer";
            body = m.answer().toParams();
        } else if (message instanceof ClusterMessage.RelayIceCandidate m) {
            type = "ice_candidate";
            body = m.candidate().toParams();
        } else if (message instanceof ClusterMessage.RelayStateChange m) {
            type = "state_changed";
            body = m.change().toParams();
        } else if (message instanceof ClusterMessage.RelayDisconnect m) {
            type = "disconnect";
            body = JSON.createObjectNode().put("from", m.from()).put("to", m.to()).put("reason", m.reason());
        } else {
            throw new IllegalArgumentException("message: " + message.getClass().getName());
        }
        root.put("type", type);
        root.set("body", body);
        return root.toString();
    }

    /** Reads one message from a channel; never throws on bad input. */
    public Decoded decode(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return Decoded.bad("empty message");
        }
        if (text.length() > MAX_MESSAGE_CHARS) {
            return Decoded.bad(text.length() + " characters (expected: at most " + MAX_MESSAGE_CHARS + ')');
        }
        final JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException | RuntimeException e) {
            return Decoded.bad("not JSON");
        }
        if (root == null || !root.isObject()) {
            return Decoded.bad("not a JSON object");
        }
        final JsonNode version = root.get("v");
        if (version == null || !version.isInt() || version.intValue() != VERSION) {
            return Decoded.bad("version " + version + " (expected: " + VERSION + ')');
        }
        if (!cluster.equals(text(root, "cluster"))) {
            return Decoded.bad("cluster " + text(root, "cluster") + " (expected: " + cluster + ')');
        }
        final String node = text(root, "node");
        if (node == null || !ClusterOptions.isValidName(node)) {
            return Decoded.bad("node: missing or not a node id");
        }
        final JsonNode sentAt = root.get("sent_at_ms");
        if (sentAt == null || !sentAt.canConvertToLong()) {
            return Decoded.bad("sent_at_ms: missing or not an integer");
        }
        final String type = text(root, "type");
        final JsonNode body = root.get("body");
        if (type == null || body == null || !body.isObject()) {
            return Decoded.bad("type or body missing");
        }
        try {
            final ClusterMessage message = message(type, Params.of(body));
            return message == null ? Decoded.bad("type " + type + " is unknown")
                                   : Decoded.ok(new Envelope(node, sentAt.longValue(), message));
        } catch (RemoteMediaException | IllegalArgumentException | NullPointerException e) {
            return Decoded.bad(type + ": " + e.getMessage());
        }
    }

    private static @Nullable ClusterMessage message(String type, Params body) {
        return switch (type) {
            case "peer_joined" -> {
                final PeerInfo peer = PeerInfo.fromJson(body.node());
                if (!SignalingMethods.isValidPeerId(peer.peerId())) {
                    throw Params.invalid("peer_id: not a peer id");
                }
                yield new ClusterMessage.PeerJoined(peer, longValue(body, "announced_at_ms"));
            }
            case "peer_left" -> new ClusterMessage.PeerLeft(body.requiredNonEmptyString("peer_id"),
                                                            reason(body));
            case "resync" -> new ClusterMessage.Resync();
            case "offer" -> new ClusterMessage.RelayOffer(Offer.fromParams(body, ""), body.optionalId("relay_id"));
            case "offer_result" -> {
                final String relayId = body.requiredNonEmptyString("relay_id");
                final String answerer = body.requiredNonEmptyString("answerer");
                final JsonNode error = body.node().get("error");
                if (error != null) {
                    final Params e = Params.of(error);
                    final JsonNode code = error.get("code");
                    if (code == null || !code.isInt()) {
                        throw Params.invalid("error.code: expected an integer");
                    }
                    yield new ClusterMessage.OfferResult(relayId, answerer, null, code.intValue(),
                                                         clip(e.requiredString("message")));
                }
                yield new ClusterMessage.OfferResult(relayId, answerer, Answer.fromParams(body), 0, "");
            }
            case "answer" -> new ClusterMessage.RelayAnswer(Answer.fromParams(body));
            case "ice_candidate" -> new ClusterMessage.RelayIceCandidate(IceCandidate.fromParams(body));
            case "state_changed" -> new ClusterMessage.RelayStateChange(StateChange.fromParams(body));
            case "disconnect" -> new ClusterMessage.RelayDisconnect(body.requiredNonEmptyString("from"),
                                                                   body.requiredNonEmptyString("to"), reason(body));
            default -> null;
        };
    }

    private static String reason(Params body) {
        final String reason = body.optionalString("reason");
        return reason == null ? "" : clip(reason);
    }

    private static String clip(String text) {
        return text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS);
    }

    private static long longValue(Params body, String name) {
        final JsonNode value = body.node().get(name);
        if (value == null || !value.canConvertToLong()) {
            throw Params.invalid(name + ": expected an integer");
        }
        return value.longValue();
    }

    private static @Nullable String text(JsonNode root, String name) {
        final JsonNode value = root.get(name);
        return value == null || !value.isTextual() ? null : value.textValue();
    }
}
