package dev.remotemedia.signaling.jsonrpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes parsed JSON-RPC 2.0 messages to method handlers and builds the reply text, with no
 * knowledge of the transport: a WebSocket, a test or a benchmark feeds it text and sends what it
 * returns. Requests get exactly one response; notifications never get one, not even an error
 * (spec §4.1); a batch gets one array of the responses its requests earn, or nothing when it holds
 * only notifications (spec §6). Responses that arrive (replies to requests this side sent) go to
 * the {@link ResponseListener}.
 *
 * <p>A handler fails a call by throwing, or completing its future exceptionally, with a
 * {@link RemoteMediaException} (its code and message are sent) or a {@link JsonRpcException} (its
 * error object is sent as is). Anything else is a bug: it is logged here and the caller gets
 * {@code -32603} with no detail. Thread-safe once built.
 *
 * @param <C> what a handler learns about the connection a call came on
 */
public final class JsonRpcDispatcher<C> {
    private static final Logger logger = LoggerFactory.getLogger(JsonRpcDispatcher.class);

    /** Handles one method. */
    @FunctionalInterface
    public interface Handler<C> {
        /** Handles {@code call}; the result is ignored for notifications. */
        CompletableFuture<? extends JsonNode> handle(C context, Call call);
    }

    /** Receives responses to requests this side sent. */
    @FunctionalInterface
    public interface ResponseListener<C> {
        /** {@code response} is a {@link JsonRpcMessage.Response} or {@link JsonRpcMessage.ErrorResponse}. */
        void onResponse(C context, JsonRpcMessage response);
    }

    /**
     * One call: its canonical method name (aliases resolved), the id ({@code null} for a
     * notification) and the params.
     */
    public record Call(String method, @Nullable JsonNode id, @Nullable JsonNode params) {
        public Call {
            requireNonNull(method, "method");
        }

        public boolean isNotification() {
            return id == null;
        }

        /** The params, read as named params ({@code -32602} when they are an array). */
        public Params namedParams() {
            return Params.of(params);
        }
    }

    private final JsonRpcCodec codec;
    private final Map<String, Handler<C>> handlers;
    private final Map<String, String> aliases;
    private final ResponseListener<C> responseListener;

    private JsonRpcDispatcher(Builder<C> builder) {
        codec = builder.codec;
        handlers = Map.copyOf(builder.handlers);
        aliases = Map.copyOf(builder.aliases);
        responseListener = builder.responseListener;
    }

    /** A builder of a dispatcher that parses with {@code codec}. */
    public static <C> Builder<C> builder(JsonRpcCodec codec) {
        return new Builder<>(codec);
    }

    /** The codec this dispatcher parses and writes with. */
    public JsonRpcCodec codec() {
        return codec;
    }

    /** The canonical name of {@code method}, resolving aliases; the name itself when it is not an alias. */
    public String canonical(String method) {
        return aliases.getOrDefault(method, method);
    }

    /**
     * Handles one text message; the future gives the reply text, or {@code null} when nothing is to
     * be sent. Never completes exceptionally.
     */
    public CompletableFuture<@Nullable String> dispatch(C context, String text) {
        return dispatch(context, codec.parse(text));
    }

