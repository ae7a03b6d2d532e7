package dev.remotemedia.rtc.transport.dtls;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;

/**
 * A self-signed ECDSA P-256 certificate and its private key: the DTLS identity of one connection,
 * or of many when a factory shares it (it is immutable and thread-safe). WebRTC trusts it through
 * the fingerprint signaled in SDP, not through a CA
 * (<a href="https://www.rfc-editor.org/rfc/rfc8827#section-6.5">RFC 8827 §6.5</a>).
 *
 * <p>Made like Chromium's (webrtc {@code rtc_base/ssl_identity.h}): ECDSA over P-256 signed with
 * SHA-256, a random 64-bit serial, valid from a day before now (to tolerate skewed clocks) for 30
 * days by default. Peers check only the fingerprint, never the dates, so a long-lived shared
 * certificate works; {@link #notAfter()} lets its owner renew it on its own schedule.
 */
public final class DtlsCertificate {

    /** Chromium's default lifetime ({@code kDefaultCertificateLifetimeInSeconds}). */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(30);
    /** Chromium's {@code kCertificateWindowInSeconds}: start validity a day early for skewed clocks. */
    private static final Duration BACKDATE = Duration.ofDays(1);
    private static final String COMMON_NAME = "remotemedia";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** P-256 with its name, so the certificate's key names its curve (RFC 5480 §2.1.1). */
    private static final ECNamedDomainParameters P256 =
            ECNamedDomainParameters.lookup(SECObjectIdentifiers.secp256r1);
    private static final AlgorithmIdentifier SHA256_WITH_ECDSA =
            new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    private static final AlgorithmIdentifier SHA256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);

    private final ECPrivateKeyParameters privateKey;
    private final byte[] der;
    private final Fingerprint fingerprint;
    private final Instant notBefore;
    private final Instant notAfter;

    private DtlsCertificate(ECPrivateKeyParameters privateKey, byte[] der, Instant notBefore, Instant notAfter) {
        this.privateKey = privateKey;
        this.der = der;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        fingerprint = Fingerprint.sha256Of(der);
    }

    /** Generates a certificate valid for {@link #DEFAULT_LIFETIME}. Takes about 0.15 ms once warm. */
    public static DtlsCertificate generate() {
        return generate(DEFAULT_LIFETIME);
    }

    /** Generates a certificate valid from a day ago until {@code lifetime} from now. */
    public static DtlsCertificate generate(Duration lifetime) {
        requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime: " + lifetime + " (expected: > 0)");
        }
        // X.509 keeps whole seconds; truncating keeps notBefore()/notAfter() equal to the certificate's.
        final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        final Instant notBefore = now.minus(BACKDATE);
        final Instant notAfter = now.plus(lifetime);
        try {
            // Bouncy Castle's own EC code, as in the handshake (DtlsCrypto): the key is then ready
            // for its signer, and a certificate takes about 0.15 ms instead of 1 ms on the JDK.
            final ECKeyPairGenerator generator = new ECKeyPairGenerator();
            generator.init(new ECKeyGenerationParameters(P256, RANDOM));
            final AsymmetricCipherKeyPair keyPair = generator.generateKeyPair();
            final X500Name name = new X500Name("CN=" + COMMON_NAME);
            // Positive and non-zero, as RFC 5280 §4.1.2.2 asks.
            final BigInteger serial = new BigInteger(63, RANDOM).add(BigInteger.ONE);
            final X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                    name, serial, Date.from(notBefore), Date.from(notAfter), name,
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keyPair.getPublic()));
            final ContentSigner signer = new BcECContentSignerBuilder(SHA256_WITH_ECDSA, SHA256)
                    .setSecureRandom(RANDOM)
                    .build(keyPair.getPrivate());
            final byte[] der = builder.build(signer).getEncoded();
            return new DtlsCertificate((ECPrivateKeyParameters) keyPair.getPrivate(), der, notBefore, notAfter);
        } catch (OperatorCreationException | IOException e) {
            throw new RemoteMediaException(ErrorCode.INTERNAL,
                                           "DTLS certificate generation failed: " + e.getMessage(), e);
        }
    }

    /** The SHA-256 fingerprint to put in the local SDP as {@code a=fingerprint}. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** The DER encoding of the certificate (a copy), as W3C {@code RTCCertificateStats} reports it. */
    public byte[] encoded() {
        return der.clone();
    }

    /** When the certificate starts to be valid: a day before it was made. */
    public Instant notBefore() {
        return notBefore;
    }

    /** When the certificate stops being valid. */
    public Instant notAfter() {
        return notAfter;
    }

    ECPrivateKeyParameters privateKey() {
        return privateKey;
    }

    /** The DER bytes themselves; callers must not change them. */
    byte[] derNoCopy() {
        return der;
    }

    @Override
    public String toString() {
        return "DtlsCertificate[" + fingerprint + ", notAfter=" + notAfter + ']';
    }
}
