package dev.remotemedia.signaling.server;

/** Builds JSON-RPC text for tests. */
final class Rpc {
    static final String OFFER_SDP = "v=0\\r\\no=- 1 1 IN IP4 127.0.0.1\\r\\n";
    static final String ANSWER_SDP = "v=0\\r\\no=- 2 1 IN IP4 127.0.0.1\\r\\n";

    private Rpc() {}

    /** A request with {@code id} (JSON text, e.g. {@code 1} or {@code "\"a\""}) and params (JSON text). */
    static String request(String id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + '}';
    }

    static String notification(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + '}';
    }

    static String offer(String from, String to, String requestId) {
        return "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"sdp\":\"" + OFFER_SDP
               + "\",\"can_trickle_ice_candidates\":true,\"request_id\":\"" + requestId + "\"}";
    }

    static String answer(String from, String to, String requestId) {
        return "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"sdp\":\"" + ANSWER_SDP
               + "\",\"request_id\":\"" + requestId + "\"}";
    }

    static String candidate(String from, String to, String candidate) {
        return "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"candidate\":\"" + candidate
               + "\",\"sdp_m_line_index\":0,\"sdp_mid\":\"0\"}";
    }
}
