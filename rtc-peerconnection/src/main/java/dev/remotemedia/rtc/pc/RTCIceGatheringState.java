package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;

/** ICE gathering states (W3C WebRTC §4.3.2). */
public enum RTCIceGatheringState {
    NEW,
    GATHERING,
    COMPLETE;

    /** The W3C name, such as {@code "gathering"}. */
    public String w3cName() {
        return W3cNames.of(this);
    }

    /** The enum for a W3C name; {@code null} for an unknown one. */
    public static @Nullable RTCIceGatheringState fromW3cName(String name) {
        return W3cNames.parse(RTCIceGatheringState.class, name);
    }
}
