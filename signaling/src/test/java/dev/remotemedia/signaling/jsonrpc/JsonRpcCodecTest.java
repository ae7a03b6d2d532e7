package dev.remotemedia.signaling.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.remotemedia.rtc.common.error.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRpcCodecTest {
    private final JsonRpcCodec codec = JsonRpcCodec.of(10_000, 8, 3);

    private JsonRpcMessage single(String text) {
        final JsonRpcInput input = codec.parse(text);
        assertThat(input).isInstanceOf(JsonRpcInput.Single.class);
        final JsonRpcInput.Item item = ((JsonRpcInput.Single) input).item();
        assertThat(item).isInstanceOf(JsonRpcInput.Valid.class);
        return ((JsonRpcInput.Valid) item).message();
    }

    private JsonRpcError rejected(String text) {
        final JsonRpcInput input = codec.parse(text);
        assertThat(input).isInstanceOf(JsonRpcInput.Rejected.class);
        return ((JsonRpcInput.Rejected) input).response().error();
    }

    private JsonRpcMessage.ErrorResponse invalid(String text) {
        final JsonRpcInput input = codec.parse(text);
        assertThat(input).isInstanceOf(JsonRpcInput.Single.class);
        return ((JsonRpcInput.Invalid) ((JsonRpcInput.Single) input).item()).response();
    }

    @Test
    void readsRequestsNotificationsAndResponses() {
        assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":{\"a\":1}}"))
                .isEqualTo(new JsonRpcMessage.Request(IntNode.valueOf(1), "m", JsonRpcCodec.nodes().objectNode().put("a", 1)));
        assertThat(single("{\"jsonrpc\":\"2.0\",\"method\":\"n\"}")).isEqualTo(new JsonRpcMessage.Notification("n", null));
        assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"m\"}"))
                .isEqualTo(new JsonRpcMessage.Request(NullNode.getInstance(), "m", null));
        assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":true}"))
                .isInstanceOfSatisfying(JsonRpcMessage.Response.class, r -> assertThat(r.result().asBoolean()).isTrue());
        assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"error\":{\"code\":-32000,\"message\":\"m\",\"data\":1}}"))
                .isEqualTo(new JsonRpcMessage.ErrorResponse(TextNode.valueOf("x"),
                                                            new JsonRpcError(-32000, "m", IntNode.valueOf(1))));
    }

    @Test
    void writesWhatItReads() {
        final List<JsonRpcMessage> messages = List.of(
                new JsonRpcMessage.Request(TextNode.valueOf("r"), "peer.list", JsonRpcCodec.nodes().objectNode()),
                new JsonRpcMessage.Notification("peer.left", JsonRpcCodec.nodes().objectNode().put("peer_id", "a")),
                new JsonRpcMessage.Response(IntNode.valueOf(3), JsonRpcCodec.nodes().arrayNode().add(1)),
                new JsonRpcMessage.ErrorResponse(NullNode.getInstance(), JsonRpcError.of(ErrorCode.PARSE_ERROR, "bad")));
        for (JsonRpcMessage message : messages) {
            assertThat(single(codec.encode(message))).isEqualTo(message);
        }
        final JsonRpcInput batch = codec.parse(codec.encodeBatch(messages.subList(0, 3)));
        assertThat(((JsonRpcInput.Batch) batch).items()).extracting(i -> ((JsonRpcInput.Valid) i).message())
                                                        .containsExactlyElementsOf(messages.subList(0, 3));
    }

    @Test
    void boundsLengthDepthAndBatchSize() {
        assertThat(rejected("[" + "1,".repeat(6000) + "1]").message()).contains("exceeds the limit of 10000");
        assertThat(rejected("{\"a\":".repeat(9) + "1" + "}".repeat(9)).message()).contains("nesting depth");
        assertThat(rejected("[{},{},{},{}]").message()).isEqualTo("invalid request: batch of 4 messages exceeds the limit of 3");
        assertThat(rejected("[]").code()).isEqualTo(-32600);
        assertThat(rejected("{\"jsonrpc\":\"2.0\",\"id\":1e99999999999999999999999999999999999999999999999999999999"
                            + "999999999999999999999,\"method\":\"m\"}").message()).contains("parse error");
    }

    @Test
    void parseErrorsSayWhere() {
        final JsonRpcError error = rejected("{\"jsonrpc\":\"2.0\",\n \"id\": tru}");
        assertThat(error.code()).isEqualTo(-32700);
        assertThat(error.message()).contains("line 2, column");
        assertThat(rejected("").message()).isEqualTo("parse error: empty message");
        assertThat(rejected("{} 1").message()).contains("text after the JSON value");
        assertThat(rejected("{}x").message()).contains("Unrecognized token 'x'").contains("line 1, column 3");
    }

    @Test
    void invalidMessagesKeepTheirIdWhenItIsReadable() {
        assertThat(invalid("{\"jsonrpc\":\"2.0\",\"id\":\"k\",\"method\":\"\"}").id().asText()).isEqualTo("k");
        assertThat(invalid("{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"m\"}").id().isNull()).isTrue();
        assertThat(invalid("{\"jsonrpc\":2.0,\"id\":5,\"method\":\"m\"}").error().message())
                .isEqualTo("invalid request: jsonrpc: expected \"2.0\", got 2.0");
        assertThat(invalid("{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":\"x\",\"message\":\"m\"}}").error().message())
                .contains("error: expected an object with an integer code");
        assertThat(invalid("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":1,\"error\":{\"code\":1,\"message\":\"m\"}}")
                           .error().code()).isEqualTo(-32600);
    }

    @Test
    void batchItemsAreJudgedOneByOne() {
        final JsonRpcInput input = codec.parse("[{\"jsonrpc\":\"2.0\",\"method\":\"n\"},7,{\"jsonrpc\":\"1.0\",\"id\":2,\"method\":\"m\"}]");
        final List<JsonRpcInput.Item> items = ((JsonRpcInput.Batch) input).items();
        assertThat(items.get(0)).isInstanceOf(JsonRpcInput.Valid.class);
        assertThat(((JsonRpcInput.Invalid) items.get(1)).response().error().message())
                .isEqualTo("invalid request: [1]: expected a JSON-RPC object, got a number");
        assertThat(((JsonRpcInput.Invalid) items.get(2)).response().id().asInt()).isEqualTo(2);
    }
}
