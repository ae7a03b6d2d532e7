package dev.remotemedia.rtc.common.error;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;

/**
 * The one exception type of the project. Its {@link #code()} says what kind of error it is and so
 * how it reaches a remote client ({@link ErrorCode#jsonRpcCode()}, {@link ErrorCode#grpcStatus()});
 * its message says what was wrong and what was expected, in words fit to send to that client
 * (never a stack trace).
 */
public final class RemoteMediaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public RemoteMediaException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public RemoteMediaException(ErrorCode code, String message, @Nullable Throwable cause) {
        super(requireNonNull(message, "message"), cause);
        this.code = requireNonNull(code, "code");
    }

    /** What kind of error this is. */
    public ErrorCode code() {
        return code;
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
