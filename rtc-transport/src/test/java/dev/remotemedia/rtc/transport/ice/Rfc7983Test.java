package dev.remotemedia.rtc.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.transport.ice.Rfc7983.Kind;
import org.junit.jupiter.api.Test;

class Rfc7983Test {

    @Test
    void classifiesEveryRangeAtItsEdges() {
        assertThat(Rfc7983.classify(0)).isEqualTo(Kind.STUN);
        assertThat(Rfc7983.classify(3)).isEqualTo(Kind.STUN);
        assertThat(Rfc7983.classify(4)).isEqualTo(Kind.UNKNOWN);
        assertThat(Rfc7983.classify(15)).isEqualTo(Kind.UNKNOWN);
        assertThat(Rfc7983.classify(16)).isEqualTo(Kind.ZRTP);
        assertThat(Rfc7983.classify(19)).isEqualTo(Kind.ZRTP);
        assertThat(Rfc7983.classify(20)).isEqualTo(Kind.DTLS);
        assertThat(Rfc7983.classify(63)).isEqualTo(Kind.DTLS);
        assertThat(Rfc7983.classify(64)).isEqualTo(Kind.TURN_CHANNEL);
        assertThat(Rfc7983.classify(79)).isEqualTo(Kind.TURN_CHANNEL);
        assertThat(Rfc7983.classify(80)).isEqualTo(Kind.UNKNOWN);
        assertThat(Rfc7983.classify(127)).isEqualTo(Kind.UNKNOWN);
        assertThat(Rfc7983.classify(128)).isEqualTo(Kind.RTP_RTCP);
        assertThat(Rfc7983.classify(191)).isEqualTo(Kind.RTP_RTCP);
        assertThat(Rfc7983.classify(192)).isEqualTo(Kind.UNKNOWN);
        assertThat(Rfc7983.classify(255)).isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void classifiesDatagramsByTheirFirstByte() {
        byte[] clientHello = {0x16, (byte) 0xfe, (byte) 0xfd};
        byte[] rtp = {(byte) 0x80, 111, 0, 1};

        assertThat(Rfc7983.classify(clientHello, 0, clientHello.length)).isEqualTo(Kind.DTLS);
        assertThat(Rfc7983.classify(rtp, 0, rtp.length)).isEqualTo(Kind.RTP_RTCP);
        assertThat(Rfc7983.classify(rtp, 1, 3)).isEqualTo(Kind.UNKNOWN);
        assertThat(Rfc7983.classify(rtp, 0, 0)).isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void refusesValuesThatAreNotAByte() {
        assertThatThrownBy(() -> Rfc7983.classify(256)).hasMessage("firstByte: 256 (expected: 0..255)");
    }
}
