package dev.remotemedia.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotemedia.pipeline.data.DataBufferCodec;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.pc.AudioFrame;
import dev.remotemedia.rtc.pc.AudioTrackSource;
import dev.remotemedia.rtc.pc.MediaStreamTrack;
import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.pc.RTCDataChannel;
import dev.remotemedia.rtc.pc.RTCIceCandidate;
import dev.remotemedia.rtc.pc.RTCPeerConnection;
import dev.remotemedia.rtc.pc.RTCSdpType;
import dev.remotemedia.rtc.pc.RTCSessionDescription;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.client.SignalingClient;
import dev.remotemedia.signaling.client.SignalingEvent;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Java client of a ServerPeer, as a browser would be one: announces on signaling, offers to the
 * server's peer with a {@code remotemedia} and a {@code chat} channel, trickles candidates both
 * ways, and collects what comes back.
 */
final class JavaServerPeerClient implements AutoCloseable {
    static final long TIMEOUT_SECONDS = 20;

    final String peerId;
    final String serverPeerId;
    final SignalingClient signaling;
    final RTCPeerConnection pc;
    final @Nullable RTCDataChannel channel;
    final @Nullable RTCDataChannel chat;
    /** The client's microphone, when it sends audio. */
    final @Nullable AudioTrackSource microphone;
    /** The audio the server sent back, when the client sends audio. */
    final List<AudioFrame> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    final BlockingQueue<RuntimeData> received = new LinkedBlockingQueue<>();
    final BlockingQueue<String> chatReceived = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> open = new CompletableFuture<>();
    private final CompletableFuture<Void> chatOpen = new CompletableFuture<>();
    private final List<RTCIceCandidate> held = new ArrayList<>();
    private boolean answered;

    JavaServerPeerClient(URI signalingUri, String peerId, String serverPeerId, PeerConnectionFactory factory)
            throws Exception {
        this(signalingUri, peerId, serverPeerId, factory, true, false);
    }

    /**
     * @param channels whether to open the {@code remotemedia} and {@code chat} channels
     * @param audio whether to send and receive audio (a sendrecv Opus m-line)
     */
    JavaServerPeerClient(URI signalingUri, String peerId, String serverPeerId, PeerConnectionFactory factory,
                         boolean channels, boolean audio) throws Exception {
        this.peerId = peerId;
        this.serverPeerId = serverPeerId;
        pc = factory.createPeerConnection();
        if (channels) {
            channel = pc.createDataChannel("remotemedia");
            chat = pc.createDataChannel("chat");
            channel.onOpen(() -> open.complete(null));
            channel.onMessage(m -> received.add(DataBufferCodec.decode(m.data(), 1 << 20)));
            chat.onOpen(() -> chatOpen.complete(null));
            chat.onMessage(m -> chatReceived.add(m.text()));
        } else {
            channel = null;
            chat = null;
            open.complete(null);
            chatOpen.complete(null);
        }
        if (audio) {
            microphone = AudioTrackSource.create();
            pc.addTrack(MediaStreamTrack.audio(microphone), peerId);
            pc.onTrack(event -> {
                if (event.track().kind() == dev.remotemedia.rtc.pc.MediaKind.AUDIO) {
                    event.track().addSink(heard::add);
                }
            });
        } else {
            microphone = null;
        }
        signaling = SignalingClient.builder(signalingUri).peerId(peerId).listener(this::onEvent).build();
        signaling.connect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        pc.onIceCandidate(c -> signaling.sendIceCandidate(new IceCandidate(peerId, serverPeerId, c.candidate(),
                                                                           c.sdpMLineIndex(), c.sdpMid(),
                                                                           c.usernameFragment())));
    }

    private void onEvent(SignalingEvent event) {
        if (event instanceof SignalingEvent.IceCandidateReceived e && e.candidate().from().equals(serverPeerId)) {
            final IceCandidate c = e.candidate();
            final RTCIceCandidate candidate = new RTCIceCandidate(c.candidate(), c.sdpMid(), c.sdpMLineIndex(),
                                                                  c.userFragment());
            synchronized (this) {
                if (!answered) {
                    held.add(candidate);
                    return;
                }
            }
            pc.addIceCandidate(candidate);
        }
    }

    /**
     * Sends {@code camera}'s pictures on a video track and gives the server's video back to
     * {@code screen}. Call before {@link #connect}.
     */
    void addVideo(dev.remotemedia.rtc.pc.VideoTrackSource camera, dev.remotemedia.rtc.pc.VideoSink screen) {
        pc.addTrack(MediaStreamTrack.video(camera), peerId);
        pc.addTrackListener(event -> {
            if (event.track().kind() == dev.remotemedia.rtc.pc.MediaKind.VIDEO) {
                event.track().addVideoSink(screen);
            }
        });
    }

    /** Offers (asking for {@code pipeline}, or the default one) and waits until both channels are open. */
    void connect(@Nullable String pipeline) throws Exception {
        final RTCSessionDescription offer = pc.createOffer().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        pc.setLocalDescription(offer).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        final JsonNode result = signaling.request(
                "peer.offer", new Offer(peerId, serverPeerId, offer.sdp(), true, peerId + "-1", pipeline).toParams())
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, result.get("sdp").asText()))
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        final List<RTCIceCandidate> release;
        synchronized (this) {
            answered = true;
            release = List.copyOf(held);
            held.clear();
        }
        release.forEach(pc::addIceCandidate);
        open.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        chatOpen.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    void send(RuntimeData data) {
        java.util.Objects.requireNonNull(channel, "channel").send(DataBufferCodec.encode(data));
    }

    RuntimeData nextReply() throws InterruptedException {
        final RuntimeData data = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (data == null) {
            throw new AssertionError("no reply within " + TIMEOUT_SECONDS + " s");
        }
        return data;
    }

    String nextChat() throws InterruptedException {
        final String text = chatReceived.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (text == null) {
            throw new AssertionError("no chat reply within " + TIMEOUT_SECONDS + " s");
        }
        return text;
    }

    @Override
    public void close() {
        pc.close();
        signaling.close();
    }
}
