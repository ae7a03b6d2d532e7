package dev.remotemedia.rtc.transport.dtls;

import dev.remotemedia.rtc.common.Nullable;

/**
 * SRTP protection profiles negotiated by the DTLS {@code use_srtp} extension
 * (<a href="https://www.rfc-editor.org/rfc/rfc5764#section-4.1.2">RFC 5764 §4.1.2</a>,
 * <a href="https://www.rfc-editor.org/rfc/rfc7714#section-14.2">RFC 7714 §14.2</a>), with the master
 * key and salt lengths that size the exported keying material.
 */
public enum SrtpProfile {
    /** AES-128-GCM (RFC 7714): runs on the JDK's AES-NI/CLMUL intrinsics. */
    AEAD_AES_128_GCM(0x0007, 16, 12),
    /** AES-128 counter mode with an 80-bit HMAC-SHA1 tag: the one every WebRTC endpoint must support. */
    AES128_CM_HMAC_SHA1_80(0x0001, 16, 14);

    private final int id;
    private final int keyLength;
    private final int saltLength;

    SrtpProfile(int id, int keyLength, int saltLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
    }

    /** The two-byte profile identifier on the wire. */
    public int id() {
        return id;
    }

    /** Master key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** Master salt length in bytes. */
    public int saltLength() {
        return saltLength;
    }

    /** The profile with wire identifier {@code id}, or null if this stack does not support it. */
    public static @Nullable SrtpProfile fromId(int id) {
        for (SrtpProfile profile : values()) {
            if (profile.id == id) {
                return profile;
            }
        }
        return null;
    }
}
