package dev.remotemedia.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.signaling.grpc.v1.AnnounceRequest;
import dev.remotemedia.signaling.grpc.v1.Notification;
import dev.remotemedia.signaling.grpc.v1.PeerCapabilities;
import dev.remotemedia.signaling.grpc.v1.SignalingRequest;
import dev.remotemedia.signaling.grpc.v1.SignalingResponse;
import dev.remotemedia.signaling.grpc.v1.WebRtcSignalingGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** A real grpc-java client with one {@code Signal} stream on its own channel. */
final class GrpcTestClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    final ManagedChannel channel;
    private final BlockingQueue<SignalingResponse> responses = new LinkedBlockingQueue<>();
    private final BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
    final CompletableFuture<Status> status = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private ClientCallStreamObserver<SignalingRequest> requests;

    private GrpcTestClient(int port, Metadata headers) {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                                     .maxInboundMessageSize(4 * 1024 * 1024).build();
        WebRtcSignalingGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .signal(new ClientResponseObserver<SignalingRequest, SignalingResponse>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<SignalingRequest> stream) {
                        requests = stream;
                    }

                    @Override
                    public void onNext(SignalingResponse response) {
                        if (response.hasNotification()) {
                            notifications.add(response.getNotification());
                        } else {
                            responses.add(response);
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        status.complete(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                        status.complete(Status.OK);
                    }
                });
    }

    static GrpcTestClient connect(int port) {
        return new GrpcTestClient(port, new Metadata());
    }

    static GrpcTestClient connect(int port, Metadata headers) {
        return new GrpcTestClient(port, headers);
    }

    /** Connects and announces {@code peerId} with the data capability, checking the ack. */
    static GrpcTestClient announced(int port, String peerId) {
        final GrpcTestClient client = connect(port);
        final SignalingResponse ack = client.call(b -> b.setAnnounce(announce(peerId)));
        assertThat(ack.hasAck()).as(ack.toString()).isTrue();
        return client;
    }

    static AnnounceRequest.Builder announce(String peerId) {
        return AnnounceRequest.newBuilder().setPeerId(peerId)
                              .setCapabilities(PeerCapabilities.newBuilder().setData(true));
    }

    void send(SignalingRequest request) {
        synchronized (this) {
            requests.onNext(request);
        }
    }

    /** Sends a request with a fresh request_id and returns its response. */
    SignalingResponse call(Consumer<SignalingRequest.Builder> request) {
        final SignalingRequest.Builder builder = SignalingRequest.newBuilder().setRequestId("r" + ids.incrementAndGet());
        request.accept(builder);
        send(builder.build());
        final SignalingResponse response = nextResponse();
        assertThat(response.getRequestId()).as(response.toString()).isEqualTo(builder.getRequestId());
        return response;
    }

    /** Sends a request with a fresh request_id; its response comes later. */
    String sendRequest(Consumer<SignalingRequest.Builder> request) {
        final SignalingRequest.Builder builder = SignalingRequest.newBuilder().setRequestId("r" + ids.incrementAndGet());
        request.accept(builder);
        send(builder.build());
        return builder.getRequestId();
    }

    SignalingResponse nextResponse() {
        return poll(responses);
    }

    Notification nextNotification() {
        return poll(notifications);
    }

    /** The next notification of {@code kind}, skipping others. */
    Notification nextNotification(Notification.NotificationCase kind) {
        for (int i = 0; i < 100; i++) {
            final Notification n = nextNotification();
            if (n.getNotificationCase() == kind) {
                return n;
            }
        }
        throw new AssertionError("no " + kind + " notification");
    }

    Status awaitStatus() {
        return status.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    void halfClose() {
        synchronized (this) {
            requests.onCompleted();
        }
    }

    private static <T> T poll(BlockingQueue<T> queue) {
        try {
            final T message = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as("a message within " + WAIT).isNotNull();
            return message;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
