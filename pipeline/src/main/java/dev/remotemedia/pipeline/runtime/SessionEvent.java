package dev.remotemedia.pipeline.runtime;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;

/** What a stream session tells its {@link SessionOptions#listener()}. */
public sealed interface SessionEvent {

    /** The session this event is about. */
    String sessionId();

    /**
     * A node threw; the session closes. {@code message} names the node and the error and is fit to
     * send to a remote client.
     */
    record NodeFailed(String sessionId, String nodeId, String nodeType, String message) implements SessionEvent {
        public NodeFailed {
            requireNonNull(sessionId, "sessionId");
            requireNonNull(nodeId, "nodeId");
            requireNonNull(nodeType, "nodeType");
            requireNonNull(message, "message");
        }
    }

    /**
     * The session has ended and released its nodes; {@code error} is {@code null} after a clean close
     * and the failure's message otherwise. Always the last event.
     */
    record Closed(String sessionId, @Nullable String error) implements SessionEvent {
        public Closed {
            requireNonNull(sessionId, "sessionId");
        }

        /** Whether the session ended without a failure. */
        public boolean clean() {
            return error == null;
        }
    }
}
