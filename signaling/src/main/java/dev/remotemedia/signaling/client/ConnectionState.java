package dev.remotemedia.signaling.client;

/** Where a {@link SignalingClient} is in its life. */
public enum ConnectionState {
    /** Built, {@link SignalingClient#connect()} not called yet. */
    NEW,
    /** Opening the socket and announcing for the first time. */
    CONNECTING,
    /** Announced: requests and notifications flow. */
    CONNECTED,
    /** The socket was lost; waiting for the next attempt or making it. */
    RECONNECTING,
    /** Closed by {@link SignalingClient#close()}, a failed first connect, or after the last attempt. */
    CLOSED
}
