package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.rtp.RtpPacket;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * W3C {@code MediaStreamTrack}: one stream of audio or video. A local track is made from an
 * {@link AudioTrackSource} or a {@link VideoTrackSource} and sent by the {@link RTCRtpSender}s it is
 * added to; a remote track belongs to an {@link RTCRtpReceiver} and gives decoded frames to its
 * {@link AudioSink}s or {@link VideoSink}s.
 */
public final class MediaStreamTrack {
    private final MediaKind kind;
    private final String id;
    private final @Nullable AudioTrackSource source;
    private final @Nullable VideoTrackSource videoSource;
    private final List<AudioSink> sinks = new CopyOnWriteArrayList<>();
    private final List<VideoSink> videoSinks = new CopyOnWriteArrayList<>();
    /** The senders a local track is attached to. */
    private final List<RTCRtpSender> senders = new CopyOnWriteArrayList<>();
    private volatile boolean enabled = true;
    private volatile boolean ended;
    /** A remote track's decoding, made when the first sink is added. */
    private volatile @Nullable AudioReceivePipeline decoding;
    /** A remote video track's receiving, made with its first packet once a sink listens. */
    private volatile @Nullable VideoReceivePipeline videoDecoding;

    private MediaStreamTrack(MediaKind kind, String id, @Nullable AudioTrackSource source,
                             @Nullable VideoTrackSource videoSource) {
        this.kind = requireNonNull(kind, "kind");
        this.id = requireNonNull(id, "id");
        this.source = source;
        this.videoSource = videoSource;
    }

    /** A local audio track fed by {@code source}; add it to a connection with {@code addTrack}. */
    public static MediaStreamTrack audio(String id, AudioTrackSource source) {
        return new MediaStreamTrack(MediaKind.AUDIO, id, requireNonNull(source, "source"), null);
    }

    /** A local video track fed by {@code source}; add it to a connection with {@code addTrack}. */
    public static MediaStreamTrack video(String id, VideoTrackSource source) {
        return new MediaStreamTrack(MediaKind.VIDEO, id, null, requireNonNull(source, "source"));
    }

    /** A local video track with a random id. */
    public static MediaStreamTrack video(VideoTrackSource source) {
        return video(UUID.randomUUID().toString(), source);
    }

    /** A local audio track with a random id. */
    public static MediaStreamTrack audio(AudioTrackSource source) {
        return audio(UUID.randomUUID().toString(), source);
    }

    static MediaStreamTrack remote(MediaKind kind) {
        return new MediaStreamTrack(kind, UUID.randomUUID().toString(), null, null);
    }

    public MediaKind kind() {
        return kind;
    }

    public String id() {
        return id;
    }

    /** Whether this track came from the remote peer (a receiver's track). */
    public boolean isRemote() {
        return source == null && videoSource == null;
    }

    /** The source of a local audio track, or {@code null} for a remote or video one. */
    public @Nullable AudioTrackSource source() {
        return source;
    }

    /** The source of a local video track, or {@code null} for a remote or audio one. */
    public @Nullable VideoTrackSource videoSource() {
        return videoSource;
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
        if (kind != MediaKind.AUDIO) {
            throw new InvalidStateError("an audio sink on a " + kind.w3cName() + " track");
        }
        sinks.add(sink);
    }

    public void removeSink(AudioSink sink) {
        sinks.remove(sink);
    }

    /**
     * Adds a sink for a remote video track's decoded pictures (see {@link VideoSink} for its thread).
     *
     * @throws IllegalStateException for a local track or an audio one
     */
    public void addVideoSink(VideoSink sink) {
        requireNonNull(sink, "sink");
        if (!isRemote()) {
            throw new InvalidStateError("sinks receive remote tracks; this track is local");
        }
        if (kind != MediaKind.VIDEO) {
            throw new InvalidStateError("a video sink on a " + kind.w3cName() + " track");
        }
        videoSinks.add(sink);
    }

    public void removeVideoSink(VideoSink sink) {
        videoSinks.remove(sink);
    }

    // ---- The stack's side ---------------------------------------------------------------------------

    void attach(RTCRtpSender sender) {
        if (ended) {
            return;
        }
        if (source != null) {
            senders.add(sender);
            source.attach(sender, this);
        } else if (videoSource != null) {
            senders.add(sender);
            videoSource.attach(sender, this);
        }
    }

    void detach(RTCRtpSender sender) {
        senders.remove(sender);
        if (source != null) {
            source.detach(sender);
        }
        if (videoSource != null) {
            videoSource.detach(sender);
        }
    }

    /**
     * On the loop: a video packet of this remote track in {@code format} (an RTX repair unwrapped);
     * assembled and decoded off the loop when someone listens.
     */
    void deliverVideo(RtpPacket packet, VideoFormat format, long nowNanos, RTCRtpReceiver receiver) {
        if (videoSinks.isEmpty() || ended || !enabled) {
            return;
        }
        VideoReceivePipeline pipeline = videoDecoding;
        if (pipeline == null) {
            pipeline = new VideoReceivePipeline(receiver, videoSinks);
            videoDecoding = pipeline;
        }
        pipeline.onPacket(packet, format, nowNanos);
    }

    @Nullable VideoReceivePipeline videoDecoding() {
        return videoDecoding;
    }

    /** On the loop: a packet of this remote track; decoded off the loop when someone listens. */
    void deliverRtp(RtpPacket packet, long nowNanos, RTCRtpReceiver receiver) {
        if (sinks.isEmpty() || ended || !enabled || kind != MediaKind.AUDIO) {
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
        final VideoReceivePipeline video = videoDecoding;
        if (video != null) {
            video.close();
        }
    }

    @Override
    public String toString() {
        return "MediaStreamTrack(" + kind.w3cName() + ", " + id + (isRemote() ? ", remote)" : ")");
    }
}
