package dev.remotemedia.signaling.server;

import java.util.Map;

/**
 * How a protocol names the fields the hub reports errors about, so a message points at what the
 * client sent: {@code params.to} in JSON-RPC (DESIGN.md §5.1), {@code to_peer_id} in gRPC (§5.2).
 */
enum Dialect {
    JSON_RPC(Map.of()),
    GRPC(Map.of("params.peer_id", "announce.peer_id",
                "params.auth_token", "announce.auth_token",
                "params.to", "to_peer_id",
                "params.sdp", "sdp",
                "params.request_id", "request_id",
                "params.pipeline", "offer.pipeline"));

    private final Map<String, String> names;

    Dialect(Map<String, String> names) {
        this.names = names;
    }

    /** The name of the JSON-RPC field {@code jsonRpcName} in this protocol. */
    String field(String jsonRpcName) {
        return names.getOrDefault(jsonRpcName, jsonRpcName);
    }
}
