package dev.remotemedia.rtc.transport.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AesChoiceTest {

    @Test
    void openSslIsTheDefaultWhenJitsisNativeLibraryLoads() {
        assertThat(AesChoice.choose(null, true)).isEqualTo("OpenSSL");
        assertThat(AesChoice.choose(" OpenSSL ", true)).isEqualTo("OpenSSL");
    }

    @Test
    void theJdkIsUsedWhenAskedForOrWhenOpenSslIsMissing() {
        assertThat(AesChoice.choose("jdk", true)).isEqualTo("SunJCE");
        assertThat(AesChoice.choose(null, false)).isEqualTo("SunJCE");
        assertThat(AesChoice.choose("openssl", false)).isEqualTo("SunJCE");
    }

    @Test
    void anUnknownValueIsRefusedWithTheExpectedOnes() {
        assertThatThrownBy(() -> AesChoice.choose("bc", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dev.remotemedia.srtp.aes: bc (expected: openssl or jdk)");
    }

    @Test
    void theChoiceIsMadeOnceAndReported() {
        assertThat(AesChoice.apply()).isIn("OpenSSL", "SunJCE").isSameAs(AesChoice.apply());
        // jitsi-srtp finds the choice made for every transformation its contexts use: no benchmark
        // of every provider (seconds of CPU) at the first cipher.
        for (String transformation : AesChoice.TRANSFORMATIONS) {
            assertThat(AesChoice.isSeeded(transformation)).as(transformation).isTrue();
        }
    }
}
