package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.List;

/**
 * W3C {@code RTCRtpTransceiver} (§5.4): a sender and a receiver sharing one m-line. Made by
 * {@link RTCPeerConnection#addTransceiver}, {@link RTCPeerConnection#addTrack} or a remote offer.
 * Getters may be called from any thread; changes take effect on the connection's loop and in the
 * next negotiation.
 */
public final class RTCRtpTransceiver {
    private final ConnectionCore core;
    private final MediaKind kind;
    private final RTCRtpSender sender;
    private final RTCRtpReceiver receiver;
    private volatile @Nullable String mid;
    private volatile RTCRtpTransceiverDirection direction;
    private volatile @Nullable RTCRtpTransceiverDirection currentDirection;
    private volatile List<String> streamIds;
    /** Whether a remote description already made the receiver's track fire {@code track}. */
    boolean trackAnnounced;
    /** W3C [[Sender]].[[SendEncodings]] used: addTrack may not reuse this transceiver. */
    boolean senderUsed;
    /** The direction our last completed negotiation was based on (for negotiationneeded). */
    @Nullable RTCRtpTransceiverDirection negotiatedDirection;
    /** Whether an offer/answer rejecting this stopped transceiver's m-line was applied. */
    boolean rejectionNegotiated;
    /** The remote {@code a=msid} stream ids of this m-line. */
    List<String> remoteStreamIds = List.of();

    RTCRtpTransceiver(ConnectionCore core, MediaKind kind, RTCRtpTransceiverDirection direction,
                      List<String> streamIds, @Nullable MediaStreamTrack track, long ssrc) {
        this.core = core;
        this.kind = requireNonNull(kind, "kind");
        this.direction = requireNonNull(direction, "direction");
        this.streamIds = List.copyOf(streamIds);
        sender = new RTCRtpSender(core, this, track, ssrc);
        receiver = new RTCRtpReceiver(this, MediaStreamTrack.remote(kind));
    }

    /** The m-line's mid once negotiation associated one, else {@code null}. */
    public @Nullable String mid() {
        return mid;
    }

    public MediaKind kind() {
        return kind;
    }

    public RTCRtpSender sender() {
        return sender;
    }

    public RTCRtpReceiver receiver() {
        return receiver;
    }

    /** What this side wants; negotiation decides {@link #currentDirection()}. */
    public RTCRtpTransceiverDirection direction() {
        return direction;
    }

    /**
     * Changes what this side wants; takes effect with the next offer/answer and fires
     * {@code negotiationneeded}.
     *
     * @throws IllegalArgumentException for {@code STOPPED} (use {@link #stop()})
     */
    public void setDirection(RTCRtpTransceiverDirection direction) {
        requireNonNull(direction, "direction");
        if (direction == RTCRtpTransceiverDirection.STOPPED) {
            throw new TypeError("direction: stopped (expected: call stop())");
        }
        if (this.direction == RTCRtpTransceiverDirection.STOPPED) {
            throw new InvalidStateError("the transceiver is stopped");
        }
        if (this.direction != direction) {
            this.direction = direction;
            core.post(core::negotiationNeeded);
        }
    }

    /** The direction negotiated last, or {@code null} before an answer was applied. */
    public @Nullable RTCRtpTransceiverDirection currentDirection() {
        return currentDirection;
    }

    /**
     * Stops sending and receiving for good, at once (the receiver's track ends); the m-line is
     * rejected in the next negotiation, which {@code negotiationneeded} asks for.
     */
    public void stop() {
        if (direction != RTCRtpTransceiverDirection.STOPPED) {
            direction = RTCRtpTransceiverDirection.STOPPED;
            core.post(() -> core.stopTransceiver(this));
        }
    }

    /** On the loop: marks the transceiver stopped without the negotiation {@link #stop()} asks for. */
    void markStopped() {
        direction = RTCRtpTransceiverDirection.STOPPED;
    }

    public boolean isStopped() {
        return direction == RTCRtpTransceiverDirection.STOPPED;
    }

    ConnectionCore core() {
        return core;
    }

    List<String> streamIds() {
        return streamIds;
    }

    void setStreamIds(List<String> streamIds) {
        this.streamIds = List.copyOf(streamIds);
    }

    void setMid(@Nullable String mid) {
        this.mid = mid;
    }

    void setCurrentDirection(@Nullable RTCRtpTransceiverDirection currentDirection) {
        this.currentDirection = currentDirection;
    }

    @Override
    public String toString() {
        return "RTCRtpTransceiver(" + kind.w3cName() + ", mid " + mid + ", " + direction.w3cName() + ')';
    }
}
