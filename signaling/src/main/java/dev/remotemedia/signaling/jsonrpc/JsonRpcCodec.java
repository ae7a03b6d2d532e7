package dev.remotemedia.signaling.jsonrpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotemedia.rtc.common.error.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and writes JSON-RPC 2.0 (https://www.jsonrpc.org/specification) with bounds on what a
 * remote peer can make it do: message length, nesting depth, string and number length, batch size.
 * Thread-safe. Parsing never throws: bad input becomes a {@link JsonRpcInput.Rejected} or
 * {@link JsonRpcInput.Invalid} carrying the error response the spec asks for.
 */
public final class JsonRpcCodec {
    /** Deep enough for any signaling message, shallow enough that no parser recursion can hurt. */
    public static final int DEFAULT_MAX_DEPTH = 32;
    public static final int DEFAULT_MAX_BATCH = 100;
    private static final int MAX_NUMBER_CHARS = 64;
    private static final int MAX_ECHOED_CHARS = 120;

    private final ObjectMapper mapper;
    private final int maxChars;
    private final int maxBatch;

    private JsonRpcCodec(int maxChars, int maxDepth, int maxBatch) {
        if (maxChars <= 0) {
            throw new IllegalArgumentException("maxChars: " + maxChars + " (expected: > 0)");
        }
        if (maxDepth <= 1) {
            throw new IllegalArgumentException("maxDepth: " + maxDepth + " (expected: > 1)");
        }
        if (maxBatch <= 0) {
            throw new IllegalArgumentException("maxBatch: " + maxBatch + " (expected: > 0)");
        }
        this.maxChars = maxChars;
        this.maxBatch = maxBatch;
        mapper = JsonMapper.builder().build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxStringLength(maxChars)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .maxDocumentLength(maxChars)
                .build());
    }

    /** A codec for messages of at most {@code maxChars} characters. */
    public static JsonRpcCodec of(int maxChars) {
        return new JsonRpcCodec(maxChars, DEFAULT_MAX_DEPTH, DEFAULT_MAX_BATCH);
    }

    /** A codec with every bound given. */
    public static JsonRpcCodec of(int maxChars, int maxDepth, int maxBatch) {
        return new JsonRpcCodec(maxChars, maxDepth, maxBatch);
    }

    /** The node factory to build params and results with. */
    public static JsonNodeFactory nodes() {
        return JsonNodeFactory.instance;
    }

    /** The longest message accepted, in characters. */
    public int maxChars() {
        return maxChars;
    }

    /** Parses one text message. */
    public JsonRpcInput parse(String text) {
        requireNonNull(text, "text");
        if (text.length() > maxChars) {
            return rejected(ErrorCode.INVALID_REQUEST,
                            "message of " + text.length() + " characters exceeds the limit of " + maxChars);
        }
        final JsonNode root;
        try (JsonParser parser = mapper.createParser(text)) {
            root = mapper.readTree(parser);
            if (root == null) {
                return rejected(ErrorCode.PARSE_ERROR, "parse error: empty message");
            }
            if (parser.nextToken() != null) {
                return rejected(ErrorCode.PARSE_ERROR, "parse error: text after the JSON value at "
                                                       + where(parser.currentLocation()));
            }
        } catch (StreamConstraintsException e) {
            return rejected(ErrorCode.PARSE_ERROR, "parse error: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return rejected(ErrorCode.PARSE_ERROR, "parse error: " + shorten(e.getOriginalMessage())
                                                   + " at " + where(e.getLocation()));
        } catch (IOException e) {
            return rejected(ErrorCode.PARSE_ERROR, "parse error: " + shorten(String.valueOf(e.getMessage())));
        }
        if (root.isArray()) {
            if (root.isEmpty()) {
                return rejected(ErrorCode.INVALID_REQUEST, "invalid request: empty batch");
            }
            if (root.size() > maxBatch) {
                return rejected(ErrorCode.INVALID_REQUEST, "invalid request: batch of " + root.size()
                                                           + " messages exceeds the limit of " + maxBatch);
            }
            final List<JsonRpcInput.Item> items = new ArrayList<>(root.size());
            for (int i = 0; i < root.size(); i++) {
                items.add(item(root.get(i), "[" + i + "]"));
            }
            return new JsonRpcInput.Batch(items);
        }
        return new JsonRpcInput.Single(item(root, ""));
    }

    private static JsonRpcInput.Item item(JsonNode node, String where) {
        if (!node.isObject()) {
            return invalid(null, at(where, "expected a JSON-RPC object, got " + kind(node)));
        }
        final JsonNode idNode = node.get("id");
        final boolean hasId = idNode != null;
        if (hasId && !(idNode.isTextual() || idNode.isNumber() || idNode.isNull())) {
            return invalid(null, at(where, "id: expected a string, a number or null, got " + kind(idNode)));
        }
        final JsonNode version = node.get("jsonrpc");
        if (version == null || !"2.0".equals(version.textValue())) {
            return invalid(idNode, at(where, "jsonrpc: expected \"2.0\", got "
                                   + (version == null ? "nothing" : shorten(version.toString()))));
        }
        final JsonNode method = node.get("method");
        if (method != null) {
            if (!method.isTextual() || method.textValue().isEmpty()) {
                return invalid(idNode, at(where, "method: expected a non-empty string, got " + kind(method)));
            }
            final JsonNode params = node.get("params");
            if (params != null && !params.isObject() && !params.isArray()) {
                return invalid(idNode, at(where, "params: expected an object or an array, got " + kind(params)));
            }
            final JsonRpcMessage message = hasId ? new JsonRpcMessage.Request(idNode, method.textValue(), params)
                                                 : new JsonRpcMessage.Notification(method.textValue(), params);
            return new JsonRpcInput.Valid(message);
        }
        final JsonNode result = node.get("result");
        final JsonNode error = node.get("error");
        if (!hasId || (result == null) == (error == null)) {
            return invalid(idNode, at(where, "expected a request (\"method\") or a response "
                                   + "(\"id\" with exactly one of \"result\" and \"error\")"));
        }
        if (result != null) {
            return new JsonRpcInput.Valid(new JsonRpcMessage.Response(idNode, result));
        }
        final JsonNode code = error.get("code");
        final JsonNode message = error.get("message");
        if (!error.isObject() || code == null || !code.canConvertToInt() || !code.isIntegralNumber()
            || message == null || !message.isTextual()) {
            return invalid(idNode, at(where, "error: expected an object with an integer code and a string message"));
        }
        return new JsonRpcInput.Valid(new JsonRpcMessage.ErrorResponse(
                idNode, new JsonRpcError(code.intValue(), message.textValue(), error.get("data"))));
    }

    /** The JSON text of {@code message}. */
    public String encode(JsonRpcMessage message) {
        return toNode(message).toString();
    }

    /** The JSON text of a batch of responses. */
    public String encodeBatch(List<? extends JsonRpcMessage> messages) {
        final ArrayNode array = nodes().arrayNode(messages.size());
        messages.forEach(m -> array.add(toNode(m)));
        return array.toString();
    }

    private static ObjectNode toNode(JsonRpcMessage message) {
        final ObjectNode node = nodes().objectNode();
        node.put("jsonrpc", "2.0");
        if (message instanceof JsonRpcMessage.Request request) {
            node.set("id", request.id());
            node.put("method", request.method());
            if (request.params() != null) {
                node.set("params", request.params());
            }
        } else if (message instanceof JsonRpcMessage.Notification notification) {
            node.put("method", notification.method());
            if (notification.params() != null) {
                node.set("params", notification.params());
            }
        } else if (message instanceof JsonRpcMessage.Response response) {
            node.set("id", response.id());
            node.set("result", response.result());
        } else {
            final JsonRpcMessage.ErrorResponse response = (JsonRpcMessage.ErrorResponse) message;
            node.set("id", response.id());
            final ObjectNode error = node.putObject("error");
            error.put("code", response.error().code());
            error.put("message", response.error().message());
            if (response.error().data() != null) {
                error.set("data", response.error().data());
            }
        }
        return node;
    }

    private static JsonRpcInput.Invalid invalid(@dev.remotemedia.rtc.common.Nullable JsonNode id, String message) {
        final JsonNode echoed = id == null || !(id.isTextual() || id.isNumber() || id.isNull())
                                ? NullNode.getInstance() : id;
        return new JsonRpcInput.Invalid(new JsonRpcMessage.ErrorResponse(
                echoed, JsonRpcError.of(ErrorCode.INVALID_REQUEST, "invalid request: " + message)));
    }

    /** Prefixes a batch item's position: {@code "[3]: id: ..."}. */
    private static String at(String where, String message) {
        return where.isEmpty() ? message : where + ": " + message;
    }

    private static JsonRpcInput.Rejected rejected(ErrorCode code, String message) {
        return new JsonRpcInput.Rejected(JsonRpcMessage.ErrorResponse.withoutId(JsonRpcError.of(code, message)));
    }

    /** What kind of JSON value {@code node} is, for messages. */
    public static String kind(JsonNode node) {
        switch (node.getNodeType()) {
            case ARRAY: return "an array";
            case OBJECT: return "an object";
            case STRING: return "a string";
            case NUMBER: return "a number";
            case BOOLEAN: return "a boolean";
            case NULL: return "null";
            default: return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static String where(JsonLocation location) {
        return location == null ? "an unknown position"
                                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String shorten(String text) {
        final String firstLine = text.lines().findFirst().orElse("");
        return firstLine.length() <= MAX_ECHOED_CHARS ? firstLine : firstLine.substring(0, MAX_ECHOED_CHARS) + "…";
    }
}
