package dev.remotemedia.rtc.transport.dtls;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;

/**
 * What a successful handshake settled, for the SRTP layer and for W3C stats ({@code dtlsCipher},
 * {@code srtpCipher}, {@code remoteCertificateId}).
 *
 * @param role the role this endpoint played
 * @param cipherSuite the IANA name of the negotiated suite, e.g. {@code TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}
 * @param remoteFingerprint the SHA-256 fingerprint of the certificate the peer presented (verified)
 * @param srtp the SRTP profile and keys, or null when the peer did not negotiate {@code use_srtp}
 */
public record DtlsConnectionInfo(DtlsRole role, String cipherSuite, Fingerprint remoteFingerprint,
                                 @Nullable SrtpKeyingMaterial srtp) {
    public DtlsConnectionInfo {
        requireNonNull(role, "role");
        requireNonNull(cipherSuite, "cipherSuite");
        requireNonNull(remoteFingerprint, "remoteFingerprint");
    }
}
