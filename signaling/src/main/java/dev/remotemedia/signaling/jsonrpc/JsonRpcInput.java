package dev.remotemedia.signaling.jsonrpc;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What {@link JsonRpcCodec#parse} made of one WebSocket text message: a single item, a batch
 * (spec §6), or a message that is not JSON-RPC at all. Malformed input is data here, never an
 * exception.
 */
public sealed interface JsonRpcInput {

    /** One item: either a valid message or the error response an invalid one deserves. */
    sealed interface Item permits Valid, Invalid {}

    /** A valid message. */
    record Valid(JsonRpcMessage message) implements Item {
        public Valid {
            requireNonNull(message, "message");
        }
    }

    /** An invalid message and the error response it gets (spec: -32600 with the id if readable). */
    record Invalid(JsonRpcMessage.ErrorResponse response) implements Item {
        public Invalid {
            requireNonNull(response, "response");
        }
    }

    /** A single message (not in an array). */
    record Single(Item item) implements JsonRpcInput {
        public Single {
            requireNonNull(item, "item");
        }
    }

    /** A non-empty batch; its responses go back as one array. */
    record Batch(List<Item> items) implements JsonRpcInput {
        public Batch {
            items = List.copyOf(items);
        }
    }

    /** Input that gets one error response and nothing else: not JSON, too big, or an empty batch. */
    record Rejected(JsonRpcMessage.ErrorResponse response) implements JsonRpcInput {
        public Rejected {
            requireNonNull(response, "response");
        }
    }
}
