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
