package dev.remotemedia.signaling;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.signaling.jsonrpc.JsonRpcCodec;
import dev.remotemedia.signaling.jsonrpc.Params;

/**
 * The params of {@code peer.ice_candidate} (DESIGN.md §5.1): one trickled ICE candidate
 * (RFC 8838), or, when {@code candidate} is empty, the end of candidates.
 */
public record IceCandidate(String from, String to, String candidate, @Nullable Integer sdpMLineIndex,
                           @Nullable String sdpMid, @Nullable String userFragment) {

    public IceCandidate {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        requireNonNull(candidate, "candidate");
    }

    /** Whether this marks the end of candidates (an empty {@code candidate}). */
    public boolean isEndOfCandidates() {
        return candidate.isEmpty();
    }

    /** {@code {from, to, candidate, sdp_m_line_index, sdp_mid, user_fragment?}}. */
    public ObjectNode toParams() {
        final ObjectNode node = JsonRpcCodec.nodes().objectNode();
        node.put("from", from);
        node.put("to", to);
        node.put("candidate", candidate);
        if (sdpMLineIndex == null) {
            node.putNull("sdp_m_line_index");
        } else {
            node.put("sdp_m_line_index", sdpMLineIndex);
        }
        if (sdpMid == null) {
            node.putNull("sdp_mid");
        } else {
            node.put("sdp_mid", sdpMid);
        }
        if (userFragment != null) {
            node.put("user_fragment", userFragment);
        }
        return node;
    }

    public static IceCandidate fromParams(Params params) {
        return new IceCandidate(params.requiredNonEmptyString("from"), params.requiredNonEmptyString("to"),
                                params.requiredString("candidate"), params.optionalIndex("sdp_m_line_index"),
                                params.optionalString("sdp_mid"), params.optionalString("user_fragment"));
    }
}