    /** Handles parsed input; see {@link #dispatch(Object, String)}. */
    public CompletableFuture<@Nullable String> dispatch(C context, JsonRpcInput input) {
        if (input instanceof JsonRpcInput.Rejected rejected) {
            return CompletableFuture.completedFuture(codec.encode(rejected.response()));
        }
        if (input instanceof JsonRpcInput.Single single) {
            return handle(context, single.item()).thenApply(reply -> reply == null ? null : codec.encode(reply));
        }
        final List<JsonRpcInput.Item> items = ((JsonRpcInput.Batch) input).items();
        final List<CompletableFuture<@Nullable JsonRpcMessage>> replies = new ArrayList<>(items.size());
        for (JsonRpcInput.Item item : items) {
            replies.add(handle(context, item));
        }
        return CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0])).thenApply(unused -> {
            final List<JsonRpcMessage> out = new ArrayList<>(replies.size());
            for (CompletableFuture<@Nullable JsonRpcMessage> reply : replies) {
                final JsonRpcMessage message = reply.join();
                if (message != null) {
                    out.add(message);
                }
            }
            return out.isEmpty() ? null : codec.encodeBatch(out);
        });
    }

    private CompletableFuture<@Nullable JsonRpcMessage> handle(C context, JsonRpcInput.Item item) {
        if (item instanceof JsonRpcInput.Invalid invalid) {
            return CompletableFuture.completedFuture(invalid.response());
        }
        final JsonRpcMessage message = ((JsonRpcInput.Valid) item).message();
        if (message instanceof JsonRpcMessage.Response || message instanceof JsonRpcMessage.ErrorResponse) {
            try {
                responseListener.onResponse(context, message);
            } catch (RuntimeException e) {
                logger.warn("response listener failed", e);
            }
            return CompletableFuture.completedFuture(null);
        }
        final Call call;
        if (message instanceof JsonRpcMessage.Request request) {
            call = new Call(canonical(request.method()), request.id(), request.params());
        } else {
            final JsonRpcMessage.Notification notification = (JsonRpcMessage.Notification) message;
            call = new Call(canonical(notification.method()), null, notification.params());
        }
        final Handler<C> handler = handlers.get(call.method());
        if (handler == null) {
            return reply(call, CompletableFuture.failedFuture(new RemoteMediaException(
                    ErrorCode.METHOD_NOT_FOUND, "method not found: " + shorten(call.method()))));
        }
        CompletableFuture<? extends JsonNode> result;
        try {
            result = requireNonNull(handler.handle(context, call), "handler result");
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return reply(call, result);
    }

    private CompletableFuture<@Nullable JsonRpcMessage> reply(Call call, CompletableFuture<? extends JsonNode> result) {
        return result.handle((value, cause) -> {
            if (cause == null) {
                return call.isNotification() ? null
                        : new JsonRpcMessage.Response(requireNonNull(call.id()),
                                                      value == null ? NullNode.getInstance() : value);
            }
            final JsonRpcError error = errorOf(call, cause);
            if (call.isNotification()) {
                logger.debug("notification {} failed: {}", call.method(), error.message());
                return null;
            }
            return new JsonRpcMessage.ErrorResponse(requireNonNull(call.id()), error);
        });
    }

    /** The error object a failure becomes; unexpected exceptions are logged and become {@code -32603}. */
    public static JsonRpcError errorOf(Call call, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof JsonRpcException rpc) {
            return rpc.error();
        }
        if (cause instanceof RemoteMediaException rm) {
            return JsonRpcError.of(rm);
        }
        logger.warn("{} failed", call.method(), cause);
        return JsonRpcError.of(ErrorCode.INTERNAL, "internal error while handling " + call.method());
    }

    private static String shorten(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }

    /** Builds a {@link JsonRpcDispatcher}. Not thread-safe. */
    public static final class Builder<C> {
        private final JsonRpcCodec codec;
        private final Map<String, Handler<C>> handlers = new HashMap<>();
        private final Map<String, String> aliases = new HashMap<>();
        private ResponseListener<C> responseListener = (context, response) ->
                logger.debug("unexpected response with id {}", response);

        private Builder(JsonRpcCodec codec) {
            this.codec = requireNonNull(codec, "codec");
        }

        /** Handles {@code method} with {@code handler}. */
        public Builder<C> method(String method, Handler<C> handler) {
            requireNonNull(method, "method");
            requireNonNull(handler, "handler");
            if (handlers.putIfAbsent(method, handler) != null) {
                throw new IllegalArgumentException("method: " + method + " (expected: registered once)");
            }
            return this;
        }

        /** Accepts {@code alias} as another name of the registered {@code method}. */
        public Builder<C> alias(String alias, String method) {
            requireNonNull(alias, "alias");
            requireNonNull(method, "method");
            aliases.put(alias, method);
            return this;
        }

        /** Receives responses to requests this side sent. */
        public Builder<C> responseListener(ResponseListener<C> responseListener) {
            this.responseListener = requireNonNull(responseListener, "responseListener");
            return this;
        }

        public JsonRpcDispatcher<C> build() {
            for (Map.Entry<String, String> alias : aliases.entrySet()) {
                if (!handlers.containsKey(alias.getValue())) {
                    throw new IllegalStateException("alias " + alias.getKey() + " names the unregistered method "
                                                    + alias.getValue());
                }
            }
            return new JsonRpcDispatcher<>(this);
        }
    }
}
