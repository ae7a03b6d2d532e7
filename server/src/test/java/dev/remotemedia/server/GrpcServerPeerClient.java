package dev.remotemedia.server;

import dev.remotemedia.pipeline.data.DataBufferCodec;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.pc.RTCDataChannel;
import dev.remotemedia.rtc.pc.RTCIceCandidate;
import dev.remotemedia.rtc.pc.RTCPeerConnection;
import dev.remotemedia.rtc.pc.RTCSdpType;
import dev.remotemedia.rtc.pc.RTCSessionDescription;
import dev.remotemedia.signaling.grpc.v1.AnnounceRequest;
import dev.remotemedia.signaling.grpc.v1.IceCandidateNotification;
import dev.remotemedia.signaling.grpc.v1.IceCandidateRequest;
import dev.remotemedia.signaling.grpc.v1.Notification;
import dev.remotemedia.signaling.grpc.v1.OfferRequest;
import dev.remotemedia.signaling.grpc.v1.PeerCapabilities;
import dev.remotemedia.signaling.grpc.v1.SignalingRequest;
import dev.remotemedia.signaling.grpc.v1.SignalingResponse;
import dev.remotemedia.signaling.grpc.v1.WebRtcSignalingGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Java peer that signals over gRPC {@code Signal} (DESIGN.md §5.2): announces, offers to the
 * server's peer with a {@code remotemedia} channel and a pipeline, trickles candidates both ways.
 */
final class GrpcServerPeerClient implements AutoCloseable {
    static final long TIMEOUT_SECONDS = 20;

    final ManagedChannel grpc;
    final RTCPeerConnection pc;
    final RTCDataChannel channel;
    final BlockingQueue<RuntimeData> received = new LinkedBlockingQueue<>();
    final BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<SignalingResponse>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final StreamObserver<SignalingRequest> requests;
    private final CompletableFuture<Void> open = new CompletableFuture<>();
    private final List<RTCIceCandidate> held = new ArrayList<>();
    private boolean answered;

    GrpcServerPeerClient(int grpcPort, String peerId, PeerConnectionFactory factory) throws Exception {
        grpc = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        requests = WebRtcSignalingGrpc.newStub(grpc).signal(new StreamObserver<>() {
            @Override
            public void onNext(SignalingResponse response) {
                if (response.hasNotification()) {
                    onNotification(response.getNotification());
                } else {
                    final CompletableFuture<SignalingResponse> call = pending.remove(response.getRequestId());
                    if (call != null) {
                        call.complete(response);
                    }
                }
            }

            @Override
            public void onError(Throwable t) {
                pending.values().forEach(f -> f.completeExceptionally(t));
            }

            @Override
            public void onCompleted() {}
        });
        pc = factory.createPeerConnection();
        channel = pc.createDataChannel("remotemedia");
        channel.onOpen(() -> open.complete(null));
        channel.onMessage(m -> received.add(DataBufferCodec.decode(m.data(), 1 << 20)));
        final SignalingResponse ack = call(SignalingRequest.newBuilder().setAnnounce(AnnounceRequest.newBuilder()
                .setPeerId(peerId).setCapabilities(PeerCapabilities.newBuilder().setData(true))));
        if (!ack.hasAck()) {
            throw new AssertionError("announce refused: " + ack);
        }
        pc.onIceCandidate(c -> call(SignalingRequest.newBuilder().setIceCandidate(IceCandidateRequest.newBuilder()
                .setToPeerId("remotemedia-server").setCandidate(c.candidate())
                .setSdpMid(c.sdpMid() == null ? "" : c.sdpMid())
                .setSdpMlineIndex(c.sdpMLineIndex() == null ? 0 : c.sdpMLineIndex())
                .setUsernameFragment(c.usernameFragment() == null ? "" : c.usernameFragment()))));
    }

    /** Sends a request with a fresh request_id; waits for its response. */
    SignalingResponse call(SignalingRequest.Builder request) {
        final String id = "j" + ids.incrementAndGet();
        final CompletableFuture<SignalingResponse> response = new CompletableFuture<>();
        pending.put(id, response);
        synchronized (requests) {
            requests.onNext(request.setRequestId(id).build());
        }
        return response.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }

    private void onNotification(Notification n) {
        notifications.add(n);
        if (n.hasIceCandidate() && n.getIceCandidate().getFromPeerId().equals("remotemedia-server")) {
            final IceCandidateNotification c = n.getIceCandidate();
            final RTCIceCandidate candidate = new RTCIceCandidate(c.getCandidate(), c.getSdpMid(),
                                                                  c.getSdpMlineIndex(), c.getUsernameFragment());
            synchronized (this) {
                if (!answered) {
                    held.add(candidate);
                    return;
                }
            }
            pc.addIceCandidate(candidate);
        }
    }

    /** Offers to {@code remotemedia-server} for {@code pipeline} and waits until the channel is open. */
    void connect(String pipeline) throws Exception {
        final RTCSessionDescription offer = pc.createOffer().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        pc.setLocalDescription(offer).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        final SignalingResponse ack = call(SignalingRequest.newBuilder().setOffer(OfferRequest.newBuilder()
                .setToPeerId("remotemedia-server").setSdp(offer.sdp()).setType("offer").setPipeline(pipeline)));
        if (!ack.hasAck()) {
            throw new AssertionError("offer refused: " + ack);
        }
        pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, ack.getAck().getSdp()))
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        final List<RTCIceCandidate> release;
        synchronized (this) {
            answered = true;
            release = List.copyOf(held);
            held.clear();
        }
        release.forEach(pc::addIceCandidate);
        open.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    void send(RuntimeData data) {
        channel.send(DataBufferCodec.encode(data));
    }

    RuntimeData nextReply() throws InterruptedException {
        final RuntimeData data = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (data == null) {
            throw new AssertionError("no reply within " + TIMEOUT_SECONDS + " s");
        }
        return data;
    }

    /** The next notification of {@code kind}, skipping others. */
    Notification nextNotification(Notification.NotificationCase kind) throws InterruptedException {
        while (true) {
            final Notification n = notifications.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (n == null) {
                throw new AssertionError("no " + kind + " notification within " + TIMEOUT_SECONDS + " s");
            }
            if (n.getNotificationCase() == kind) {
                return n;
            }
        }
    }

    @Override
    public void close() {
        pc.close();
        grpc.shutdownNow();
    }
}
