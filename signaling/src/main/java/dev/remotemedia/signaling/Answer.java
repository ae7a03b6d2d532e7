package dev.remotemedia.signaling;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotemedia.signaling.jsonrpc.JsonRpcCodec;
import dev.remotemedia.signaling.jsonrpc.Params;

/**
 * An SDP answer to an {@link Offer}: the params of {@code peer.answer}, and (without {@code from}
 * and {@code to}) the result of {@code peer.offer} (DESIGN.md §5.1).
 */
public record Answer(String from, String to, String sdp, boolean canTrickleIceCandidates, String requestId) {

    public Answer {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        requireNonNull(sdp, "sdp");
        requireNonNull(requestId, "requestId");
    }

    /** The answer to {@code offer}: from its receiver to its sender, with its request id. */
    public static Answer to(Offer offer, String sdp, boolean canTrickleIceCandidates) {
        return new Answer(offer.to(), offer.from(), sdp, canTrickleIceCandidates, offer.requestId());
    }

    /** {@code {from, to, sdp, can_trickle_ice_candidates, request_id}}: the params of peer.answer. */
    public ObjectNode toParams() {
        final ObjectNode node = toResult();
        node.put("from", from);
        node.put("to", to);
        return node;
    }

    /** {@code {sdp, can_trickle_ice_candidates, request_id}}: the result of peer.offer. */
    public ObjectNode toResult() {
        final ObjectNode node = JsonRpcCodec.nodes().objectNode();
        node.put("sdp", sdp);
        node.put("can_trickle_ice_candidates", canTrickleIceCandidates);
        node.put("request_id", requestId);
        return node;
    }

    /** Reads peer.answer params; {@code request_id} is required so the answer finds its offer. */
    public static Answer fromParams(Params params) {
        final String requestId = params.optionalId("request_id");
        if (requestId == null) {
            throw Params.invalid("params.request_id: missing (expected: the request_id of the offer answered)");
        }
        return new Answer(params.requiredNonEmptyString("from"), params.requiredNonEmptyString("to"),
                          params.requiredString("sdp"), params.optionalBoolean("can_trickle_ice_candidates", true),
                          requestId);
    }

    /** Reads the result of peer.offer, sent for {@code offer}. */
    public static Answer fromResult(Offer offer, Params result) {
        final String requestId = result.optionalId("request_id");
        return new Answer(offer.to(), offer.from(), result.requiredString("sdp"),
                          result.optionalBoolean("can_trickle_ice_candidates", true),
                          requestId == null ? offer.requestId() : requestId);
    }
}
