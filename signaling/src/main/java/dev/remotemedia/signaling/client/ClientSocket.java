package dev.remotemedia.signaling.client;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket connection of a {@link SignalingClient} on the JDK's client; a new one after each
 * reconnection. Text and the end of the connection are reported on the client's loop, the end
 * once. Sends are queued: the JDK allows one outstanding send per socket.
 */
final class ClientSocket implements WebSocket.Listener {
    /** One HTTP client (one selector thread) for every signaling client of the process. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** What the socket reports, on the client's loop. */
    interface Events {
        void onText(ClientSocket from, String text);

        void onEnded(ClientSocket ended, String reason);
    }

    private final EventExecutor loop;
    private final Events events;
    private final int maxMessageBytes;
    private final StringBuilder partial = new StringBuilder();
    private final AtomicBoolean ended = new AtomicBoolean();
    private @Nullable WebSocket socket;
    /** The last send; the next one starts when it is done. Touched on the loop only. */
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    ClientSocket(EventExecutor loop, Events events, int maxMessageBytes) {
        this.loop = requireNonNull(loop, "loop");
        this.events = requireNonNull(events, "events");
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Opens the socket; no {@code Origin} header is sent: this is not a browser. */
    CompletableFuture<Void> connect(URI uri) {
        return HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, this)
                   .thenAccept(ws -> socket = ws);
    }

    /** Queues {@code text}; on the loop. */
    void write(String text) {
        final WebSocket ws = socket;
        if (ws == null || ended.get()) {
            return;
        }
        final String padded = FramePadding.pad(text);
        sending = sending.thenCompose(unused -> ws.sendText(padded, true)).exceptionally(e -> {
            end("sending failed: " + SignalingClient.describe(e));
            return null;
        });
    }

    /** Sends a close frame after what is queued; on the loop. */
    void close(int code, String reason) {
        final WebSocket ws = socket;
        if (ws == null) {
            return;
        }
        // RFC 6455 §5.5: a close frame's payload is at most 125 bytes, the status code included.
        final String shortReason = reason.length() > 100 ? reason.substring(0, 100) : reason;
        sending = sending.thenCompose(unused -> ws.sendClose(code, shortReason)).whenComplete((unused, e) -> ws.abort());
        end("closed: " + reason);
    }

    /** Drops the connection at once. */
    void abort() {
        final WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        end("aborted");
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (partial.length() > maxMessageBytes) {
            webSocket.abort();
            end("the server sent a message over " + maxMessageBytes + " characters");
            return null;
        }
        if (last) {
            final String text = partial.toString();
            partial.setLength(0);
            loop.execute(() -> events.onText(this, text));
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        end("the server closed the connection (" + statusCode + (reason.isEmpty() ? "" : ' ' + reason) + ')');
        webSocket.abort();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        end(SignalingClient.describe(error));
    }

    private void end(String reason) {
        if (ended.compareAndSet(false, true)) {
            loop.execute(() -> events.onEnded(this, reason));
        }
    }
}
