package dev.remotemedia.signaling.server;

/**
 * One client's transport as the hub sees it: a WebSocket in production, a list in tests. Every
 * method is non-blocking and thread-safe.
 */
interface SignalingConnection {

    /** Queues one text message; dropped if the connection is closed. */
    void send(String text);

    /** Closes gracefully with a WebSocket close code (RFC 6455 §7.4) and reason. */
    void close(int code, String reason);

    /** Drops the connection at once, without a close handshake. */
    void abort();

    /** Who is on the other end, for logs. */
    String remote();
}
