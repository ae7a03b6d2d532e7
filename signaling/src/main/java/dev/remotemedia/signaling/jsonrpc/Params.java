package dev.remotemedia.signaling.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to the named params of a call. Every accessor fails with a
 * {@link RemoteMediaException} of {@link ErrorCode#INVALID_PARAMS} ({@code -32602}) whose message
 * names the param and says what was expected and what came, such as
 * {@code "params.sdp: expected a string, got a number"}.
 */
public final class Params {
    private static final Params EMPTY = new Params(JsonRpcCodec.nodes().objectNode());

    private final JsonNode node;

    private Params(JsonNode node) {
        this.node = node;
    }

    /** The params of a call; absent params read as an empty object, an array is refused. */
    public static Params of(@Nullable JsonNode params) {
        if (params == null || params.isNull()) {
            return EMPTY;
        }
        if (!params.isObject()) {
            throw invalid("params: expected an object of named params, got " + JsonRpcCodec.kind(params));
        }
        return new Params(params);
    }

    /** The params as JSON (an object). */
    public JsonNode node() {
        return node;
    }

    /** Whether {@code name} is present, even as {@code null}. */
    public boolean has(String name) {
        return node.has(name);
    }

    /** A string that must be present. */
    public String requiredString(String name) {
        final JsonNode value = node.get(name);
        if (value == null) {
            throw invalid("params." + name + ": missing (expected: a string)");
        }
        return string(name, value);
    }

    /** A string, or {@code null} when absent or JSON {@code null}. */
    public @Nullable String optionalString(String name) {
        final JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : string(name, value);
    }

    /** A non-empty string that must be present. */
    public String requiredNonEmptyString(String name) {
        final String value = requiredString(name);
        if (value.isEmpty()) {
            throw invalid("params." + name + ": empty (expected: a non-empty string)");
        }
        return value;
    }

    private static String string(String name, JsonNode value) {
        if (!value.isTextual()) {
            throw invalid("params." + name + ": expected a string, got " + JsonRpcCodec.kind(value));
        }
        return value.textValue();
    }

    /** A boolean, or {@code fallback} when absent or {@code null}. */
    public boolean optionalBoolean(String name, boolean fallback) {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw invalid("params." + name + ": expected true or false, got " + JsonRpcCodec.kind(value));
        }
        return value.booleanValue();
    }

    /** A non-negative integer that fits an {@code int}, or {@code null} when absent or {@code null}. */
    public @Nullable Integer optionalIndex(String name) {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw invalid("params." + name + ": expected a non-negative integer, got "
                          + (value.isNumber() ? value.asText() : JsonRpcCodec.kind(value)));
        }
        return value.intValue();
    }

    /** An id that may be a string or a number, as text; {@code null} when absent or {@code null}. */
    public @Nullable String optionalId(String name) {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual() || value.isIntegralNumber()) {
            return value.asText();
        }
        throw invalid("params." + name + ": expected a string or an integer, got " + JsonRpcCodec.kind(value));
    }

    /** A list of strings; empty when absent or {@code null}. */
    public List<String> optionalStringList(String name, int maxItems) {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid("params." + name + ": expected an array of strings, got " + JsonRpcCodec.kind(value));
        }
        if (value.size() > maxItems) {
            throw invalid("params." + name + ": " + value.size() + " items (expected: at most " + maxItems + ')');
        }
        final List<String> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            final JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw invalid("params." + name + '[' + i + "]: expected a string, got " + JsonRpcCodec.kind(item));
            }
            items.add(item.textValue());
        }
        return items;
    }

    /** Any JSON value; JSON {@code null} when absent. */
    public JsonNode optionalValue(String name) {
        final JsonNode value = node.get(name);
        return value == null ? NullNode.getInstance() : value;
    }

    /** The exception for a bad param. */
    public static RemoteMediaException invalid(String message) {
        return new RemoteMediaException(ErrorCode.INVALID_PARAMS, message);
    }
}
