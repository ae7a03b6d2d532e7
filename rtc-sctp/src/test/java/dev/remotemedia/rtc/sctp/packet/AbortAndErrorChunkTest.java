package dev.remotemedia.rtc.sctp.packet;

import static dev.remotemedia.rtc.sctp.packet.ChromiumPackets.hex;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.assertChunkRoundTrips;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.errorOf;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.firstChunkOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.ByteView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ABORT and ERROR, which both carry error causes. */
class AbortAndErrorChunkTest {

    static final List<ErrorCause> EVERY_KIND_OF_CAUSE = List.of(
            new InvalidStreamIdentifierCause(7),
            new MissingMandatoryParameterCause(List.of(StateCookieParameter.TYPE)),
            new StaleCookieCause(1_500_000),
            new OutOfResourceCause(),
            new UnrecognizedChunkTypeCause(ByteView.of(hex("40000005 aa"))),
            new InvalidMandatoryParameterCause(),
            new UnrecognizedParametersCause(ByteView.of(hex("c0050006 bbbb0000"))),
            new NoUserDataCause(0xFFFF_FFFFL),
            new CookieReceivedWhileShuttingDownCause(),
            UserInitiatedAbortCause.of("bye"),
            ProtocolViolationCause.of("Chunk length mismatch"),
            new UnknownErrorCause(0x00FF, ByteView.of(new byte[] {1})));

    @Test
    void parsesChromiumsAbortOnClose() {
        final byte[] chunk = firstChunkOf("page1-00034");

        final AbortChunk abort = AbortChunk.parse(chunk, 0, chunk.length).orElseThrow();

        assertThat(abort).isEqualTo(new AbortChunk(false, List.of(UserInitiatedAbortCause.of("Close called"))));
        assertThat(((UserInitiatedAbortCause) abort.causes().get(0)).text()).isEqualTo("Close called");
        assertThat(assertChunkRoundTrips(abort, AbortChunk::parse)).isEqualTo(chunk);
    }

    @Test
    void roundTripsEveryKindOfCause() {
        assertChunkRoundTrips(new AbortChunk(false, EVERY_KIND_OF_CAUSE), AbortChunk::parse);
        assertChunkRoundTrips(new ErrorChunk(EVERY_KIND_OF_CAUSE), ErrorChunk::parse);
    }

    @Test
    void carriesTheTBitOfAReflectedTag() {
        final AbortChunk abort = new AbortChunk(true, List.of());

        assertThat(assertChunkRoundTrips(abort, AbortChunk::parse)).isEqualTo(hex("06010004"));
        assertThat(AbortChunk.parse(hex("06fe0004"), 0, 4).orElseThrow().tagReflected()).isFalse();
    }

    @Test
    void writesTheRfcLayoutOfAnError() {
        // Hand-assembled from RFC 9260 §3.3.10 and §3.3.10.1/.9: Chromium sent no ERROR in our captures.
        final ErrorChunk error = new ErrorChunk(List.of(new InvalidStreamIdentifierCause(5), new NoUserDataCause(9)));

        assertThat(assertChunkRoundTrips(error, ErrorChunk::parse))
                .isEqualTo(hex("09000014 00010008 00050000 00090008 00000009"));
    }

    @Test
    void keepsAnUnknownCauseWhole() {
        final ErrorChunk error = ErrorChunk.parse(hex("09000009 00420005 7f000000"), 0, 12).orElseThrow();

        assertThat(error.causes()).containsExactly(new UnknownErrorCause(0x42, ByteView.of(new byte[] {0x7F})));
    }

    @Test
    void rejectsAMalformedCause() {
        assertThat(errorOf(ErrorChunk.parse(hex("0900000c 00010006 00050000"), 0, 12)))
                .isEqualTo("ERROR chunk error cause at offset 0: Invalid Stream Identifier cause: length 6 "
                           + "(expected: 8)");
        assertThat(errorOf(AbortChunk.parse(hex("0600000a 0004000a 0000"), 0, 10)))
                .isEqualTo("ABORT chunk error cause at offset 0: length 10 (expected: 4..6)");
    }
}
