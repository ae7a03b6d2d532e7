package dev.remotemedia.rtc.transport.dtls;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.io.IOException;
import java.util.List;
import java.util.StringJoiner;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the BC client and server of one connection share: the WebRTC profile (suites, groups,
 * SRTP profiles), the local credentials, the fingerprint check, and the outcome the handshake
 * thread records for the loop to read after the handshake's result is posted to it.
 */
final class DtlsPeerSupport {

    private static final Logger logger = LoggerFactory.getLogger(DtlsPeerSupport.class);

    /** Bouncy Castle's EC for the handshake, the JDK's AES-GCM for records: see {@link DtlsCrypto}. */
    static final DtlsCrypto CRYPTO = DtlsCrypto.INSTANCE;

    /** Chromium's ECDHE suites with AEAD ciphers, AES-128-GCM first; RSA ones for peers with RSA certificates. */
    static final int[] CLIENT_SUITES = {
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    };
    /** Our certificate is ECDSA, so as server only the ECDSA suites can be chosen. */
    static final int[] SERVER_SUITES = {
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    };
    /** Chromium's key-exchange groups for DTLS 1.2, in its order. */
    static final int[] GROUPS = {NamedGroup.x25519, NamedGroup.secp256r1, NamedGroup.secp384r1};

    final DtlsRole role;
    final List<SrtpProfile> srtpProfiles;
    final int initialRetransmitMillis;
    final int handshakeTimeoutMillis;
    private final DtlsCertificate certificate;
    private final List<Fingerprint> expectedFingerprints;

    // Written by the handshake thread (or by the loop for alerts after the handshake), read by the
    // loop after the handshake's result has been posted to it.
    private volatile @Nullable RemoteMediaException verificationFailure;
    private volatile @Nullable Fingerprint remoteFingerprint;
    private volatile @Nullable SrtpProfile negotiatedSrtpProfile;
    private volatile @Nullable DtlsConnectionInfo connectionInfo;
    private volatile short receivedFatalAlert = -1;
    private volatile boolean peerClosed;

