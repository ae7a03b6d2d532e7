package dev.remotemedia.rtc.common.error;

/**
 * The gRPC status codes, with their wire values
 * (<a href="https://grpc.github.io/grpc/core/md_doc_statuscodes.html">gRPC status codes</a>).
 * Kept here so the error table needs no gRPC dependency; the gRPC signaling module converts these
 * to {@code io.grpc.Status} by {@link #value()}.
 */
public enum GrpcStatusCode {
    OK(0),
    CANCELLED(1),
    UNKNOWN(2),
    INVALID_ARGUMENT(3),
    DEADLINE_EXCEEDED(4),
    NOT_FOUND(5),
    ALREADY_EXISTS(6),
    PERMISSION_DENIED(7),
    RESOURCE_EXHAUSTED(8),
    FAILED_PRECONDITION(9),
    ABORTED(10),
    OUT_OF_RANGE(11),
    UNIMPLEMENTED(12),
    INTERNAL(13),
    UNAVAILABLE(14),
    DATA_LOSS(15),
    UNAUTHENTICATED(16);

    private final int value;

    GrpcStatusCode(int value) {
        this.value = value;
    }

    /** The numeric code sent on the wire. */
    public int value() {
        return value;
    }
}
