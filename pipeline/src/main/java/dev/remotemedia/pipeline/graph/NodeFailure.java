package dev.remotemedia.pipeline.graph;

import static java.util.Objects.requireNonNull;

/**
 * A node threw. {@link #message()} names the node, the phase and the error, fit to send to a remote
 * client (no stack trace); {@link #cause()} is kept for the server's log.
 */
public record NodeFailure(String nodeId, String nodeType, String phase, String message, Throwable cause) {

    public NodeFailure {
        requireNonNull(nodeId, "nodeId");
        requireNonNull(nodeType, "nodeType");
        requireNonNull(phase, "phase");
        requireNonNull(message, "message");
        requireNonNull(cause, "cause");
    }

    static NodeFailure of(String nodeId, String nodeType, String phase, Throwable cause) {
        if (cause instanceof VirtualMachineError) {
            throw (VirtualMachineError) cause;
        }
        final String detail = cause.getMessage() == null ? cause.getClass().getSimpleName()
                                                         : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new NodeFailure(nodeId, nodeType, phase, "node \"" + nodeId + "\" (" + nodeType + ") failed in "
                                                        + phase + ": " + detail, cause);
    }
}
