package dev.remotemedia.signaling;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotemedia.signaling.jsonrpc.JsonRpcCodec;
import dev.remotemedia.signaling.jsonrpc.Params;
import java.util.List;

/**
 * An announced peer as {@code peer.list} and {@code peer.announced} describe it (DESIGN.md §5.1).
 * {@code state} is the last {@code connection_state} the peer reported in
 * {@code peer.state_changed}, or {@code "new"} before it reported any.
 */
public record PeerInfo(String peerId, List<String> capabilities, JsonNode userData, String state) {

    public PeerInfo {
        requireNonNull(peerId, "peerId");
        capabilities = List.copyOf(capabilities);
        requireNonNull(userData, "userData");
        requireNonNull(state, "state");
    }

    /** {@code {peer_id, capabilities, user_data, state}}. */
    public ObjectNode toJson() {
        final ObjectNode node = JsonRpcCodec.nodes().objectNode();
        node.put("peer_id", peerId);
        capabilities.forEach(node.putArray("capabilities")::add);
        node.set("user_data", userData);
        node.put("state", state);
        return node;
    }

    /** Reads what {@link #toJson()} writes. */
    public static PeerInfo fromJson(JsonNode json) {
        final Params params = Params.of(json);
        final String state = params.optionalString("state");
        return new PeerInfo(params.requiredString("peer_id"), params.optionalStringList("capabilities", 64),
                            params.optionalValue("user_data"), state == null ? "new" : state);
    }
}
