package dev.remotemedia.rtc.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The self-signed ECDSA P-256 certificate, read back with the JDK's X.509 parser. */
class DtlsCertificateTest {

    @Test
    void isASelfSignedP256CertificateLikeChromiums() throws Exception {
        final Instant before = Instant.now();
        final DtlsCertificate certificate = DtlsCertificate.generate();
        final X509Certificate x509 = parse(certificate.encoded());

        assertThat(x509.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(x509.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(x509.getSubjectX500Principal().getName()).isEqualTo("CN=remotemedia");
        assertThat(x509.getIssuerX500Principal()).isEqualTo(x509.getSubjectX500Principal());
        x509.verify(x509.getPublicKey()); // signed by its own key
        assertThat(x509.getSerialNumber().signum()).isEqualTo(1);
        assertThat(x509.getNotBefore().toInstant())
                .isCloseTo(before.minus(Duration.ofDays(1)), within(5, ChronoUnit.SECONDS));
        assertThat(x509.getNotAfter().toInstant())
                .isCloseTo(before.plus(Duration.ofDays(30)), within(5, ChronoUnit.SECONDS));
        assertThat(certificate.notAfter()).isEqualTo(x509.getNotAfter().toInstant());
    }

    @Test
    void fingerprintIsTheSha256OfTheDerEncoding() {
        final DtlsCertificate certificate = DtlsCertificate.generate();

        assertThat(certificate.fingerprint()).isEqualTo(Fingerprint.sha256Of(certificate.encoded()));
        assertThat(certificate.fingerprint().algorithm()).isEqualTo("sha-256");
    }

    @Test
    void everyCertificateHasItsOwnKeyAndSerial() throws Exception {
        final DtlsCertificate a = DtlsCertificate.generate();
        final DtlsCertificate b = DtlsCertificate.generate();

        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
        assertThat(parse(a.encoded()).getSerialNumber()).isNotEqualTo(parse(b.encoded()).getSerialNumber());
        assertThat(parse(a.encoded()).getPublicKey()).isNotEqualTo(parse(b.encoded()).getPublicKey());
    }

    @Test
    void lifetimeCanBeChosen() throws Exception {
        final Instant before = Instant.now();
        final DtlsCertificate certificate = DtlsCertificate.generate(Duration.ofDays(365));

        assertThat(parse(certificate.encoded()).getNotAfter().toInstant())
                .isCloseTo(before.plus(Duration.ofDays(365)), within(5, ChronoUnit.SECONDS));
        assertThatThrownBy(() -> DtlsCertificate.generate(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lifetime: PT0S (expected: > 0)");
    }

    @Test
    void encodedReturnsACopy() {
        final DtlsCertificate certificate = DtlsCertificate.generate();
        certificate.encoded()[0] ^= 1;

        assertThat(Fingerprint.sha256Of(certificate.encoded())).isEqualTo(certificate.fingerprint());
    }

    private static X509Certificate parse(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                                                   .generateCertificate(new ByteArrayInputStream(der));
    }
}
