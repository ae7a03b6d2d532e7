package dev.remotemedia.rtc.sctp.packet;

import static dev.remotemedia.rtc.sctp.packet.ChromiumPackets.hex;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.assertChunkRoundTrips;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.errorOf;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.firstChunkOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.ByteView;
import org.junit.jupiter.api.Test;

/** COOKIE ECHO and COOKIE ACK. */
class CookieChunksTest {

    @Test
    void parsesChromiumsCookieEchoAndAck() {
        final byte[] echo = firstChunkOf("page1-00004");
        final byte[] ack = firstChunkOf("page1-00006");

        final CookieEchoChunk cookieEcho = CookieEchoChunk.parse(echo, 0, echo.length).orElseThrow();

        assertThat(cookieEcho.cookie().length()).isEqualTo(48);
        assertThat(assertChunkRoundTrips(cookieEcho, CookieEchoChunk::parse)).isEqualTo(echo);
        assertThat(CookieAckChunk.parse(ack, 0, ack.length).orElseThrow()).isEqualTo(new CookieAckChunk());
        assertThat(assertChunkRoundTrips(new CookieAckChunk(), CookieAckChunk::parse)).isEqualTo(ack);
    }

    @Test
    void padsACookieOfOddLength() {
        final CookieEchoChunk echo = new CookieEchoChunk(ByteView.of(new byte[] {1, 2, 3, 4, 5}));

        assertThat(assertChunkRoundTrips(echo, CookieEchoChunk::parse)).isEqualTo(hex("0a000009 01020304 05000000"));
    }

    @Test
    void rejectsACookieAckWithAValue() {
        assertThat(errorOf(CookieAckChunk.parse(hex("0b000005 00"), 0, 5)))
                .isEqualTo("COOKIE ACK chunk: length 5 (expected: 4)");
    }
}
