package dev.remotemedia.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client that sends raw text and queues what comes back: the JDK's, so no Origin header. */
final class RawClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Responses (and batch replies): messages without a method. */
    private final BlockingQueue<JsonNode> responses = new LinkedBlockingQueue<>();
    /** Requests and notifications from the server. */
    private final BlockingQueue<JsonNode> calls = new LinkedBlockingQueue<>();
    /** The close code the server sent, or -1 when the connection failed without one. */
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private RawClient(WebSocket.Builder builder, URI uri) {
        socket = builder.buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        final JsonNode message = JSON.readTree(partial.toString());
                        (message.has("method") ? calls : responses).add(message);
                    } catch (Exception e) {
                        closed.completeExceptionally(e);
                    }
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(-1);
            }
        }).join();
    }

    static RawClient connect(int port) {
        return connect(port, Map.of());
    }

    static RawClient connect(int port, Map<String, String> headers) {
        final WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        return new RawClient(builder, URI.create("ws://127.0.0.1:" + port + "/ws"));
    }

    /** Connects and announces {@code peerId}, checking the result. */
    static RawClient announced(int port, String peerId) {
        final RawClient client = connect(port);
        final JsonNode reply = client.call("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"peer.announce\","
                                           + "\"params\":{\"peer_id\":\"" + peerId + "\",\"capabilities\":[\"data\"]}}");
        assertThat(reply.path("result").path("status").asText()).as(reply.toString()).isEqualTo("registered");
        return client;
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** Sends and returns the next response. */
    JsonNode call(String text) {
        send(text);
        return nextResponse();
    }

    /** The next response (a message without a method), waiting up to 10 s. */
    JsonNode nextResponse() {
        return poll(responses);
    }

    /** The next request or notification from the server, waiting up to 10 s. */
    JsonNode nextCall() {
        return poll(calls);
    }

    private static JsonNode poll(BlockingQueue<JsonNode> queue) {
        try {
            final JsonNode message = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as("a message within " + WAIT).isNotNull();
            return message;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The next notification of {@code method}, skipping other calls. */
    JsonNode nextNotification(String method) {
        for (int i = 0; i < 100; i++) {
            final JsonNode message = nextCall();
            if (method.equals(message.path("method").asText()) && !message.has("id")) {
                return message;
            }
        }
        throw new AssertionError("no " + method + " notification");
    }

    /** Checks that no response is queued: a round trip's response is the next one. */
    void assertNothingPendingAfterRoundTrip() {
        final JsonNode reply = call("{\"jsonrpc\":\"2.0\",\"id\":\"ping\",\"method\":\"peer.list\"}");
        assertThat(reply.path("id").asText()).as(reply.toString()).isEqualTo("ping");
    }

    /** Checks that no request or notification came before a round trip's response. */
    void assertNoCallsAfterRoundTrip() {
        assertNothingPendingAfterRoundTrip();
        assertThat(calls).as("calls received").isEmpty();
    }

    int awaitClose() {
        return closed.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }
}
