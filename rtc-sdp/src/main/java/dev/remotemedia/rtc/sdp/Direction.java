package dev.remotemedia.rtc.sdp;

import dev.remotemedia.rtc.common.Nullable;

/** Media direction attributes (RFC 8866 §6.7). Without one, a section is {@link #SENDRECV}. */
public enum Direction {
    SENDRECV("sendrecv"),
    SENDONLY("sendonly"),
    RECVONLY("recvonly"),
    INACTIVE("inactive");

    private final String attributeName;

    Direction(String attributeName) {
        this.attributeName = attributeName;
    }

    /** The attribute as written in SDP, such as {@code sendrecv}. */
    public String attributeName() {
        return attributeName;
    }

    /** The direction named by attribute {@code name}, or {@code null} if it names none. */
    public static @Nullable Direction fromAttributeName(String name) {
        for (Direction direction : values()) {
            if (direction.attributeName.equals(name)) {
                return direction;
            }
        }
        return null;
    }

    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** The direction as the other peer sees it: {@code sendonly} ↔ {@code recvonly}. */
    public Direction reversed() {
        switch (this) {
            case SENDONLY:
                return RECVONLY;
            case RECVONLY:
                return SENDONLY;
            default:
                return this;
        }
    }
}
