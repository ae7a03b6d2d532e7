package dev.remotemedia.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.signaling.grpc.v1.JoinRequest;
import dev.remotemedia.signaling.grpc.v1.Notification;
import dev.remotemedia.signaling.grpc.v1.SessionRequest;
import dev.remotemedia.signaling.grpc.v1.SignalingRequest;
import dev.remotemedia.signaling.grpc.v1.SignalingResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A gRPC-Web client over java.net.http, as a browser's fetch would speak it: one Join stream and Send calls. */
final class GrpcWebTestClient implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final Duration WAIT = Duration.ofSeconds(10);

    /** A finished unary call: its message (or null), its gRPC status and message, its HTTP headers. */
    record Unary(SignalingResponse response, int status, String message, HttpResponse<byte[]> http) {}

    final int port;
    final boolean text;
    final BlockingQueue<SignalingResponse> stream = new LinkedBlockingQueue<>();
    final CompletableFuture<Map<String, String>> trailers = new CompletableFuture<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    private CompletableFuture<HttpResponse<InputStream>> join;
    String sessionId;

    GrpcWebTestClient(int port, boolean text) {
        this.port = port;
        this.text = text;
    }

    String contentType() {
        return text ? "application/grpc-web-text" : "application/grpc-web+proto";
    }

    HttpRequest.Builder post(String method, byte[] message, Map<String, String> headers) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/remotemedia.v1.WebRtcSignaling/" + method))
                .header("content-type", contentType()).header("x-grpc-web", "1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(message)));
        headers.forEach(request::header);
        return request;
    }

    byte[] body(byte[] message) {
        final byte[] frame = GrpcWebFrames.messageFrame(message);
        return text ? Base64.getEncoder().encode(frame) : frame;
    }

    /** Starts the Join stream; frames are read as they come. */
    GrpcWebTestClient join(JoinRequest request, Map<String, String> headers) {
        join = HTTP.sendAsync(post("Join", request.toByteArray(), headers).build(),
                              HttpResponse.BodyHandlers.ofInputStream());
        join.thenAccept(response -> {
            final Thread reader = new Thread(() -> read(response.body()), "grpc-web-test-reader");
            reader.setDaemon(true);
            reader.start();
        });
        return this;
    }

    /** Joins and checks the first response is the ack with a session id. */
    SignalingResponse joined(JoinRequest request) {
        join(request, Map.of());
        final SignalingResponse ack = next();
        assertThat(ack.hasAck()).as(ack.toString()).isTrue();
        sessionId = ack.getAck().getSessionId();
        assertThat(sessionId).isNotEmpty();
        return ack;
    }

    private void read(InputStream in) {
        try (in) {
            final InputStream frames = text ? new Base64Quartets(in) : in;
            while (true) {
                final byte[] header = frames.readNBytes(5);
                if (header.length < 5) {
                    trailers.completeExceptionally(new AssertionError("stream ended without trailers"));
                    return;
                }
                final int length = ((header[1] & 0xff) << 24) | ((header[2] & 0xff) << 16) | ((header[3] & 0xff) << 8)
                                   | (header[4] & 0xff);
                final byte[] payload = frames.readNBytes(length);
                if ((header[0] & 0x80) != 0) {
                    trailers.complete(parseTrailers(payload));
                    return;
                }
                stream.add(SignalingResponse.parseFrom(payload));
            }
        } catch (IOException e) {
            trailers.completeExceptionally(e);
        }
    }

    static Map<String, String> parseTrailers(byte[] payload) {
        final Map<String, String> map = new LinkedHashMap<>();
        for (String line : new String(payload, StandardCharsets.US_ASCII).split("\r\n")) {
            final int colon = line.indexOf(':');
            if (colon > 0) {
                map.put(line.substring(0, colon).trim(), java.net.URLDecoder.decode(
                        line.substring(colon + 1).trim().replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return map;
    }

    SignalingResponse next() {
        try {
            final SignalingResponse r = stream.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(r).as("a Join message within " + WAIT).isNotNull();
            return r;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    Notification nextNotification(Notification.NotificationCase kind) {
        for (int i = 0; i < 100; i++) {
            final SignalingResponse r = next();
            if (r.hasNotification() && r.getNotification().getNotificationCase() == kind) {
                return r.getNotification();
            }
        }
        throw new AssertionError("no " + kind);
    }

    Map<String, String> awaitTrailers() {
        return trailers.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Sends {@code request} with a fresh request_id as the next seq; waits for the answer. */
    Unary send(SignalingRequest.Builder request) {
        return sendAsync(seq.incrementAndGet(), request).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    CompletableFuture<Unary> sendAsync(long seqNumber, SignalingRequest.Builder request) {
        if (request.getRequestId().isEmpty()) {
            request.setRequestId("w" + ids.incrementAndGet());
        }
        return sendRaw(SessionRequest.newBuilder().setSessionId(sessionId).setSeq(seqNumber)
                                     .setRequest(request).build().toByteArray());
    }

    CompletableFuture<Unary> sendRaw(byte[] message) {
        return unary(post("Send", message, Map.of()).build());
    }

    CompletableFuture<Unary> unary(HttpRequest request) {
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(GrpcWebTestClient::parseUnary);
    }

    static Unary parseUnary(HttpResponse<byte[]> http) {
        final String type = http.headers().firstValue("content-type").orElse("");
        if (!type.startsWith("application/grpc-web")) {
            throw new AssertionError("not a gRPC-Web response: " + http.statusCode() + ' ' + type + ' '
                                     + new String(http.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        final boolean text = type.startsWith("application/grpc-web-text");
        byte[] body = http.body();
        if (text) {
            body = GrpcWebFrames.decodeBase64Chunks(body);
        }
        SignalingResponse message = null;
        Map<String, String> trailers = Map.of();
        int i = 0;
        while (i + 5 <= body.length) {
            final int length = ((body[i + 1] & 0xff) << 24) | ((body[i + 2] & 0xff) << 16) | ((body[i + 3] & 0xff) << 8)
                               | (body[i + 4] & 0xff);
            final byte[] payload = java.util.Arrays.copyOfRange(body, i + 5, i + 5 + length);
            if ((body[i] & 0x80) != 0) {
                trailers = parseTrailers(payload);
            } else {
                try {
                    message = SignalingResponse.parseFrom(payload);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
            i += 5 + length;
        }
        final String status = trailers.getOrDefault("grpc-status", http.headers().firstValue("grpc-status").orElse("-1"));
        return new Unary(message, Integer.parseInt(status), trailers.getOrDefault("grpc-message", ""), http);
    }

    @Override
    public void close() {
        if (join != null) {
            join.thenAccept(r -> {
                try {
                    r.body().close();
                } catch (IOException e) {
                    // closing is all we want
                }
            });
        }
    }

    /** Decodes a grpc-web-text stream quartet by quartet (each frame is padded on its own). */
    private static final class Base64Quartets extends InputStream {
        private final InputStream in;
        private byte[] pending = new byte[0];
        private int at;

        Base64Quartets(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            while (at == pending.length) {
                final byte[] quartet = in.readNBytes(4);
                if (quartet.length < 4) {
                    return -1;
                }
                pending = Base64.getDecoder().decode(quartet);
                at = 0;
            }
            return pending[at++] & 0xff;
        }
    }

}
