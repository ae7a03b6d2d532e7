package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.rtp.RtpPacket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * W3C {@code RTCRtpReceiver} (§5.3): receives one remote track on its transceiver's m-line. Besides
 * the W3C API it gives the track's RTP packets as they arrive, decrypted and routed (what an SFU
 * forwards without decoding).
 */
public final class RTCRtpReceiver {
    private final RTCRtpTransceiver transceiver;
    private final MediaStreamTrack track;
    private final List<Consumer<RtpPacket>> rtpListeners = new CopyOnWriteArrayList<>();
    private volatile @Nullable NegotiatedMedia negotiated;
    RTCRtpReceiver(RTCRtpTransceiver transceiver, MediaStreamTrack track) {
        this.transceiver = transceiver;
        this.track = track;
    }

    /** The remote track; it exists from the start and delivers once media arrives. */
    public MediaStreamTrack track() {
        return track;
    }

    /**
     * Adds a listener for the track's RTP packets. It runs on the connection's loop, in arrival
     * order (no jitter buffer), for every packet that passed SRTP and routing; the packet's payload
     * is valid during the call only (copy what you keep). Several listeners may be added.
     */
    public void addRtpListener(Consumer<RtpPacket> listener) {
        rtpListeners.add(requireNonNull(listener, "listener"));
    }

    public void removeRtpListener(Consumer<RtpPacket> listener) {
        rtpListeners.remove(listener);
    }

    /** The negotiated payload type of this receiver's m-line, or -1 before negotiation. */
    public int payloadType() {
        final NegotiatedMedia media = negotiated;
        return media == null ? -1 : media.payloadType();
    }

    RTCRtpTransceiver transceiver() {
        return transceiver;
    }

    void bind(@Nullable NegotiatedMedia media) {
        negotiated = media;
    }

    /** On the loop: a packet of this receiver's m-line arrived at {@code nowNanos}. */
    void deliver(RtpPacket packet, long nowNanos) {
        for (Consumer<RtpPacket> listener : rtpListeners) {
            Callbacks.fire(listener, packet, "rtp");
        }
        track.deliverRtp(packet, nowNanos, this);
    }

    /** On the loop: a video packet of this receiver's m-line (a repair unwrapped) in {@code format}. */
    void deliverVideo(RtpPacket packet, VideoFormat format, long nowNanos) {
        for (Consumer<RtpPacket> listener : rtpListeners) {
            Callbacks.fire(listener, packet, "rtp");
        }
        track.deliverVideo(packet, format, nowNanos, this);
    }

    private dev.remotemedia.rtc.media.SyncManager sync() {
        return transceiver.core().sync();
    }

    /** On the loop: a sender report of the remote stream {@code ssrc}. */
    void onSenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp) {
        sync().register(ssrc, track.kind() == MediaKind.AUDIO ? 48_000 : 90_000, track.kind() == MediaKind.AUDIO);
        sync().onSenderReport(ssrc, ntpTimestamp, rtpTimestamp);
    }

    /** From the codec executor: the packet of stream {@code ssrc} with {@code rtpTimestamp} started playing out at {@code nowNanos}. */
    void onPlayout(long ssrc, long rtpTimestamp, long nowNanos) {
        sync().register(ssrc, 48_000, true);
        sync().onPlayout(ssrc, rtpTimestamp, nowNanos);
    }

    /**
     * W3C {@code estimatedPlayoutTimestamp} (RTCInboundRtpStreamStats) of stream {@code ssrc}: the
     * sender's wall-clock time, in Unix milliseconds, of the audio playing out at {@code nowNanos}
     * — what lip sync compares between a sender's audio and video. -1 before a sender report and
     * a played packet.
     */
    double estimatedPlayoutTimestampMillis(long ssrc, long nowNanos) {
        final long capture = sync().playoutCaptureTimeNanos(ssrc, nowNanos);
        return capture < 0 ? -1 : capture / 1e6;
    }

    /**
     * The wall-clock time (Unix nanos) the sender's clock gave RTP timestamp {@code rtpTimestamp}
     * of stream {@code ssrc}, from its last sender report (RFC 3550 §6.4.1), or -1 before one arrived.
     */
    long wallClockNanosOf(long ssrc, long rtpTimestamp) {
        return sync().captureTimeNanos(ssrc, rtpTimestamp);
    }
}
