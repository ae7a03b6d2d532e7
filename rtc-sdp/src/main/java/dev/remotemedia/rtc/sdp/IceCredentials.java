package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

/** {@code a=ice-ufrag} and {@code a=ice-pwd} (RFC 8839 §5.4) as they apply to one media section. */
public record IceCredentials(String ufrag, String password) {
    public IceCredentials {
        requireNonNull(ufrag, "ufrag");
        requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", password=****]";
    }
}
