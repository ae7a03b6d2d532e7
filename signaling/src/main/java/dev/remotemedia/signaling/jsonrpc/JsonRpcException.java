package dev.remotemedia.signaling.jsonrpc;

import static java.util.Objects.requireNonNull;

/**
 * A JSON-RPC error received from the other side, or one a handler fails with to reply with
 * exactly this error object (code, message and data). Handlers that have no data to add fail with
 * {@link dev.remotemedia.rtc.common.error.RemoteMediaException} instead.
 */
public final class JsonRpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient JsonRpcError error;

    public JsonRpcException(JsonRpcError error) {
        super(requireNonNull(error, "error").code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    /** The error object. */
    public JsonRpcError error() {
        return error;
    }

    /** The JSON-RPC error code. */
    public int code() {
        return error.code();
    }
}
