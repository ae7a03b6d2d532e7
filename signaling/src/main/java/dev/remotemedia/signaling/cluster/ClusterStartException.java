package dev.remotemedia.signaling.cluster;

/** A node cannot join its cluster: Redis is not reachable, or its node id is taken. The message says which. */
public final class ClusterStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClusterStartException(String message, Throwable cause) {
        super(message, cause);
    }

    public ClusterStartException(String message) {
        super(message);
    }
}