    DtlsPeerSupport(DtlsRole role, DtlsCertificate certificate, List<Fingerprint> expectedFingerprints,
                    List<SrtpProfile> srtpProfiles, int initialRetransmitMillis, int handshakeTimeoutMillis) {
        this.role = role;
        this.certificate = certificate;
        this.expectedFingerprints = List.copyOf(expectedFingerprints);
        this.srtpProfiles = List.copyOf(srtpProfiles);
        this.initialRetransmitMillis = initialRetransmitMillis;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    /** Our certificate and key, signing with ECDSA P-256 / SHA-256. */
    TlsCredentialedSigner credentials(TlsContext context) throws IOException {
        final TlsCertificate tlsCertificate = CRYPTO.createCertificate(certificate.derNoCopy());
        return new BcDefaultTlsCredentialedSigner(
                new TlsCryptoParameters(context), CRYPTO, certificate.privateKey(),
                new Certificate(new TlsCertificate[] {tlsCertificate}),
                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    /**
     * Checks the peer's end-entity certificate against the fingerprints from the remote SDP; it
     * must match one of them (RFC 8122 §5, RFC 8827 §6.5). A mismatch aborts the handshake with a
     * bad_certificate alert, so no application data can ever flow.
     */
    void verifyPeerCertificate(@Nullable Certificate chain) throws IOException {
        if (chain == null || chain.isEmpty()) {
            throw reject("DTLS peer sent no certificate (expected: one matching " + expectedText() + ")");
        }
        final byte[] der = chain.getCertificateAt(0).getEncoded();
        for (Fingerprint expected : expectedFingerprints) {
            if (expected.matches(der)) {
                remoteFingerprint = Fingerprint.sha256Of(der);
                return;
            }
        }
        final Fingerprint got = Fingerprint.compute(expectedFingerprints.get(0).algorithm(), der);
        throw reject("DTLS fingerprint mismatch: expected " + expectedText() + ", got " + got);
    }

    private TlsFatalAlert reject(String message) {
        verificationFailure = new RemoteMediaException(ErrorCode.CONNECTION_FAILED, message);
        logger.debug("{} DTLS handshake rejected: {}", role, message);
        return new TlsFatalAlert(AlertDescription.bad_certificate, message);
    }

    private String expectedText() {
        final StringJoiner joiner = new StringJoiner(" or ");
        expectedFingerprints.forEach(f -> joiner.add(f.toSdpValue()));
        return joiner.toString();
    }

    void srtpProfileNegotiated(@Nullable SrtpProfile profile) {
        negotiatedSrtpProfile = profile;
    }

    /** Called by BC once the handshake is complete, still on the handshake thread. */
    void handshakeComplete(TlsContext context) {
        final int suite = context.getSecurityParametersConnection().getCipherSuite();
        final SrtpProfile profile = negotiatedSrtpProfile;
        SrtpKeyingMaterial srtp = null;
        if (profile != null) {
            final byte[] material = context.exportKeyingMaterial(
                    ExporterLabel.dtls_srtp, null, SrtpKeyingMaterial.exportLength(profile));
            srtp = new SrtpKeyingMaterial(profile, role, material);
        }
        final Fingerprint remote = remoteFingerprint;
        if (remote == null) {
            throw new IllegalStateException("handshake completed without verifying the peer's certificate");
        }
        connectionInfo = new DtlsConnectionInfo(role, suiteName(suite), remote, srtp);
    }

    @Nullable DtlsConnectionInfo connectionInfo() {
        return connectionInfo;
    }

    void alertReceived(short level, short description) {
        if (description == AlertDescription.close_notify) {
            peerClosed = true;
        } else if (level == AlertLevel.fatal) {
            receivedFatalAlert = description;
        }
        logger.debug("{} DTLS alert received: {} {}", role, AlertLevel.getText(level),
                     AlertDescription.getText(description));
    }

    void alertRaised(short level, short description, @Nullable String message) {
        logger.debug("{} DTLS alert sent: {} {}{}", role, AlertLevel.getText(level),
                     AlertDescription.getText(description), message == null ? "" : " (" + message + ')');
    }

    /** Whether the peer sent close_notify. */
    boolean peerClosed() {
        return peerClosed;
    }

    /** Turns whatever ended the handshake or the connection into a message for the user. */
    RemoteMediaException describeFailure(Exception e, boolean duringHandshake) {
        final RemoteMediaException verification = verificationFailure;
        if (verification != null) {
            return verification;
        }
        final String what = duringHandshake ? "DTLS handshake failed" : "DTLS connection failed";
        final String message;
        if (e instanceof TlsFatalAlertReceived received) {
            message = what + ": the peer sent fatal alert " + AlertDescription.getText(received.getAlertDescription());
        } else if (e instanceof TlsTimeoutException) {
            message = "DTLS handshake timed out after " + handshakeTimeoutMillis + " ms (expected: the peer to answer)";
        } else if (e instanceof TlsFatalAlert alert) {
            message = what + ": " + AlertDescription.getText(alert.getAlertDescription())
                      + (alert.getMessage() == null ? "" : " (" + alert.getMessage() + ')');
        } else if (receivedFatalAlert >= 0) {
            message = what + ": the peer sent fatal alert " + AlertDescription.getText(receivedFatalAlert);
        } else {
            message = what + ": " + e;
        }
        return new RemoteMediaException(ErrorCode.CONNECTION_FAILED, message, e);
    }

    /** The supported groups of {@link #GROUPS}, as BC's client API wants them. */
    static Vector<Integer> supportedGroups() {
        final Vector<Integer> groups = new Vector<>();
        for (int group : GROUPS) {
            if (CRYPTO.hasNamedGroup(group)) {
                groups.add(group);
            }
        }
        return groups;
    }

    static int[] srtpProfileIds(List<SrtpProfile> profiles) {
        return profiles.stream().mapToInt(SrtpProfile::id).toArray();
    }

    /** The IANA name of one of {@link #CLIENT_SUITES}, as W3C stats report {@code dtlsCipher}. */
    static String suiteName(int suite) {
        switch (suite) {
            case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:
                return "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
            case CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:
                return "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
            case CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384:
                return "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
            case CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384:
                return "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
            case CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256:
                return "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
            case CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256:
                return "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256";
            default:
                return String.format("0x%04X", suite);
        }
    }
}
