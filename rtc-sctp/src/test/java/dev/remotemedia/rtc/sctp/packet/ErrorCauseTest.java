package dev.remotemedia.rtc.sctp.packet;

import static dev.remotemedia.rtc.sctp.packet.ChromiumPackets.hex;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.assertCauseRoundTrips;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Error causes on their own; AbortAndErrorChunkTest has them in chunks. */
class ErrorCauseTest {

    @Test
    void writesTheRfcLayouts() {
        // Hand-assembled from the diagrams of RFC 9260 §3.3.10.1 to §3.3.10.13.
        assertThat(assertCauseRoundTrips(new InvalidStreamIdentifierCause(0x1234),
                                         InvalidStreamIdentifierCause::parse))
                .isEqualTo(hex("00010008 12340000"));
        assertThat(assertCauseRoundTrips(new MissingMandatoryParameterCause(List.of(7)),
                                         MissingMandatoryParameterCause::parse))
                .isEqualTo(hex("0002000a 00000001 00070000"));
        assertThat(assertCauseRoundTrips(new StaleCookieCause(1000), StaleCookieCause::parse))
                .isEqualTo(hex("00030008 000003e8"));
        assertThat(assertCauseRoundTrips(new OutOfResourceCause(), OutOfResourceCause::parse))
                .isEqualTo(hex("00040004"));
        assertThat(assertCauseRoundTrips(new InvalidMandatoryParameterCause(), InvalidMandatoryParameterCause::parse))
                .isEqualTo(hex("00070004"));
        assertThat(assertCauseRoundTrips(new NoUserDataCause(0xDEADBEEFL), NoUserDataCause::parse))
                .isEqualTo(hex("00090008 deadbeef"));
        assertThat(assertCauseRoundTrips(new CookieReceivedWhileShuttingDownCause(),
                                         CookieReceivedWhileShuttingDownCause::parse))
                .isEqualTo(hex("000a0004"));
        assertThat(assertCauseRoundTrips(ProtocolViolationCause.of("ab"), ProtocolViolationCause::parse))
                .isEqualTo(hex("000d0006 61620000"));
    }

    @Test
    void decodesTextCausesAsUtf8() {
        assertThat(ProtocolViolationCause.of("Stream 7 ä").text()).isEqualTo("Stream 7 ä");
        final byte[] invalidUtf8 = hex("000c0005 ff000000");
        assertThat(UserInitiatedAbortCause.parse(invalidUtf8, 0, 5).orElseThrow().text()).isEqualTo("\uFFFD");
    }

    @Test
    void rejectsMalformedCauses() {
        assertThat(errorOf(MissingMandatoryParameterCause.parse(hex("0002000a 00000002 0007"), 0, 10)))
                .isEqualTo("Missing Mandatory Parameter cause: length 10 (expected: 8 + 2 * 2 missing parameters)");
        assertThat(errorOf(MissingMandatoryParameterCause.parse(hex("00020008 ffffffff"), 0, 8)))
                .isEqualTo("Missing Mandatory Parameter cause: length 8 (expected: 8 + 2 * 4294967295 missing "
                           + "parameters)");
        assertThat(errorOf(StaleCookieCause.parse(hex("00030004"), 0, 4)))
                .isEqualTo("Stale Cookie cause: length 4 (expected: 8)");
        assertThat(errorOf(OutOfResourceCause.parse(hex("00040008 00000000"), 0, 8)))
                .isEqualTo("Out of Resource cause: length 8 (expected: 4)");
        assertThat(errorOf(NoUserDataCause.parse(hex("00090008 0000"), 0, 6)))
                .isEqualTo("No User Data cause: length 8 (expected: <= 6, the bytes available)");
    }
}
