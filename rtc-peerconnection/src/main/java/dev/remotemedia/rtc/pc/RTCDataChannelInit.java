package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;

/**
 * Options of a new data channel (W3C WebRTC §6.2, {@code RTCDataChannelInit}). At most one of
 * {@code maxPacketLifeTime} and {@code maxRetransmits} may be set; with neither the channel is
 * reliable. A {@code negotiated} channel is not announced in-band: both sides create it with the
 * same {@code id}.
 */
public record RTCDataChannelInit(boolean ordered, @Nullable Integer maxPacketLifeTime,
                                 @Nullable Integer maxRetransmits, String protocol, boolean negotiated,
                                 @Nullable Integer id) {

    /** The defaults: reliable, ordered, in-band, no protocol. */
    public static final RTCDataChannelInit DEFAULT = new RTCDataChannelInit(true, null, null, "", false, null);

    public RTCDataChannelInit {
        if (protocol == null) {
            protocol = "";
        }
        if (maxPacketLifeTime != null && maxRetransmits != null) {
            throw new TypeError("maxPacketLifeTime and maxRetransmits are both set "
                                               + "(expected: at most one)");
        }
        checkRange(maxPacketLifeTime, "maxPacketLifeTime");
        checkRange(maxRetransmits, "maxRetransmits");
        if (id != null && (id < 0 || id > 65534)) {
            throw new TypeError("id: " + id + " (expected: 0..65534)");
        }
        if (negotiated && id == null) {
            throw new TypeError("a negotiated channel needs an id");
        }
    }

    private static void checkRange(@Nullable Integer value, String name) {
        if (value != null && (value < 0 || value > 65535)) {
            throw new TypeError("" + name + ": " + value + " (expected: 0..65535)");
        }
    }

    public RTCDataChannelInit withOrdered(boolean value) {
        return new RTCDataChannelInit(value, maxPacketLifeTime, maxRetransmits, protocol, negotiated, id);
    }

    public RTCDataChannelInit withMaxPacketLifeTime(@Nullable Integer value) {
        return new RTCDataChannelInit(ordered, value, maxRetransmits, protocol, negotiated, id);
    }

    public RTCDataChannelInit withMaxRetransmits(@Nullable Integer value) {
        return new RTCDataChannelInit(ordered, maxPacketLifeTime, value, protocol, negotiated, id);
    }

    public RTCDataChannelInit withProtocol(String value) {
        return new RTCDataChannelInit(ordered, maxPacketLifeTime, maxRetransmits, value, negotiated, id);
    }

    /** A negotiated channel with this id. */
    public RTCDataChannelInit withNegotiatedId(int value) {
        return new RTCDataChannelInit(ordered, maxPacketLifeTime, maxRetransmits, protocol, true, value);
    }

    /** Whether messages may be dropped (partial reliability, RFC 8831 §6.1). */
    public boolean isReliable() {
        return maxPacketLifeTime == null && maxRetransmits == null;
    }
}
