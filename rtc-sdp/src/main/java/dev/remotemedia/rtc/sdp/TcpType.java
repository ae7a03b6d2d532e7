package dev.remotemedia.rtc.sdp;

import dev.remotemedia.rtc.common.Nullable;

/** The {@code tcptype} of an ICE-TCP candidate (RFC 6544 §4.5). */
public enum TcpType {
    ACTIVE("active"),
    PASSIVE("passive"),
    SIMULTANEOUS_OPEN("so");

    private final String value;

    TcpType(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static @Nullable TcpType fromValue(String value) {
        for (TcpType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        return null;
    }
}
