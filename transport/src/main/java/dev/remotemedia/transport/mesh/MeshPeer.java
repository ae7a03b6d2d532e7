package dev.remotemedia.transport.mesh;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.pc.RTCDataChannel;
import dev.remotemedia.rtc.pc.RTCIceCandidate;
import dev.remotemedia.rtc.pc.RTCPeerConnection;
import dev.remotemedia.rtc.pc.RTCPeerConnectionState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One connection of a {@link PeerManager}'s mesh: the {@link RTCPeerConnection} to one remote
 * peer and its mesh data channel ({@value PeerManager#CHANNEL_LABEL}, negotiated with id
 * {@value PeerManager#CHANNEL_ID}, reliable and ordered, so both sides have it without waiting
 * for DCEP). The application may open more channels on {@link #connection()}.
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
