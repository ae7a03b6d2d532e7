package dev.remotemedia.rtc.sctp;

import dev.remotemedia.rtc.common.Nullable;

/**
 * A sans-I/O SCTP association (<a href="https://www.rfc-editor.org/rfc/rfc9260">RFC 9260</a>,
 * with RFC 3758 partial reliability and RFC 6525 stream reset) as WebRTC data channels use it over
 * DTLS (RFC 8261, RFC 8831). It does no I/O and reads no clock: the caller feeds it packets and
 * time, and collects packets to send and events with {@link #pollEvent()}.
 *
 * <pre>{@code
 * SctpSocket sctp = SctpAssociation.builder(timeSource).options(options).build();
 * sctp.connect();                         // both peers may call this at once
 * // loop: for each DTLS record: sctp.handleInput(buf, off, len);
 * //       when sctp.nextDeadlineNanos() is reached: sctp.advanceTime(now);
 * //       after every call: drain sctp.pollEvent() (SendPacket → DTLS, the rest → the user)
 * }</pre>
 *
 * <p>Not thread-safe: one event loop drives it. Nothing in it calls user code; every outcome is an
 * {@link SctpEvent} polled after the call returns. No method throws on anything the peer sends.
 */
public interface SctpSocket {

    /**
     * Starts the association by sending an INIT (RFC 9260 §5.1). Does nothing unless {@link
     * #state()} is {@link SctpState#CLOSED}. Both sides may call it at the same time (WebRTC does,
     * once DTLS is up): the INIT collision is resolved into one association (§5.2.1–§5.2.4). A
     * closed socket that has not called it still answers a peer's INIT.
     */
    void connect();

    /**
     * Processes one received SCTP packet (one DTLS record). Malformed or unexpected input is dropped
     * with an {@link SctpEvent.Error}, or aborts the association where the RFC says so; it never
     * throws. The bytes are not kept after the call returns.
     */
    void handleInput(byte[] buf, int off, int len);

    /** Fires the timers due at or before {@code nowNanos}: retransmissions, heartbeats, delayed SACKs. */
    void advanceTime(long nowNanos);

    /** Returns when {@link #advanceTime} should next be called, or {@link Long#MAX_VALUE} if no timer runs. */
    long nextDeadlineNanos();

    /** Returns the oldest event not yet polled, or {@code null} if there is none. */
    @Nullable SctpEvent pollEvent();

    /**
     * Queues a message. It is sent as soon as the association is connected and the congestion and
     * receiver windows allow, fragmented as needed. A refused message ({@code != OK}) is not queued.
     */
    SendStatus send(SctpMessage message, SendOptions options);

    /**
     * Resets the outgoing side of {@code streamIds} (RFC 6525 §5.1.2), to close data channels
     * (RFC 8831 §6.7). Messages already queued on them are still sent first; new ones are refused
     * until the reset completes. The peer then resets its side, which arrives as an incoming {@link
     * SctpEvent.StreamsReset}.
     */
    ResetStreamsStatus resetStreams(int... streamIds);

    /**
     * Closes gracefully (RFC 9260 §9.2): no new messages are accepted, queued ones are still
     * delivered, then {@link SctpEvent.Closed}. Before the association is established this simply
     * closes it.
     */
    void shutdown();

    /**
     * Ends the association at once with an ABORT carrying {@code reason} (RFC 9260 §9.1); queued
     * data is dropped. Emits {@link SctpEvent.Aborted}. Does nothing if already closed.
     */
    void abort(String reason);

    /** Returns the association's state. */
    SctpState state();

    /** Returns the bytes queued on {@code streamId} and not yet sent (W3C {@code bufferedAmount}). */
    long bufferedAmount(int streamId);

    /** Returns the threshold at or below which {@code streamId} reports {@link SctpEvent.BufferedAmountLow}. */
    long bufferedAmountLowThreshold(int streamId);

    /**
     * Sets the buffered-amount-low threshold of {@code streamId} in bytes; zero by default. Like the
     * queued messages, thresholds are forgotten when the association closes or the peer restarts.
     */
    void setBufferedAmountLowThreshold(int streamId, long bytes);

    /** Returns counters and the current congestion state, for stats and tests. */
    SctpMetrics metrics();
}
