package dev.remotemedia.signaling.jsonrpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.remotemedia.rtc.common.Nullable;

/**
 * One valid JSON-RPC 2.0 message (https://www.jsonrpc.org/specification). Request and response
 * ids are kept as the JSON node they arrived as (a string, a number or {@code null}) so they are
 * echoed back exactly.
 */
public sealed interface JsonRpcMessage {

    /** A call that expects a response. {@code params} is {@code null} when absent. */
    record Request(JsonNode id, String method, @Nullable JsonNode params) implements JsonRpcMessage {
        public Request {
            requireNonNull(id, "id");
            requireNonNull(method, "method");
        }
    }

    /** A call without an id: the receiver never replies, not even with an error (§4.1 of the spec). */
    record Notification(String method, @Nullable JsonNode params) implements JsonRpcMessage {
        public Notification {
            requireNonNull(method, "method");
        }
    }

    /** A successful response. */
    record Response(JsonNode id, JsonNode result) implements JsonRpcMessage {
        public Response {
            requireNonNull(id, "id");
            requireNonNull(result, "result");
        }
    }

    /** An error response; {@code id} is JSON {@code null} when the request's id could not be read. */
    record ErrorResponse(JsonNode id, JsonRpcError error) implements JsonRpcMessage {
        public ErrorResponse {
            requireNonNull(id, "id");
            requireNonNull(error, "error");
        }

        /** An error response to a message whose id is unknown. */
        public static ErrorResponse withoutId(JsonRpcError error) {
            return new ErrorResponse(NullNode.getInstance(), error);
        }
    }
}
