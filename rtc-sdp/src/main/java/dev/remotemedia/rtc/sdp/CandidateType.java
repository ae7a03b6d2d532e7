package dev.remotemedia.rtc.sdp;

import dev.remotemedia.rtc.common.Nullable;

/** ICE candidate types (RFC 8445 §5.1.1, SDP syntax in RFC 8839 §5.1). */
public enum CandidateType {
    HOST("host"),
    SERVER_REFLEXIVE("srflx"),
    PEER_REFLEXIVE("prflx"),
    RELAY("relay");

    private final String value;

    CandidateType(String value) {
        this.value = value;
    }

    /** The value after {@code typ}, such as {@code srflx}. */
    public String value() {
        return value;
    }

    public static @Nullable CandidateType fromValue(String value) {
        for (CandidateType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        return null;
    }
}
