package dev.remotemedia.transport.mesh;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.codec.video.VideoFrame;
import dev.remotemedia.rtc.pc.AudioTrackSource;
import dev.remotemedia.rtc.pc.MediaKind;
import dev.remotemedia.rtc.pc.MediaStreamTrack;
import dev.remotemedia.rtc.pc.RTCDataChannel;
import dev.remotemedia.rtc.pc.RTCIceCandidate;
import dev.remotemedia.rtc.pc.RTCPeerConnection;
import dev.remotemedia.rtc.pc.RTCPeerConnectionState;
import dev.remotemedia.rtc.pc.RTCRtpTransceiver;
import dev.remotemedia.rtc.pc.VideoTrackSource;
import dev.remotemedia.transport.media.AudioEncoderConfig;
import dev.remotemedia.transport.media.VideoEncoderConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One connection of a {@link PeerManager}'s mesh: the {@link RTCPeerConnection} to one remote
 * peer and its mesh data channel ({@value PeerManager#CHANNEL_LABEL}, negotiated with id
 * {@value PeerManager#CHANNEL_ID}, reliable and ordered, so both sides have it without waiting
 * for DCEP). The application may open more channels on {@link #connection()}.
 *
 * <p><b>Audio.</b> In a mesh built with {@code audio(true)} every connection negotiates one
 * sendrecv Opus m-line up front, so {@link #addAudioTrack} starts sending on it at once, with no
 * renegotiation; {@link #sendAudio(short[])} then feeds the track. The track belongs to this
 * connection: a new connection to the same peer (it restarted, or a failed attempt was retried)
 * starts without one, so add tracks in {@code onPeerOpen}.
 */
public final class MeshPeer {

    /** Remote candidates held at most per peer before its description is applied. */
    static final int MAX_HELD_CANDIDATES = 64;

    private final String peerId;
    private final boolean offerer;
    private final RTCPeerConnection connection;
    private final RTCDataChannel channel;
    private final int attempt;
    /** This attempt's channel opened; fails when this attempt's connection closes. */
    final CompletableFuture<MeshPeer> opened = new CompletableFuture<>();
    /** What {@link #whenOpen()} reports: shared by the attempts of one {@code connectPeer}. */
    final CompletableFuture<MeshPeer> outcome;

    // Guarded by this.
    private final List<RTCIceCandidate> heldCandidates = new ArrayList<>();
    private boolean remoteDescriptionSet;
    private volatile boolean closed;
    private volatile @Nullable LocalAudio audio;
    private volatile @Nullable LocalVideo video;

    /** The track {@link #addAudioTrack} made, its source and settings. */
    private record LocalAudio(AudioEncoderConfig config, AudioTrackSource source, MediaStreamTrack track) {}

    /** The track {@link #addVideoTrack} made, its source and settings. */
    private record LocalVideo(VideoEncoderConfig config, VideoTrackSource source, MediaStreamTrack track) {}

    MeshPeer(String peerId, boolean offerer, RTCPeerConnection connection, RTCDataChannel channel, int attempt,
             CompletableFuture<MeshPeer> outcome) {
        this.peerId = peerId;
        this.offerer = offerer;
        this.connection = connection;
        this.channel = channel;
        this.attempt = attempt;
        this.outcome = outcome;
    }

    /** Which attempt at this connection this is, from 1 (see {@code PeerManager.Builder#maxConnectionAttempts}). */
    public int attempt() {
        return attempt;
    }

    /** The remote peer's signaling id. */
    public String peerId() {
        return peerId;
    }

    /** Whether this side sent the offer. */
    public boolean isOfferer() {
        return offerer;
    }

    public RTCPeerConnection connection() {
        return connection;
    }

    /** The mesh data channel. */
    public RTCDataChannel channel() {
        return channel;
    }

    /** The connection's W3C state; {@code CLOSED} once the peer left or was disconnected. */
    public RTCPeerConnectionState state() {
        return closed ? RTCPeerConnectionState.CLOSED : connection.connectionState();
    }

    /** Sends text on the mesh channel (see {@link RTCDataChannel#send(String)}). */
    public void send(String text) {
        channel.send(text);
    }

    /** Sends bytes on the mesh channel (see {@link RTCDataChannel#send(byte[])}). */
    public void send(byte[] data) {
        channel.send(data);
    }

    /**
     * Completes when the mesh channel is open (with the connection of the attempt that succeeded);
     * fails if the connection fails or closes first and no attempt is left.
     */
    public CompletableFuture<MeshPeer> whenOpen() {
        return outcome.copy();
    }

    /**
     * Starts sending audio to this peer: a track encoded as {@code config} says, on the connection's
     * audio m-line. Feed it with {@link #sendAudio(short[])}.
     *
     * @throws IllegalStateException if the connection is closed, has a track already, is not
     *     negotiated yet, or was negotiated without an audio m-line this side may send on (build the
     *     mesh with {@code audio(true)})
     */
    public void addAudioTrack(AudioEncoderConfig config) {
        requireNonNull(config, "config");
        final MediaStreamTrack track;
        synchronized (this) {
            checkOpen();
            if (audio != null) {
                throw new IllegalStateException("peer " + peerId + " has an audio track already (one per connection)");
            }
            final RTCRtpTransceiver transceiver = sendingAudioTransceiver();
            final AudioTrackSource source = AudioTrackSource.create(config.toOpusConfig());
            track = MediaStreamTrack.audio(source);
            transceiver.sender().replaceTrack(track); // negotiated up front: no renegotiation
            audio = new LocalAudio(config, source, track);
        }
    }

    /** The encoder settings of this connection's audio track, if {@link #addAudioTrack} was called. */
    public Optional<AudioEncoderConfig> audioConfig() {
        final LocalAudio a = audio;
        return a == null ? Optional.empty() : Optional.of(a.config());
    }

    /**
     * Sends 16-bit PCM on this peer's audio track: interleaved when stereo, at the track's
     * {@link AudioEncoderConfig#sampleRate()}, any number of whole frames (960 per channel is 20 ms
     * at 48 kHz). Send in real time (the track paces nothing) and from one thread per peer. The
     * samples are copied.
     *
     * @throws IllegalStateException if the connection is closed or has no audio track
     * @throws IllegalArgumentException if {@code samples} is empty or not a whole number of frames
     */
    public void sendAudio(short[] samples) {
        requireNonNull(samples, "samples");
        final LocalAudio a = localAudio(samples.length);
        a.source().pushPcm(samples, a.config().sampleRate(), a.config().channels());
    }

    /**
     * Sends float samples in [-1, 1] (the seed's {@code Vec<f32>}), as {@link #sendAudio(short[])}
     * does; values outside are clipped, NaN is silence.
     */
    public void sendAudio(float[] samples) {
        requireNonNull(samples, "samples");
        final LocalAudio a = localAudio(samples.length);
        a.source().pushPcm(toPcm16(samples), a.config().sampleRate(), a.config().channels());
    }

    /** Float samples in [-1, 1] as 16-bit PCM: clipped, NaN as 0. */
    static short[] toPcm16(float[] samples) {
        final short[] pcm = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            pcm[i] = (short) Math.round(Math.max(-1f, Math.min(1f, samples[i])) * Short.MAX_VALUE);
        }
        return pcm;
    }

    /** The local audio, once the sample count has been checked against it. */
    private LocalAudio localAudio(int samples) {
        checkOpen();
        final LocalAudio a = audio;
        if (a == null) {
            throw new IllegalStateException("peer " + peerId + " has no audio track: call addAudioTrack first");
        }
        checkSampleCount(samples, a.config());
        return a;
    }

    private static void checkSampleCount(int samples, AudioEncoderConfig config) {
        final int channels = config.channels();
        if (samples == 0 || samples % channels != 0) {
            throw new IllegalArgumentException("samples: " + samples + " (expected: a positive multiple of "
                                               + channels + (channels == 1 ? " channel)" : " channels, interleaved)"));
        }
    }

    /** Whether this peer would take {@code samples} samples now (open, with a track); throws if the count is wrong for it. */
    boolean acceptsAudio(int samples) {
        final LocalAudio a = audio;
        if (closed || a == null) {
            return false;
        }
        checkSampleCount(samples, a.config());
        return true;
    }

    /** Sends what {@link #acceptsAudio} accepted; false if the peer closed or lost its track meanwhile. */
    boolean offerAudio(short[] pcm) {
        final LocalAudio a = audio;
        if (closed || a == null) {
            return false;
        }
        a.source().pushPcm(pcm, a.config().sampleRate(), a.config().channels());
        return true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("peer " + peerId + " is closed");
        }
    }

    /** The audio transceiver this side may send on, or a clear error why there is none. */
    private RTCRtpTransceiver sendingAudioTransceiver() {
        return sendingTransceiver(MediaKind.AUDIO);
    }

    /** The transceiver of {@code kind} this side may send on, or a clear error why there is none. */
    private RTCRtpTransceiver sendingTransceiver(MediaKind kind) {
        for (RTCRtpTransceiver transceiver : connection.getTransceivers()) {
            if (transceiver.kind() == kind && !transceiver.isStopped() && transceiver.mid() != null
                && transceiver.direction().sends()) {
                return transceiver;
            }
        }
        if (connection.remoteDescription() == null) {
            throw new IllegalStateException("peer " + peerId + " is not negotiated yet: add the track once "
                                            + "whenOpen() completes");
        }
        final String name = kind.w3cName();
        throw new IllegalStateException("peer " + peerId + ": the connection has no " + name + " m-line to send on "
                                        + "(build the PeerManager or WebRtcTransport with " + name + "(true))");
    }

    /**
     * Starts sending video to this peer: a track encoded as {@code config} says (pictures scaled to
     * its size), on the connection's video m-line. Feed it with {@link #sendVideo(VideoFrame)}.
     *
     * @throws IllegalStateException if the connection is closed, has a video track already, is not
     *     negotiated yet, or was negotiated without a video m-line this side may send on (build the
     *     mesh with {@code video(true)})
     */
    public void addVideoTrack(VideoEncoderConfig config) {
        requireNonNull(config, "config");
        synchronized (this) {
            checkOpen();
            if (video != null) {
                throw new IllegalStateException("peer " + peerId + " has a video track already (one per connection)");
            }
            final RTCRtpTransceiver transceiver = sendingTransceiver(MediaKind.VIDEO);
            final VideoTrackSource source = VideoTrackSource.create(config.width(), config.height(), config.bitrate(),
                                                                    config.framerate(), config.keyframeIntervalFrames());
            final MediaStreamTrack track = MediaStreamTrack.video(source);
            transceiver.sender().replaceTrack(track); // negotiated up front: no renegotiation
            video = new LocalVideo(config, source, track);
        }
    }

    /** The encoder settings of this connection's video track, if {@link #addVideoTrack} was called. */
    public Optional<VideoEncoderConfig> videoConfig() {
        final LocalVideo v = video;
        return v == null ? Optional.empty() : Optional.of(v.config());
    }

    /**
     * Sends a picture on this peer's video track, its {@link VideoFrame#timestampMicros()} the
     * capture time (increasing). The picture is shared, not copied: do not change it afterwards.
     * When the encoder is busy the picture is dropped (a live source has newer ones).
     *
     * @throws IllegalStateException if the connection is closed or has no video track
     */
    public void sendVideo(VideoFrame frame) {
        requireNonNull(frame, "frame");
        checkOpen();
        final LocalVideo v = video;
        if (v == null) {
            throw new IllegalStateException("peer " + peerId + " has no video track: call addVideoTrack first");
        }
        v.source().pushFrame(frame);
    }

    /** Sends a picture if this peer is open and has a video track; false otherwise. */
    boolean offerVideo(VideoFrame frame) {
        final LocalVideo v = video;
        if (closed || v == null) {
            return false;
        }
        v.source().pushFrame(frame);
        return true;
    }

    /** Applies a remote candidate now, or holds it until the remote description is set. */
    void addRemoteCandidate(RTCIceCandidate candidate) {
        synchronized (this) {
            if (!remoteDescriptionSet) {
                if (heldCandidates.size() < MAX_HELD_CANDIDATES) {
                    heldCandidates.add(candidate);
                }
                return;
            }
        }
        connection.addIceCandidate(candidate);
    }

    /** The remote description is applied: releases the held candidates in order. */
    void remoteDescriptionSet() {
        List<RTCIceCandidate> held;
        synchronized (this) {
            remoteDescriptionSet = true;
            held = List.copyOf(heldCandidates);
            heldCandidates.clear();
        }
        held.forEach(connection::addIceCandidate);
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Closes the connection; returns false if it was closed already. With {@code retrying}, the
     * outcome stays open for the next attempt.
     */
    boolean close(@Nullable Throwable cause, boolean retrying) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
        }
        final LocalAudio a = audio;
        if (a != null) {
            a.track().stop(); // frees its encoder now, whatever the connection's close does
        }
        final LocalVideo v = video;
        if (v != null) {
            v.track().stop();
        }
        connection.close();
        Throwable error = cause != null ? cause : new IllegalStateException("peer " + peerId + " closed");
        opened.completeExceptionally(error);
        if (!retrying) {
            outcome.completeExceptionally(error);
        }
        return true;
    }

    @Override
    public String toString() {
        return "MeshPeer{" + peerId + ", " + state() + (offerer ? ", offerer}" : ", answerer}");
    }
}
