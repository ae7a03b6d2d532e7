package dev.remotemedia.rtc.sdp;

import dev.remotemedia.rtc.common.Nullable;

/**
 * The {@code a=setup} attribute (RFC 4145 §4, used for DTLS by RFC 8842 §5): which side opens the
 * connection and so acts as the DTLS client.
 */
public enum SetupRole {
    /** Offerer's choice: either role (RFC 8842 §5.2 requires it in offers). */
    ACTPASS("actpass"),
    /** This side initiates: the DTLS client. */
    ACTIVE("active"),
    /** This side waits: the DTLS server. */
    PASSIVE("passive"),
    /** No connection for now. */
    HOLDCONN("holdconn");

    private final String value;

    SetupRole(String value) {
        this.value = value;
    }

    /** The attribute value, such as {@code actpass}. */
    public String value() {
        return value;
    }

    /** The role named {@code value}, or {@code null} if it names none. */
    public static @Nullable SetupRole fromValue(String value) {
        for (SetupRole role : values()) {
            if (role.value.equals(value)) {
                return role;
            }
        }
        return null;
    }
}
