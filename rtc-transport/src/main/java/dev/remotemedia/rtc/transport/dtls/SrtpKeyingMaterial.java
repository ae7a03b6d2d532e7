package dev.remotemedia.rtc.transport.dtls;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * The SRTP master keys and salts exported from a DTLS session with label {@code
 * EXTRACTOR-dtls_srtp} (<a href="https://www.rfc-editor.org/rfc/rfc5764#section-4.2">RFC 5764
 * §4.2</a>), split by direction for this endpoint's role. The exported block is laid out as
 *
 * <pre>
 * client_write_SRTP_master_key[keyLength]
 * server_write_SRTP_master_key[keyLength]
 * client_write_SRTP_master_salt[saltLength]
 * server_write_SRTP_master_salt[saltLength]
 * </pre>
 *
 * <p>The local key and salt protect what this endpoint sends, the remote ones what it receives.
 * Every accessor returns a copy.
 */
public final class SrtpKeyingMaterial {

    private final SrtpProfile profile;
    private final DtlsRole role;
    private final byte[] material;

    SrtpKeyingMaterial(SrtpProfile profile, DtlsRole role, byte[] material) {
        this.profile = requireNonNull(profile, "profile");
        this.role = requireNonNull(role, "role");
        requireNonNull(material, "material");
        if (material.length != exportLength(profile)) {
            throw new IllegalArgumentException("material: " + material.length + " bytes (expected: "
                                               + exportLength(profile) + " for " + profile + ")");
        }
        this.material = material.clone();
    }

    /** How many bytes to export for {@code profile}: two keys and two salts. */
    static int exportLength(SrtpProfile profile) {
        return 2 * (profile.keyLength() + profile.saltLength());
    }

    /** The negotiated protection profile. */
    public SrtpProfile profile() {
        return profile;
    }

    /** The exported block as RFC 5764 §4.2 lays it out. */
    public byte[] material() {
        return material.clone();
    }

    /** The master key for packets this endpoint sends. */
    public byte[] localKey() {
        return key(role == DtlsRole.CLIENT);
    }

    /** The master salt for packets this endpoint sends. */
    public byte[] localSalt() {
        return salt(role == DtlsRole.CLIENT);
    }

    /** The master key for packets this endpoint receives. */
    public byte[] remoteKey() {
        return key(role != DtlsRole.CLIENT);
    }

    /** The master salt for packets this endpoint receives. */
    public byte[] remoteSalt() {
        return salt(role != DtlsRole.CLIENT);
    }

    private byte[] key(boolean client) {
        final int start = client ? 0 : profile.keyLength();
        return Arrays.copyOfRange(material, start, start + profile.keyLength());
    }

    private byte[] salt(boolean client) {
        final int start = 2 * profile.keyLength() + (client ? 0 : profile.saltLength());
        return Arrays.copyOfRange(material, start, start + profile.saltLength());
    }

    /** Names the profile and role only: keys never go to logs. */
    @Override
    public String toString() {
        return "SrtpKeyingMaterial[" + profile + ", " + role + ']';
    }
}
