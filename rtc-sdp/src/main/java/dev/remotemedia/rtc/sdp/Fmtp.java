package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code a=fmtp:<payload type> <format specific parameters>} (RFC 8866 §6.15). The parameters are
 * kept verbatim, because their syntax belongs to each codec; {@link #parameterMap()} reads the
 * common {@code key=value;key=value} form.
 */
public record Fmtp(int payloadType, String parameters) {
    public Fmtp {
        Tokens.checkRange(payloadType, 0, 127, "payloadType");
        Tokens.checkText(requireNonNull(parameters, "parameters"), "parameters");
    }

    /**
     * The parameters as {@code key=value} pairs separated by {@code ;}, in order, with spaces around
     * them trimmed; a part without {@code =} (such as RED's {@code 111/111}) maps to {@code ""}.
     * The first of repeated keys wins.
     */
    public Map<String, String> parameterMap() {
        final Map<String, String> result = new LinkedHashMap<>();
        for (String part : parameters.split(";", -1)) {
            final String trimmed = part.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            final int equals = trimmed.indexOf('=');
            final String key = equals < 0 ? trimmed : trimmed.substring(0, equals).strip();
            final String value = equals < 0 ? "" : trimmed.substring(equals + 1).strip();
            result.putIfAbsent(key, value);
        }
        return Collections.unmodifiableMap(result);
    }

    /** The value of parameter {@code key}, or {@code null} if absent. */
    public @Nullable String parameter(String key) {
        return parameterMap().get(requireNonNull(key, "key"));
    }

    public String toSdpValue() {
        return payloadType + " " + parameters;
    }
}
