package dev.remotemedia.rtc.common.error;

import static dev.remotemedia.rtc.common.error.GrpcStatusCode.ALREADY_EXISTS;
import static dev.remotemedia.rtc.common.error.GrpcStatusCode.DEADLINE_EXCEEDED;
import static dev.remotemedia.rtc.common.error.GrpcStatusCode.FAILED_PRECONDITION;
import static dev.remotemedia.rtc.common.error.GrpcStatusCode.INVALID_ARGUMENT;
import static dev.remotemedia.rtc.common.error.GrpcStatusCode.NOT_FOUND;
import static dev.remotemedia.rtc.common.error.GrpcStatusCode.RESOURCE_EXHAUSTED;
import static dev.remotemedia.rtc.common.error.GrpcStatusCode.UNAUTHENTICATED;
import static dev.remotemedia.rtc.common.error.GrpcStatusCode.UNAVAILABLE;
import static dev.remotemedia.rtc.common.error.GrpcStatusCode.UNIMPLEMENTED;

/**
 * Every error the project reports, and the one table that maps each to a JSON-RPC 2.0 error code
 * (DESIGN.md §5.1) and a gRPC status code (§5.2). Signaling adapters translate a
 * {@link RemoteMediaException} through this table and nowhere else.
 *
 * <p>The mapping is one way: {@link #INVALID_CONFIG} shares {@code -32602} with
 * {@link #INVALID_PARAMS} and {@link #NOT_AVAILABLE} shares {@code -32601} with
 * {@link #METHOD_NOT_FOUND}, because to a remote client they mean the same thing.
 */
public enum ErrorCode {
    // JSON-RPC 2.0 standard errors (https://www.jsonrpc.org/specification#error_object).
    PARSE_ERROR(-32700, INVALID_ARGUMENT),
    INVALID_REQUEST(-32600, INVALID_ARGUMENT),
    METHOD_NOT_FOUND(-32601, UNIMPLEMENTED),
    INVALID_PARAMS(-32602, INVALID_ARGUMENT),
    INTERNAL(-32603, GrpcStatusCode.INTERNAL),

    // RemoteMedia signaling errors (DESIGN.md §5.1).
    PEER_NOT_FOUND(-32000, NOT_FOUND),
    CONNECTION_FAILED(-32001, UNAVAILABLE),
    OFFER_INVALID(-32002, INVALID_ARGUMENT),
    ANSWER_INVALID(-32003, INVALID_ARGUMENT),
    PEER_ALREADY_EXISTS(-32004, ALREADY_EXISTS),
    MAX_PEERS_REACHED(-32005, RESOURCE_EXHAUSTED),
    NOT_ANNOUNCED(-32006, FAILED_PRECONDITION),
    UNAUTHORIZED(-32007, UNAUTHENTICATED),
    TIMEOUT(-32008, DEADLINE_EXCEEDED),

    // Local errors that can still reach a remote caller.
    /** A configuration value is invalid; the message lists every problem. */
    INVALID_CONFIG(-32602, INVALID_ARGUMENT),
    /** The feature exists in the configuration model but is not built yet (README "Limits"). */
    NOT_AVAILABLE(-32601, UNIMPLEMENTED);

    private final int jsonRpcCode;
    private final GrpcStatusCode grpcStatus;

    ErrorCode(int jsonRpcCode, GrpcStatusCode grpcStatus) {
        this.jsonRpcCode = jsonRpcCode;
        this.grpcStatus = grpcStatus;
    }

    /** The JSON-RPC 2.0 {@code error.code} for this error. */
    public int jsonRpcCode() {
        return jsonRpcCode;
    }

    /** The gRPC status code for this error. */
    public GrpcStatusCode grpcStatus() {
        return grpcStatus;
    }
}
