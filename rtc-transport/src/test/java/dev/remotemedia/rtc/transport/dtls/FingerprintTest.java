package dev.remotemedia.rtc.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 8122 §5 fingerprints: formatting, parsing, and bad input that must come back as an error. */
class FingerprintTest {

    /** From a Chromium offer ({@code a=fingerprint:sha-256 ...}). */
    private static final String CHROMIUM = "sha-256 "
            + "6B:8B:5D:EA:59:04:20:D0:B2:2B:16:F4:5E:53:D2:2E:AA:DB:AE:8C:B8:B7:0F:F3:9C:9E:72:3D:4C:06:8E:B9";

    @Test
    void formatsAsSdpWantsIt() {
        final byte[] digest = new byte[32];
        for (int i = 0; i < digest.length; i++) {
            digest[i] = (byte) (i * 17);
        }

        final Fingerprint fingerprint = Fingerprint.of("SHA-256", digest);

        assertThat(fingerprint.algorithm()).isEqualTo("sha-256");
        assertThat(fingerprint.hex()).isEqualTo(
                "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:10:21:32:43:54:65:76:87:98:A9:BA:CB:DC:ED:FE:0F");
        assertThat(fingerprint.toSdpValue()).isEqualTo("sha-256 " + fingerprint.hex());
        assertThat(fingerprint).hasToString(fingerprint.toSdpValue());
    }

    @Test
    void parsesWhatChromiumSends() {
        final Fingerprint.ParseResult result = Fingerprint.parse(CHROMIUM);

        assertThat(result).isInstanceOf(Fingerprint.ParseResult.Ok.class);
        final Fingerprint fingerprint = ((Fingerprint.ParseResult.Ok) result).fingerprint();
        assertThat(fingerprint.algorithm()).isEqualTo("sha-256");
        assertThat(fingerprint.digest()).startsWith(0x6B, 0x8B, 0x5D).hasSize(32);
        assertThat(fingerprint.toSdpValue()).isEqualTo(CHROMIUM);
    }

    @Test
    void parsesLowerCaseHexAndAlgorithm() {
        final Fingerprint.ParseResult result = Fingerprint.parse("SHA-1", "ab:cd:ef:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:aa:bb:cc:dd");

        assertThat(result).isEqualTo(new Fingerprint.ParseResult.Ok(
                Fingerprint.of("sha-1", HexFormat.of().parseHex("abcdef0123456789abcdef0123456789aabbccdd"))));
    }

    @Test
    void roundTripsEverySupportedAlgorithm() {
        final byte[] certificate = DtlsPair.CLIENT_CERTIFICATE.encoded();
        for (String algorithm : new String[] {"sha-1", "sha-224", "sha-256", "sha-384", "sha-512"}) {
            final Fingerprint fingerprint = Fingerprint.compute(algorithm, certificate);

            assertThat(Fingerprint.parse(fingerprint.toSdpValue()))
                    .isEqualTo(new Fingerprint.ParseResult.Ok(fingerprint));
            assertThat(fingerprint.matches(certificate)).isTrue();
        }
    }

    @Test
    void matchesOnlyItsOwnCertificate() {
        final Fingerprint fingerprint = DtlsPair.CLIENT_CERTIFICATE.fingerprint();

        assertThat(fingerprint.matches(DtlsPair.CLIENT_CERTIFICATE.encoded())).isTrue();
        assertThat(fingerprint.matches(DtlsPair.SERVER_CERTIFICATE.encoded())).isFalse();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"|fingerprint: '' (expected: '<hash-function> XX:XX:...', such as 'sha-256 AB:CD:...')",
            "sha-256|fingerprint: 'sha-256' (expected: '<hash-function> XX:XX:...', such as 'sha-256 AB:CD:...')",
            "md5 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF|"
            + "fingerprint: hash function 'md5' (expected: sha-256, sha-384, sha-512, sha-224 or sha-1)",
            "sha-256 AB:CD|fingerprint: sha-256 digest of 5 characters (expected: 32 hex pairs joined by ':', 95 characters)",
            "sha-1 AB-CD-EF-01-23-45-67-89-AB-CD-EF-01-23-45-67-89-AA-BB-CC-DD|"
            + "fingerprint: sha-1 digest 'AB-CD-EF-01-23-45-67-89-AB-CD-EF-01-23-4…': bad hex pair at byte 1 "
            + "(expected: hex pairs joined by ':')",
            "sha-1 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AA:BB:CC:DG|"
            + "fingerprint: sha-1 digest 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:4…': bad hex pair at byte 20 "
            + "(expected: hex pairs joined by ':')",
            "sha-1  AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AA:BB:CC|"
            + "fingerprint: sha-1 digest of 57 characters (expected: 20 hex pairs joined by ':', 59 characters)",
            "sha-1 ＡB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AA:BB:CC:DD|"
            + "fingerprint: sha-1 digest 'ＡB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:4…': bad hex pair at byte 1 "
            + "(expected: hex pairs joined by ':')",
    })
    void malformedTextIsAnErrorNotAnException(String text, String expectedMessage) {
        assertThat(Fingerprint.parse(text)).isEqualTo(new Fingerprint.ParseResult.Error(expectedMessage));
    }

    @Test
    void hugeInputIsQuotedOnlyInPart() {
        final Fingerprint.ParseResult result = Fingerprint.parse("x".repeat(100_000) + " AB");

        assertThat(result).isInstanceOf(Fingerprint.ParseResult.Error.class);
        assertThat(((Fingerprint.ParseResult.Error) result).message()).hasSizeLessThan(200);
    }

    @Test
    void ofRefusesUnknownAlgorithmsAndWrongLengths() {
        assertThatThrownBy(() -> Fingerprint.of("md5", new byte[16]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("algorithm: md5 (expected: sha-256, sha-384, sha-512, sha-224 or sha-1)");
        assertThatThrownBy(() -> Fingerprint.of("sha-256", new byte[20]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("digest: 20 bytes (expected: 32 for sha-256)");
    }

    @Test
    void equalityIsByAlgorithmAndDigest() {
        final byte[] digest = new byte[32];
        final Fingerprint a = Fingerprint.of("sha-256", digest);
        digest[0] = 1; // the fingerprint kept its own copy

        assertThat(a).isEqualTo(Fingerprint.of("SHA-256", new byte[32]))
                     .hasSameHashCodeAs(Fingerprint.of("sha-256", new byte[32]))
                     .isNotEqualTo(Fingerprint.of("sha-256", digest));
    }
}
