package dev.remotemedia.rtc.transport.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AesChoiceTest {

    @Test
    void theJdkIsTheDefault() {
        assertThat(AesChoice.choose(null, true)).isEqualTo("SunJCE");
        assertThat(AesChoice.choose(" JDK ", true)).isEqualTo("SunJCE");
    }

    @Test
    void openSslIsUsedWhenAskedForAndItsLibraryLoaded() {
        assertThat(AesChoice.choose("openssl", true)).isEqualTo("OpenSSL");
        assertThat(AesChoice.choose(" OpenSSL ", true)).isEqualTo("OpenSSL");
        assertThat(AesChoice.choose("openssl", false)).isEqualTo("SunJCE");
    }

    @Test
    void anUnknownValueIsRefusedWithTheExpectedOnes() {
        assertThatThrownBy(() -> AesChoice.choose("bc", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dev.remotemedia.srtp.aes: bc (expected: jdk or openssl)");
    }

    @Test
    void theChoiceIsMadeOnceAndWrittenWhereJitsiSrtpLooks() {
        assertThat(AesChoice.apply()).isIn("OpenSSL", "SunJCE").isSameAs(AesChoice.apply());
        // jitsi-srtp finds the choice made for every transformation its contexts use: no benchmark
        // of every provider (seconds of CPU) at the first cipher.
        for (String transformation : AesChoice.TRANSFORMATIONS) {
            assertThat(AesChoice.isSeeded(transformation)).as(transformation).isTrue();
        }
        // Nor a Bouncy Castle or PKCS#11 provider built for HMAC-SHA1 at the first AES-CM context.
        assertThat(AesChoice.hmacProviders()).isNotEmpty().doesNotContain("BC", "SunPKCS11").contains("SunJCE");
    }
}
