package dev.remotemedia.signaling;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.signaling.jsonrpc.JsonRpcCodec;
import dev.remotemedia.signaling.jsonrpc.Params;

/**
 * The params of {@code peer.state_changed} (DESIGN.md §5.1): the W3C states of the connection
 * {@code from} has with {@code to}. A state the sender did not report is {@code null}.
 */
public record StateChange(String from, String to, @Nullable String connectionState,
                          @Nullable String iceConnectionState, @Nullable String iceGatheringState,
                          @Nullable String signalingState) {

    public StateChange {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
    }

    public ObjectNode toParams() {
        final ObjectNode node = JsonRpcCodec.nodes().objectNode();
        node.put("from", from);
        node.put("to", to);
        putIfSet(node, "connection_state", connectionState);
        putIfSet(node, "ice_connection_state", iceConnectionState);
        putIfSet(node, "ice_gathering_state", iceGatheringState);
        putIfSet(node, "signaling_state", signalingState);
        return node;
    }

    private static void putIfSet(ObjectNode node, String name, @Nullable String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    public static StateChange fromParams(Params params) {
        return new StateChange(params.requiredNonEmptyString("from"), params.requiredNonEmptyString("to"),
                               params.optionalString("connection_state"), params.optionalString("ice_connection_state"),
                               params.optionalString("ice_gathering_state"), params.optionalString("signaling_state"));
    }
}
