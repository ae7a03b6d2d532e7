package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.Map;

/**
 * One W3C stats object (<a href="https://www.w3.org/TR/webrtc-stats/">webrtc-stats</a>): its
 * {@code type} ({@code "inbound-rtp"}, {@code "outbound-rtp"}, {@code "remote-inbound-rtp"},
 * {@code "remote-outbound-rtp"}, {@code "codec"}, {@code "transport"}, {@code "candidate-pair"},
 * {@code "data-channel"}, {@code "peer-connection"}), {@code id}, {@code timestamp} (ms since the
 * Unix epoch) and the members W3C names for that type, with W3C's member names ({@code
 * packetsReceived}, {@code jitter} in seconds, ...). Numbers are {@code Long} or {@code Double};
 * text is {@code String}.
 */
public record RTCStats(String type, String id, double timestamp, Map<String, Object> members) {
    public RTCStats {
        requireNonNull(type, "type");
        requireNonNull(id, "id");
        members = Map.copyOf(members);
    }

    /** The member {@code name}, or {@code null}. */
    public @Nullable Object get(String name) {
        return members.get(name);
    }

    /** A numeric member as a long, or {@code defaultValue} when absent. */
    public long getLong(String name, long defaultValue) {
        final Object value = members.get(name);
        return value instanceof Number number ? number.longValue() : defaultValue;
    }

    /** A numeric member as a double, or {@code defaultValue} when absent. */
    public double getDouble(String name, double defaultValue) {
        final Object value = members.get(name);
        return value instanceof Number number ? number.doubleValue() : defaultValue;
    }
}
