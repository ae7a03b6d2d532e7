package dev.remotemedia.signaling;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotemedia.signaling.jsonrpc.JsonRpcCodec;
import dev.remotemedia.signaling.jsonrpc.Params;

/** The params of {@code peer.offer} (DESIGN.md §5.1): an SDP offer from one peer to another. */
public record Offer(String from, String to, String sdp, boolean canTrickleIceCandidates, String requestId) {

    public Offer {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        requireNonNull(sdp, "sdp");
        requireNonNull(requestId, "requestId");
    }

    /** {@code {from, to, sdp, can_trickle_ice_candidates, request_id}}. */
    public ObjectNode toParams() {
        final ObjectNode node = JsonRpcCodec.nodes().objectNode();
        node.put("from", from);
        node.put("to", to);
        node.put("sdp", sdp);
        node.put("can_trickle_ice_candidates", canTrickleIceCandidates);
        node.put("request_id", requestId);
        return node;
    }

    /**
     * Reads offer params; {@code request_id} may be a string or an integer, and when absent is
     * {@code fallbackRequestId}. {@code can_trickle_ice_candidates} defaults to {@code true}.
     */
    public static Offer fromParams(Params params, String fallbackRequestId) {
        final String requestId = params.optionalId("request_id");
        return new Offer(params.requiredNonEmptyString("from"), params.requiredNonEmptyString("to"),
                         params.requiredString("sdp"), params.optionalBoolean("can_trickle_ice_candidates", true),
                         requestId == null ? fallbackRequestId : requestId);
    }
}
