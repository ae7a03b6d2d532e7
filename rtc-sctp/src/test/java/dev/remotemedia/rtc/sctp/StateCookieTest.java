package dev.remotemedia.rtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The signed state cookie (RFC 9260 §5.1.3): round trip, forgery, staleness. */
class StateCookieTest {

    private static final long SECOND = 1_000_000_000L;
    private static final StateCookie COOKIE = new StateCookie(
            0xDEADBEEFL, 0xFFFF_FFF0L, 1 << 20, 65535, 1024, 0x12345678L, 7, 0x0123_4567_89AB_CDEFL, true, false,
            5 * SECOND);

    private final StateCookie.Codec codec = new StateCookie.Codec(new Random(1));

    @Test
    void aSealedCookieOpensToTheSameContent() {
        final byte[] sealed = codec.seal(COOKIE);
        assertThat(sealed).hasSize(StateCookie.SIZE);

        final StateCookie.Opened opened = codec.open(sealed, 0, sealed.length, 6 * SECOND, 60 * SECOND);

        assertThat(opened.problem()).isNull();
        assertThat(opened.cookie()).isEqualTo(COOKIE);
    }

    @Test
    void everyAlteredByteIsDetected() {
        final byte[] sealed = codec.seal(COOKIE);
        for (int i = 0; i < sealed.length; i++) {
            final byte[] altered = sealed.clone();
            altered[i] ^= 0x01;
            final StateCookie.Opened opened = codec.open(altered, 0, altered.length, 6 * SECOND, 60 * SECOND);
            assertThat(opened.cookie()).as("byte %d altered", i).isNull();
            assertThat(opened.problem()).isNotNull();
        }
    }

    @Test
    void anotherAssociationsCookieIsRejected() {
        final byte[] sealed = new StateCookie.Codec(new Random(2)).seal(COOKIE);
        assertThat(codec.open(sealed, 0, sealed.length, 6 * SECOND, 60 * SECOND).problem()).contains("HMAC");
    }

    @Test
    void aCookieOlderThanItsLifetimeIsStaleWithItsStaleness() {
        final byte[] sealed = codec.seal(COOKIE);
        final StateCookie.Opened opened = codec.open(sealed, 0, sealed.length, 5 * SECOND + 61 * SECOND, 60 * SECOND);
        assertThat(opened.problem()).isEqualTo("stale");
        assertThat(opened.cookie()).isEqualTo(COOKIE);
        assertThat(opened.stalenessNanos()).isEqualTo(SECOND);
    }

    @Test
    void wrongSizesAndForeignCookiesAreRejected() {
        final byte[] sealed = codec.seal(COOKIE);
        assertThat(codec.open(sealed, 0, sealed.length - 1, 6 * SECOND, 60 * SECOND).problem()).contains("bytes");
        final byte[] dcsctp = "dcSCTP00".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        final byte[] foreign = java.util.Arrays.copyOf(dcsctp, StateCookie.SIZE);
        assertThat(codec.open(foreign, 0, foreign.length, 6 * SECOND, 60 * SECOND).problem()).contains("magic");
    }
}
