package dev.remotemedia.pipeline.runtime;

import static java.util.Objects.requireNonNull;

import java.util.function.Consumer;

/**
 * How a stream session queues data and whom it tells about failures. Made with {@link #builder()};
 * {@link #defaults()} is 64-item queues with {@link QueuePolicy#BLOCK} and no listener.
 */
public final class SessionOptions {
    private static final SessionOptions DEFAULTS = builder().build();

    private final int inputCapacity;
    private final int outputCapacity;
    private final QueuePolicy policy;
    private final Consumer<SessionEvent> listener;

    private SessionOptions(Builder b) {
        inputCapacity = b.inputCapacity;
        outputCapacity = b.outputCapacity;
        policy = b.policy;
        listener = b.listener;
    }

    public static SessionOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How many inputs may wait to be processed. */
    public int inputCapacity() {
        return inputCapacity;
    }

    /**
     * How many outputs may wait to be read. Checked before each input is processed: the outputs of
     * one input are always queued together, so the queue may briefly hold a few more.
     */
    public int outputCapacity() {
        return outputCapacity;
    }

    public QueuePolicy policy() {
        return policy;
    }

    /**
     * Told about node failures and the session's end, on the session's worker thread, after the step
     * that caused them. It must not block.
     */
    public Consumer<SessionEvent> listener() {
        return listener;
    }

    /** Builds {@link SessionOptions}. */
    public static final class Builder {
        private int inputCapacity = 64;
        private int outputCapacity = 64;
        private QueuePolicy policy = QueuePolicy.BLOCK;
        private Consumer<SessionEvent> listener = event -> {};

        private Builder() {}

        /** How many inputs may wait to be processed (1..1000000); default 64. */
        public Builder inputCapacity(int inputCapacity) {
            this.inputCapacity = positive("inputCapacity", inputCapacity);
            return this;
        }

        /** How many outputs may wait to be read (1..1000000); default 64. */
        public Builder outputCapacity(int outputCapacity) {
            this.outputCapacity = positive("outputCapacity", outputCapacity);
            return this;
        }

        /** What a full queue does; default {@link QueuePolicy#BLOCK}. */
        public Builder policy(QueuePolicy policy) {
            this.policy = requireNonNull(policy, "policy");
            return this;
        }

        /** Who is told about failures and the end; default nobody. */
        public Builder listener(Consumer<SessionEvent> listener) {
            this.listener = requireNonNull(listener, "listener");
            return this;
        }

        public SessionOptions build() {
            return new SessionOptions(this);
        }

        private static int positive(String name, int value) {
            if (value <= 0 || value > 1_000_000) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: 1..1000000)");
            }
            return value;
        }
    }
}
