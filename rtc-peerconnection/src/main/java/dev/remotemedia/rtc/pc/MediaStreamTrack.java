package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.rtp.RtpPacket;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * W3C {@code MediaStreamTrack}: one stream of audio. A local track is made from an
 * {@link AudioTrackSource} and sent by the {@link RTCRtpSender}s it is added to; a remote track
 * belongs to an {@link RTCRtpReceiver} and gives decoded frames to its {@link AudioSink}s.
 */
public final class MediaStreamTrack {
    private final MediaKind kind;
    private final String id;
    private final @Nullable AudioTrackSource source;
    private final List<AudioSink> sinks = new CopyOnWriteArrayList<>();
    /** The senders a local track is attached to. */
    private final List<RTCRtpSender> senders = new CopyOnWriteArrayList<>();
    private volatile boolean enabled = true;
    private volatile boolean ended;
    /** A remote track's decoding, made when the first sink is added. */
    private volatile @Nullable AudioReceivePipeline decoding;

    private MediaStreamTrack(MediaKind kind, String id, @Nullable AudioTrackSource source) {
        this.kind = requireNonNull(kind, "kind");
        this.id = requireNonNull(id, "id");
        this.source = source;
    }

    /** A local audio track fed by {@code source}; add it to a connection with {@code addTrack}. */
    public static MediaStreamTrack audio(String id, AudioTrackSource source) {
        return new MediaStreamTrack(MediaKind.AUDIO, id, requireNonNull(source, "source"));
    }

    /** A local audio track with a random id. */
    public static MediaStreamTrack audio(AudioTrackSource source) {
        return audio(UUID.randomUUID().toString(), source);
    }

    static MediaStreamTrack remote(MediaKind kind) {
        return new MediaStreamTrack(kind, UUID.randomUUID().toString(), null);
    }

    public MediaKind kind() {
        return kind;
    }

    public String id() {
        return id;
    }

    /** Whether this track came from the remote peer (a receiver's track). */
    public boolean isRemote() {
        return source == null;
    }

    /** The source of a local track, or {@code null} for a remote one. */
    public @Nullable AudioTrackSource source() {
        return source;
    }

    /** W3C {@code enabled}: a disabled local track sends silence; a disabled remote one delivers none. */
    public boolean enabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** W3C {@code readyState}: {@code "live"} until {@link #stop()} or the remote side says BYE. */
    public String readyState() {
        return ended ? "ended" : "live";
    }

    /** Ends the track: a local one stops sending (its encoders are freed), a remote one stops delivering. */
    public void stop() {
        ended = true;
        for (RTCRtpSender sender : senders) {
            detach(sender);
        }
    }

    /**
     * Adds a sink for a remote track's decoded audio (see {@link AudioSink} for its thread).
     *
     * @throws IllegalStateException for a local track
     */
    public void addSink(AudioSink sink) {
        requireNonNull(sink, "sink");
        if (!isRemote()) {
            throw new InvalidStateError("sinks receive remote tracks; this track is local");
        }
        sinks.add(sink);
    }

    public void removeSink(AudioSink sink) {
        sinks.remove(sink);
    }

    // ---- The stack's side ---------------------------------------------------------------------------

    void attach(RTCRtpSender sender) {
        if (source != null && !ended) {
            senders.add(sender);
            source.attach(sender, this);
        }
    }

    void detach(RTCRtpSender sender) {
        senders.remove(sender);
        if (source != null) {
            source.detach(sender);
        }
    }

    /** On the loop: a packet of this remote track; decoded off the loop when someone listens. */
    void deliverRtp(RtpPacket packet, long nowNanos, RTCRtpReceiver receiver) {
        if (sinks.isEmpty() || ended || !enabled) {
            return;
        }
        AudioReceivePipeline pipeline = decoding;
        if (pipeline == null) {
            pipeline = new AudioReceivePipeline(receiver, sinks, receiver.transceiver().core().mediaServices());
            decoding = pipeline;
        }
        pipeline.onPacket(packet.ssrc(), packet.sequenceNumber(), packet.timestamp(), packet.payload().copyToArray(), nowNanos);
    }

    @Nullable AudioReceivePipeline decoding() {
        return decoding;
    }

    void endRemote() {
        ended = true;
    }

    /** Frees codec state when the connection closes. */
    void release() {
        final AudioReceivePipeline pipeline = decoding;
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Override
    public String toString() {
        return "MediaStreamTrack(" + kind.w3cName() + ", " + id + (isRemote() ? ", remote)" : ")");
    }
}
