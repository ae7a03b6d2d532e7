package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.datachannel.DataChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A data channel, shaped like the W3C <a href="https://www.w3.org/TR/webrtc/#rtcdatachannel">RTCDataChannel</a>:
 * text and binary messages over one SCTP stream, reliable or not, ordered or not.
 *
 * <p>Methods may be called from any thread; sending is queued to the connection's loop in call
 * order. Callbacks run on that loop. {@link #bufferedAmount()} counts bytes handed to
 * {@link #send} and not yet sent on the wire, as in browsers.
 */
public final class RTCDataChannel {
    private final ConnectionCore core;
    private final String label;
    private final RTCDataChannelInit init;
    /** Bytes given to send() whose task has not yet reached the SCTP send queue. */
    private final AtomicLong inTransit = new AtomicLong();
    private volatile long queuedInSctp;
    private volatile long bufferedAmountLowThreshold;
    private volatile @Nullable Integer id;
    private volatile RTCDataChannelState readyState = RTCDataChannelState.CONNECTING;
    /** W3C RTCDataChannelStats counters: written on the loop, read by getStats. */
    final AtomicLong messagesSent = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong messagesReceived = new AtomicLong();
    final AtomicLong bytesReceived = new AtomicLong();
    /** The SCTP-level channel; set on the loop once the DTLS role, and so the id, is known. */
    @Nullable DataChannel channel;

    volatile @Nullable Runnable onOpen;
    volatile @Nullable Consumer<RTCDataChannelMessage> onMessage;
    volatile @Nullable Runnable onBufferedAmountLow;
    volatile @Nullable Runnable onClosing;
    volatile @Nullable Runnable onClose;
    volatile @Nullable Consumer<String> onError;

    RTCDataChannel(ConnectionCore core, String label, RTCDataChannelInit init) {
        this.core = core;
        this.label = label;
        this.init = init;
        this.id = init.id();
    }

    public String label() {
        return label;
    }

    public boolean ordered() {
        return init.ordered();
    }

    public @Nullable Integer maxPacketLifeTime() {
        return init.maxPacketLifeTime();
    }

    public @Nullable Integer maxRetransmits() {
        return init.maxRetransmits();
    }

    public String protocol() {
        return init.protocol();
    }

    public boolean negotiated() {
        return init.negotiated();
    }

    /** The SCTP stream id; {@code null} until the DTLS role is known (RFC 8832 §6). */
    public @Nullable Integer id() {
        return id;
    }

    public RTCDataChannelState readyState() {
        return readyState;
    }

    /** Bytes queued by {@link #send} and not yet sent. */
    public long bufferedAmount() {
        return inTransit.get() + queuedInSctp;
    }

    public long bufferedAmountLowThreshold() {
        return bufferedAmountLowThreshold;
    }

    /** {@link #onBufferedAmountLow} runs when {@link #bufferedAmount()} falls to this many bytes. */
    public void setBufferedAmountLowThreshold(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes: " + bytes + " (expected: >= 0)");
        }
        bufferedAmountLowThreshold = bytes;
        core.post(() -> core.updateThreshold(this));
    }

    /** Sends a text message (UTF-8, SCTP PPID 51). */
    public void send(String text) {
        requireNonNull(text, "text");
        enqueue(false, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a binary message (SCTP PPID 53); the array is copied. */
    public void send(byte[] data) {
        requireNonNull(data, "data");
        enqueue(true, data.clone());
    }

    /** Sends the remaining bytes of {@code data} as a binary message; the buffer is not changed. */
    public void send(ByteBuffer data) {
        requireNonNull(data, "data");
        final byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        enqueue(true, bytes);
    }

    private void enqueue(boolean binary, byte[] bytes) {
        if (readyState != RTCDataChannelState.OPEN) {
            throw new InvalidStateError("channel '" + label + "' is "
                                            + readyState.w3cName() + ", not open");
        }
        final long limit = core.remoteMaxMessageSize();
        if (limit > 0 && bytes.length > limit) {
            throw new TypeError("message of " + bytes.length
                                               + " bytes is larger than the peer's max-message-size " + limit);
        }
        inTransit.addAndGet(bytes.length);
        if (!core.post(() -> {
            inTransit.addAndGet(-bytes.length);
            core.send(this, binary, bytes);
        })) {
            inTransit.addAndGet(-bytes.length);
        }
    }

    /** Starts closing: the stream is reset once queued messages are sent (RFC 8831 §6.7). */
    public void close() {
        core.post(() -> core.closeChannel(this));
    }

    public void onOpen(@Nullable Runnable callback) {
        onOpen = callback;
    }

    public void onMessage(@Nullable Consumer<RTCDataChannelMessage> callback) {
        onMessage = callback;
    }

    public void onBufferedAmountLow(@Nullable Runnable callback) {
        onBufferedAmountLow = callback;
    }

    public void onClosing(@Nullable Runnable callback) {
        onClosing = callback;
    }

    public void onClose(@Nullable Runnable callback) {
        onClose = callback;
    }

    /** Errors the channel ran into, such as a message the SCTP queue refused. */
    public void onError(@Nullable Consumer<String> callback) {
        onError = callback;
    }

    // ---- Loop side ----------------------------------------------------------------------------

    RTCDataChannelInit init() {
        return init;
    }

    void assigned(DataChannel sctpChannel) {
        channel = sctpChannel;
        id = sctpChannel.id();
    }

    void setReadyState(RTCDataChannelState state) {
        readyState = state;
    }

    void setQueuedInSctp(long bytes) {
        queuedInSctp = bytes;
    }

    @Override
    public String toString() {
        return "RTCDataChannel('" + label + "', id " + id + ", " + readyState.w3cName() + ')';
    }
}
