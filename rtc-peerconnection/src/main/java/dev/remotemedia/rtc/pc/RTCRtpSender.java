package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.rtp.RtpPacket;

/**
 * W3C {@code RTCRtpSender} (§5.2): sends one local track, or nothing, on its transceiver's m-line.
 * Besides the W3C API it sends RTP packets the application made itself ({@link #writeRtp}), as an
 * SFU forwards without decoding.
 */
public final class RTCRtpSender {
    private final ConnectionCore core;
    private final RTCRtpTransceiver transceiver;
    private final long ssrc;
    /** The SSRC of this sender's retransmissions (RFC 4588; video only, paired by {@code a=ssrc-group:FID}). */
    private final long rtxSsrc = java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1L << 32);
    private volatile @Nullable MediaStreamTrack track;
    private volatile @Nullable NegotiatedMedia negotiated;
    /** The encoding's settings (W3C setParameters), read by the loop and the codec thread. */
    private volatile RTCRtpEncodingParameters encoding = new RTCRtpEncodingParameters(true, null);
    private @Nullable String transactionId; // guarded by this
    /** The next RTP sequence number and timestamp of decoded audio this sender sends (RFC 3550: random starts). */
    private int nextSequenceNumber = java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 16);
    private long nextTimestamp = java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 32);

    RTCRtpSender(ConnectionCore core, RTCRtpTransceiver transceiver, @Nullable MediaStreamTrack track, long ssrc) {
        this.core = core;
        this.transceiver = transceiver;
        this.ssrc = ssrc;
        setTrack(track);
    }

    /** The track being sent, or {@code null}. */
    public @Nullable MediaStreamTrack track() {
        return track;
    }

    /** The SSRC this sender's packets carry ({@code a=ssrc} in our descriptions). */
    public long ssrc() {
        return ssrc;
    }

    /** A video track's encoding for this sender, while one is attached. */
    volatile @Nullable VideoSendPipeline videoPipeline;
    /** A receiver asked for a keyframe (PLI or FIR); the encoder takes it with its next picture. */
    private final java.util.concurrent.atomic.AtomicBoolean keyframeWanted = new java.util.concurrent.atomic.AtomicBoolean();
    /** Sent video packets, for retransmission (loop only; made on the first video packet). */
    private dev.remotemedia.rtc.media.repair.@Nullable RtpSendHistory history;
    /** The next sequence number of this sender's RTX stream (loop only). */
    private int nextRtxSequenceNumber = java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 16);
    /** Microseconds of capture time of the first video picture, and its RTP timestamp (for the 90 kHz clock). */
    private long firstCaptureMicros = Long.MIN_VALUE;

    /** The SSRC of this sender's RTX stream (video). */
    long rtxSsrc() {
        return rtxSsrc;
    }

    /** The negotiated payload type of this sender's m-line, or -1 before negotiation. */
    public int payloadType() {
        final NegotiatedMedia media = negotiated;
        return media == null ? -1 : media.payloadType();
    }

    /**
     * W3C {@code getParameters()}: the one encoding (active, maxBitrate) and the negotiated codec,
     * with a new {@code transactionId} for {@link #setParameters}.
     */
    public synchronized RTCRtpSendParameters getParameters() {
        transactionId = java.util.UUID.randomUUID().toString();
        final NegotiatedMedia media = negotiated;
        final java.util.List<RTCRtpCodecParameters> codecs = media == null ? java.util.List.of()
                : java.util.List.of(new RTCRtpCodecParameters(media.payloadType(), "audio/opus", 48_000, 2, Jsep.OPUS_FMTP));
        return new RTCRtpSendParameters(transactionId, java.util.List.of(encoding), codecs);
    }

    /**
     * W3C {@code setParameters()}: applies the encoding's {@code active} (an inactive sender sends
     * nothing, without renegotiation) and {@code maxBitrate} (the Opus encoder's bitrate becomes the
     * lower of it and the source's, from its next frame; at least 6 kb/s).
     *
     * @throws InvalidModificationError if the parameters do not come from the last {@link
     *         #getParameters()} or change the number of encodings
     */
    public synchronized void setParameters(RTCRtpSendParameters parameters) {
        requireNonNull(parameters, "parameters");
        if (transactionId == null || !transactionId.equals(parameters.transactionId())) {
            throw new InvalidModificationError("transactionId: " + parameters.transactionId()
                                               + " (expected: the one of the last getParameters())");
        }
        if (parameters.encodings().size() != 1) {
            throw new InvalidModificationError("encodings: " + parameters.encodings().size()
                                               + " (expected: 1, an audio sender's one encoding)");
        }
        encoding = parameters.encodings().get(0);
        transactionId = null;
    }

    /** The encoding in force (for the send path and the encoder). */
    RTCRtpEncodingParameters encoding() {
        return encoding;
    }

    /**
     * Sends {@code track} instead of the current one, without renegotiation (W3C §5.2).
     *
     * @throws IllegalArgumentException if its kind differs from the transceiver's
     */
    public void replaceTrack(@Nullable MediaStreamTrack track) {
        if (track != null && track.kind() != transceiver.kind()) {
            throw new TypeError("track: " + track.kind().w3cName() + " (expected: "
                                               + transceiver.kind().w3cName() + ')');
        }
        final Runnable replace = () -> {
            if (transceiver.isStopped() || core.isClosed()) {
                return; // a stopped or closed sender sends nothing (W3C §5.2: replaceTrack rejects)
            }
            setTrack(track);
        };
        if (transceiver.isStopped() || core.isClosed()) {
            throw new InvalidStateError("the transceiver is stopped or its connection closed");
        }
        if (core.inLoop()) {
            replace.run();
        } else {
            core.post(replace);
        }
    }

    /**
     * The sequence number (high 32 bits) and timestamp (low 32 bits) of the next decoded-audio
     * packet of {@code samples} samples, reserved. Called by the track's codec thread.
     */
    synchronized long nextNumbers(int samples) {
        final long numbers = ((long) nextSequenceNumber << 32) | nextTimestamp;
        nextSequenceNumber = (nextSequenceNumber + 1) & 0xFFFF;
        nextTimestamp = (nextTimestamp + samples) & 0xFFFF_FFFFL;
        return numbers;
    }

    /** The first of {@code count} consecutive sequence numbers, reserved (video: one per packet of a picture). */
    synchronized int reserveSequenceNumbers(int count) {
        final int first = nextSequenceNumber;
        nextSequenceNumber = (nextSequenceNumber + count) & 0xFFFF;
        return first;
    }

    /** The 90 kHz RTP timestamp of a picture captured at {@code captureMicros} (RFC 3550: from a random start). */
    synchronized long videoTimestamp(long captureMicros) {
        if (firstCaptureMicros == Long.MIN_VALUE) {
            firstCaptureMicros = captureMicros;
        }
        return (nextTimestamp + (captureMicros - firstCaptureMicros) * 9 / 100) & 0xFFFF_FFFFL;
    }

    /** From the loop: the receiver asked for a keyframe. */
    void requestKeyframe() {
        keyframeWanted.set(true);
    }

    /** Whether the next picture must be a keyframe (and the request is taken). */
    boolean takeKeyframeRequest() {
        return keyframeWanted.getAndSet(false);
    }

    /** On the loop: sends a video packet and keeps it for retransmission. */
    void sendVideoOnLoop(RtpPacket packet) {
        if (sendOnLoop(packet)) {
            if (history == null) {
                history = new dev.remotemedia.rtc.media.repair.RtpSendHistory(RETRANSMIT_PACKETS, RETRANSMIT_NANOS);
            }
            history.put(packet, core.nowNanos());
        }
    }

    /**
     * On the loop: a NACK asked for {@code sequenceNumber}. Resends it as RTX (RFC 4588) when the
     * m-line negotiated RTX, else as it was; nothing if it is no longer kept or was resent within
     * {@code rttNanos}. Returns whether it went out.
     */
    boolean retransmit(int sequenceNumber, long rttNanos) {
        final NegotiatedMedia media = negotiated;
        final MediaPart part = core.media();
        if (history == null || media == null || media.video() == null || part == null) {
            return false;
        }
        final RtpPacket original = history.resend(sequenceNumber, core.nowNanos(), rttNanos);
        if (original == null) {
            return false;
        }
        if (media.video().rtxPayloadType() < 0) {
            return part.send(media, original);
        }
        final RtpPacket rtx = dev.remotemedia.rtc.media.repair.Rtx.wrap(original, rtxSsrc, media.video().rtxPayloadType(),
                                                                       nextRtxSequenceNumber);
        nextRtxSequenceNumber = (nextRtxSequenceNumber + 1) & 0xFFFF;
        return part.sendRaw(media, rtx);
    }

    /** Retransmissions: a second of 30 frames/s at up to 30 packets a frame. */
    private static final int RETRANSMIT_PACKETS = 1_024;
    private static final long RETRANSMIT_NANOS = 1_000_000_000L;

    @Nullable dev.remotemedia.rtc.media.repair.RtpSendHistory history() {
        return history;
    }

    /**
     * Sends an RTP packet the caller made (encoded media: an SFU's forwarded packet, a file's), on
     * the connection's loop. The connection sets this sender's SSRC, the negotiated payload type and
     * the mid header extension; sequence number, timestamp, marker and payload are the caller's.
     * Packets written before the connection is up, or while the m-line does not send, are dropped.
     * Called on the connection's loop (from one of its RTP listeners), it sends at once.
     * Do not write packets to a sender whose track also sends decoded audio: their numbering would
     * clash.
     */
    public void writeRtp(RtpPacket packet) {
        requireNonNull(packet, "packet");
        if (core.inLoop()) {
            sendOnLoop(packet); // from an RTP listener (an echo, an SFU on one loop): no extra hop
        } else {
            core.post(() -> sendOnLoop(packet));
        }
    }

    /** On the loop: sends {@code packet}, returning whether it went out. */
    boolean sendOnLoop(RtpPacket packet) {
        final NegotiatedMedia media = negotiated;
        final MediaPart part = core.media();
        return media != null && part != null && encoding.active() && part.send(media, packet);
    }

    void setTrack(@Nullable MediaStreamTrack track) {
        final MediaStreamTrack previous = this.track;
        if (previous != null && previous != track) {
            previous.detach(this);
        }
        this.track = track;
        if (track != null) {
            track.attach(this);
        }
    }

    RTCRtpTransceiver transceiver() {
        return transceiver;
    }

    ConnectionCore core() {
        return core;
    }

    void bind(@Nullable NegotiatedMedia media) {
        negotiated = media;
    }

    @Nullable NegotiatedMedia negotiated() {
        return negotiated;
    }
}
