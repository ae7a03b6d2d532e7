package dev.remotemedia.signaling.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The dispatcher with no transport: text in, reply text out. */
class JsonRpcDispatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> notified = new ArrayList<>();
    private final List<JsonRpcMessage> responses = new ArrayList<>();
    private final CompletableFuture<JsonNode> later = new CompletableFuture<>();
    private final JsonRpcDispatcher<String> dispatcher = JsonRpcDispatcher.<String>builder(JsonRpcCodec.of(1000))
            .method("echo", (ctx, call) -> {
                notified.add(ctx + ":" + call.method() + ":" + call.isNotification());
                return CompletableFuture.completedFuture(call.namedParams().optionalValue("v"));
            })
            .method("fail", (ctx, call) -> {
                throw new RemoteMediaException(ErrorCode.PEER_NOT_FOUND, "to: x is not announced");
            })
            .method("data", (ctx, call) -> CompletableFuture.failedFuture(new JsonRpcError(
                    -32001, "with data", TextNode.valueOf("detail")).toException()))
            .method("bug", (ctx, call) -> CompletableFuture.failedFuture(new NullPointerException("oops")))
            .method("later", (ctx, call) -> later)
            .alias("e", "echo")
            .responseListener((ctx, response) -> responses.add(response))
            .build();

    private JsonNode dispatch(String text) {
        final String reply = dispatcher.dispatch("ctx", text).join();
        try {
            return reply == null ? null : JSON.readTree(reply);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRequestGetsItsResultAndANotificationNothing() {
        assertThat(dispatch("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"v\":\"hi\"}}").toString())
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"hi\"}");
        assertThat(dispatch("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":{\"v\":\"hi\"}}")).isNull();
        assertThat(notified).containsExactly("ctx:echo:false", "ctx:echo:true");
    }

    @Test
    void aliasesReachTheCanonicalMethod() {
        assertThat(dispatch("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"e\"}").get("result").isNull()).isTrue();
        assertThat(notified).containsExactly("ctx:echo:false");
        assertThat(dispatcher.canonical("e")).isEqualTo("echo");
    }

    @Test
    void failuresBecomeErrorObjects() {
        assertThat(dispatch("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"fail\"}").get("error").toString())
                .isEqualTo("{\"code\":-32000,\"message\":\"to: x is not announced\"}");
        assertThat(dispatch("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"data\"}").get("error").toString())
                .isEqualTo("{\"code\":-32001,\"message\":\"with data\",\"data\":\"detail\"}");
        assertThat(dispatch("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"bug\"}").get("error").toString())
                .isEqualTo("{\"code\":-32603,\"message\":\"internal error while handling bug\"}");
        assertThat(dispatch("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"nope\"}").get("error").get("code").asInt())
                .isEqualTo(-32601);
        assertThat(dispatch("{\"jsonrpc\":\"2.0\",\"method\":\"fail\"}")).isNull();
        assertThat(dispatch("{\"jsonrpc\":\"2.0\",\"method\":\"nope\"}")).isNull();
        assertThat(dispatch("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"echo\",\"params\":[1]}").get("error").get("code")
                           .asInt()).isEqualTo(-32602);
    }

    @Test
    void aBatchRepliesOnceWhenItsLastRequestCompletes() {
        final CompletableFuture<String> reply = dispatcher.dispatch("ctx",
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"later\"},{\"jsonrpc\":\"2.0\",\"method\":\"echo\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"echo\",\"params\":{\"v\":2}}]");
        assertThat(reply).isNotDone();
        later.complete(TextNode.valueOf("done"));
        assertThat(reply.join()).isEqualTo("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"done\"},"
                                           + "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":2}]");
        assertThat(dispatch("[{\"jsonrpc\":\"2.0\",\"method\":\"echo\"},{\"jsonrpc\":\"2.0\",\"method\":\"fail\"}]")).isNull();
        assertThat(dispatch("[]").get("error").get("code").asInt()).isEqualTo(-32600);
    }

    @Test
    void responsesGoToTheListener() {
        assertThat(dispatch("{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"result\":{}}")).isNull();
        assertThat(dispatch("{\"jsonrpc\":\"2.0\",\"id\":\"s-2\",\"error\":{\"code\":-32002,\"message\":\"no\"}}")).isNull();
        assertThat(responses).hasSize(2);
        assertThat(responses.get(1)).isInstanceOfSatisfying(JsonRpcMessage.ErrorResponse.class,
                                                            e -> assertThat(e.error().code()).isEqualTo(-32002));
    }

    @Test
    void theBuilderRefusesDuplicatesAndDanglingAliases() {
        assertThatThrownBy(() -> JsonRpcDispatcher.<String>builder(JsonRpcCodec.of(100))
                .method("a", (c, call) -> null).method("a", (c, call) -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("method: a (expected: registered once)");
        assertThatThrownBy(() -> JsonRpcDispatcher.<String>builder(JsonRpcCodec.of(100)).alias("x", "y").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("alias x names the unregistered method y");
    }
}
