package dev.remotemedia.server;

/**
 * The server cannot start for a reason its message names completely (which option, which value,
 * what went wrong): {@link Main} prints the message as it is and exits with code 1.
 */
final class StartFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartFailure(String message) {
        super(message, null, false, false);
    }
}
