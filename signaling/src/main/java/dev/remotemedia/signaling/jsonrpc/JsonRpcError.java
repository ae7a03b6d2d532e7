package dev.remotemedia.signaling.jsonrpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;

/**
 * A JSON-RPC 2.0 error object (https://www.jsonrpc.org/specification#error_object): a code from
 * {@link ErrorCode} (DESIGN.md §5.1), a message that says what was wrong and where, and optional
 * {@code data} with machine-readable detail. Never holds a stack trace.
 */
public record JsonRpcError(int code, String message, @Nullable JsonNode data) {

    public JsonRpcError {
        requireNonNull(message, "message");
    }

    /** An error of {@code code} with {@code message} and no data. */
    public static JsonRpcError of(ErrorCode code, String message) {
        return new JsonRpcError(requireNonNull(code, "code").jsonRpcCode(), message, null);
    }

    /** An error of {@code code} with {@code message} and {@code data}. */
    public static JsonRpcError of(ErrorCode code, String message, JsonNode data) {
        return new JsonRpcError(requireNonNull(code, "code").jsonRpcCode(), message, requireNonNull(data, "data"));
    }

    /** The error a {@link RemoteMediaException} reaches a remote client as. */
    public static JsonRpcError of(RemoteMediaException e) {
        return of(e.code(), e.getMessage());
    }

    /** This error as an exception, for futures that fail with it. */
    public JsonRpcException toException() {
        return new JsonRpcException(this);
    }
}
