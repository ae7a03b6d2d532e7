package dev.remotemedia.signaling;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.signaling.jsonrpc.JsonRpcCodec;
import dev.remotemedia.signaling.jsonrpc.Params;

/**
 * The params of {@code peer.offer} (DESIGN.md §5.1): an SDP offer from one peer to another.
 * {@code pipeline} extends §5.1: the name of the pipeline manifest a ServerPeer is to run (for an
 * offer to {@code remotemedia-server}), or {@code null} for the server's default one.
 */
public record Offer(String from, String to, String sdp, boolean canTrickleIceCandidates, String requestId,
                    @Nullable String pipeline) {

    /** The longest pipeline name accepted, in characters. */
    public static final int MAX_PIPELINE_NAME_LENGTH = 128;

    public Offer {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        requireNonNull(sdp, "sdp");
        requireNonNull(requestId, "requestId");
        if (pipeline != null && (pipeline.isEmpty() || pipeline.length() > MAX_PIPELINE_NAME_LENGTH)) {
            throw new IllegalArgumentException("pipeline: '" + pipeline + "' (expected: 1 to "
                                               + MAX_PIPELINE_NAME_LENGTH + " characters, or null)");
        }
    }

    /** An offer that names no pipeline: a ServerPeer runs the server's default one. */
    public Offer(String from, String to, String sdp, boolean canTrickleIceCandidates, String requestId) {
        this(from, to, sdp, canTrickleIceCandidates, requestId, null);
    }

    /** {@code {from, to, sdp, can_trickle_ice_candidates, request_id, pipeline?}}. */
    public ObjectNode toParams() {
        final ObjectNode node = JsonRpcCodec.nodes().objectNode();
        node.put("from", from);
        node.put("to", to);
        node.put("sdp", sdp);
        node.put("can_trickle_ice_candidates", canTrickleIceCandidates);
        node.put("request_id", requestId);
        if (pipeline != null) {
            node.put("pipeline", pipeline);
        }
        return node;
    }

    /**
     * Reads offer params; {@code request_id} may be a string or an integer, and when absent is
     * {@code fallbackRequestId}. {@code can_trickle_ice_candidates} defaults to {@code true};
     * {@code pipeline}, when present, is a name of 1 to {@value #MAX_PIPELINE_NAME_LENGTH} characters.
     */
    public static Offer fromParams(Params params, String fallbackRequestId) {
        final String requestId = params.optionalId("request_id");
        final String pipeline = params.optionalString("pipeline");
        if (pipeline != null && (pipeline.isEmpty() || pipeline.length() > MAX_PIPELINE_NAME_LENGTH)) {
            throw Params.invalid("params.pipeline: " + pipeline.length() + " characters (expected: a manifest name of 1 to "
                                 + MAX_PIPELINE_NAME_LENGTH + " characters)");
        }
        return new Offer(params.requiredNonEmptyString("from"), params.requiredNonEmptyString("to"),
                         params.requiredString("sdp"), params.optionalBoolean("can_trickle_ice_candidates", true),
                         requestId == null ? fallbackRequestId : requestId, pipeline);
    }
}
