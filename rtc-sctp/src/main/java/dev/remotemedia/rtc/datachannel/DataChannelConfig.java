package dev.remotemedia.rtc.datachannel;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.nio.charset.StandardCharsets;

/**
 * How to open a data channel: the fields of W3C {@code RTCDataChannelInit} plus the label. With
 * neither {@code maxRetransmits} nor {@code maxPacketLifeTimeMillis} the channel is reliable.
 *
 * @param label the channel's label, at most 65535 bytes in UTF-8
 * @param protocol the subprotocol, at most 65535 bytes in UTF-8; often empty
 * @param ordered whether messages arrive in the order sent
 * @param maxRetransmits how many times a message may be retransmitted ({@code 0..65535}), or {@code
 *     null}
 * @param maxPacketLifeTimeMillis how long a message may be retransmitted ({@code 0..65535} ms), or
 *     {@code null}
 * @param negotiated whether the application created the channel on both sides with the same {@code
 *     id}, so no DCEP OPEN is sent
 * @param id the stream id ({@code 0..65534}); required when {@code negotiated}, otherwise {@code
 *     null} to let the DTLS role pick one
 * @param priority the DCEP priority field (RFC 8832 §5.1), {@code 0..65535}; 256 is "normal"
 */
public record DataChannelConfig(String label, String protocol, boolean ordered,
                                @Nullable Integer maxRetransmits, @Nullable Integer maxPacketLifeTimeMillis,
                                boolean negotiated, @Nullable Integer id, int priority) {

    /** The DCEP priority of a W3C "normal" channel (RFC 8832 §5.1 and W3C WebRTC Priority). */
    public static final int NORMAL_PRIORITY = 256;

    public DataChannelConfig {
        checkText("label", requireNonNull(label, "label"));
        checkText("protocol", requireNonNull(protocol, "protocol"));
        if (maxRetransmits != null && maxPacketLifeTimeMillis != null) {
            throw new IllegalArgumentException(
                    "maxRetransmits and maxPacketLifeTimeMillis are both set (expected: at most one)");
        }
        checkRange("maxRetransmits", maxRetransmits, 0xFFFF);
        checkRange("maxPacketLifeTimeMillis", maxPacketLifeTimeMillis, 0xFFFF);
        checkRange("id", id, 65534);
        if (negotiated && id == null) {
            throw new IllegalArgumentException("id: null (expected: 0..65534 for a negotiated channel)");
        }
        if ((priority & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("priority: " + priority + " (expected: 0..65535)");
        }
    }

    /** Returns a reliable, ordered, in-band channel config with {@code label}. */
    public static DataChannelConfig of(String label) {
        return new DataChannelConfig(label, "", true, null, null, false, null, NORMAL_PRIORITY);
    }

    public DataChannelConfig withProtocol(String protocol) {
        return new DataChannelConfig(label, protocol, ordered, maxRetransmits, maxPacketLifeTimeMillis,
                                     negotiated, id, priority);
    }

    public DataChannelConfig withOrdered(boolean ordered) {
        return new DataChannelConfig(label, protocol, ordered, maxRetransmits, maxPacketLifeTimeMillis,
                                     negotiated, id, priority);
    }

    public DataChannelConfig withMaxRetransmits(@Nullable Integer maxRetransmits) {
        return new DataChannelConfig(label, protocol, ordered, maxRetransmits, maxPacketLifeTimeMillis,
                                     negotiated, id, priority);
    }

    public DataChannelConfig withMaxPacketLifeTimeMillis(@Nullable Integer maxPacketLifeTimeMillis) {
        return new DataChannelConfig(label, protocol, ordered, maxRetransmits, maxPacketLifeTimeMillis,
                                     negotiated, id, priority);
    }

    /** Returns this config for a negotiated channel on stream {@code id}. */
    public DataChannelConfig withNegotiatedId(int id) {
        return new DataChannelConfig(label, protocol, ordered, maxRetransmits, maxPacketLifeTimeMillis,
                                     true, id, priority);
    }

    /** Returns this config asking for stream {@code id} (in-band; else use {@link #withNegotiatedId}). */
    public DataChannelConfig withId(@Nullable Integer id) {
        return new DataChannelConfig(label, protocol, ordered, maxRetransmits, maxPacketLifeTimeMillis,
                                     negotiated, id, priority);
    }

    public DataChannelConfig withPriority(int priority) {
        return new DataChannelConfig(label, protocol, ordered, maxRetransmits, maxPacketLifeTimeMillis,
                                     negotiated, id, priority);
    }

    /** Returns whether no message is ever given up. */
    public boolean isReliable() {
        return maxRetransmits == null && maxPacketLifeTimeMillis == null;
    }

    /** Returns the DCEP OPEN announcing this channel (RFC 8832 §5.1). */
    DataChannelOpen toOpenMessage() {
        if (maxRetransmits != null) {
            return new DataChannelOpen(ordered, DataChannelOpen.Reliability.PARTIAL_RELIABLE_REXMIT,
                                       maxRetransmits, priority, label, protocol);
        }
        if (maxPacketLifeTimeMillis != null) {
            return new DataChannelOpen(ordered, DataChannelOpen.Reliability.PARTIAL_RELIABLE_TIMED,
                                       maxPacketLifeTimeMillis, priority, label, protocol);
        }
        return new DataChannelOpen(ordered, DataChannelOpen.Reliability.RELIABLE, 0, priority, label, protocol);
    }

    /** Returns the config a peer's OPEN on stream {@code id} describes; values past 65535 are capped. */
    static DataChannelConfig fromOpenMessage(DataChannelOpen open, int id) {
        final int parameter = (int) Math.min(open.reliabilityParameter(), 0xFFFF);
        final Integer maxRetransmits =
                open.reliability() == DataChannelOpen.Reliability.PARTIAL_RELIABLE_REXMIT ? parameter : null;
        final Integer maxLifetime =
                open.reliability() == DataChannelOpen.Reliability.PARTIAL_RELIABLE_TIMED ? parameter : null;
        return new DataChannelConfig(open.label(), open.protocol(), open.ordered(), maxRetransmits, maxLifetime,
                                     false, id, open.priority());
    }

    private static void checkText(String name, String text) {
        final int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 0xFFFF) {
            throw new IllegalArgumentException(name + ": " + bytes + " bytes in UTF-8 (expected: <= 65535)");
        }
    }

    private static void checkRange(String name, @Nullable Integer value, int max) {
        if (value != null && (value < 0 || value > max)) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0.." + max + ')');
        }
    }
}
