package dev.remotemedia.rtc.sctp.packet;

import static dev.remotemedia.rtc.sctp.packet.ChromiumPackets.hex;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.assertChunkRoundTrips;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.assertParameterRoundTrips;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.errorOf;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.firstChunkOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.sctp.packet.ReconfigurationResponseParameter.NextTsns;
import dev.remotemedia.rtc.sctp.packet.ReconfigurationResponseParameter.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RE-CONFIG and the RFC 6525 parameters it carries. */
class ReConfigChunkTest {

    @Test
    void parsesChromiumsStreamResetAndItsResponse() {
        final byte[] request = firstChunkOf("page1-00030");
        final byte[] response = firstChunkOf("page1-00031");

        final ReConfigChunk reset = ReConfigChunk.parse(request, 0, request.length).orElseThrow();
        final ReConfigChunk answer = ReConfigChunk.parse(response, 0, response.length).orElseThrow();

        final OutgoingSsnResetRequestParameter outgoing = reset.parameter(OutgoingSsnResetRequestParameter.class);
        assertThat(outgoing).isNotNull();
        assertThat(outgoing.streamIds()).containsExactly(3);
        assertThat(outgoing.sendersLastAssignedTsn()).isEqualTo(0xEFF12CAFL);
        assertThat(answer.parameter(ReconfigurationResponseParameter.class).result())
                .isEqualTo(Result.SUCCESS_PERFORMED);
        assertThat(assertChunkRoundTrips(reset, ReConfigChunk::parse)).isEqualTo(request);
        assertThat(assertChunkRoundTrips(answer, ReConfigChunk::parse)).isEqualTo(response);
    }

    @Test
    void roundTripsEveryReconfigurationParameter() {
        assertChunkRoundTrips(new ReConfigChunk(List.of(
                new OutgoingSsnResetRequestParameter(1, 2, 3, List.of(1, 3, 5)),
                new IncomingSsnResetRequestParameter(4, List.of(2, 4)))), ReConfigChunk::parse);
        assertChunkRoundTrips(new ReConfigChunk(List.of(
                new ReconfigurationResponseParameter(7, Result.DENIED, new NextTsns(0xFFFF_FFFFL, 0)),
                new AddOutgoingStreamsRequestParameter(8, 16))), ReConfigChunk::parse);
        assertChunkRoundTrips(new ReConfigChunk(List.of(new AddIncomingStreamsRequestParameter(9, 65535))),
                              ReConfigChunk::parse);
    }

    @Test
    void writesTheRfcLayouts() {
        assertThat(assertParameterRoundTrips(new OutgoingSsnResetRequestParameter(1, 2, 3, List.of(0x0102)),
                                             OutgoingSsnResetRequestParameter::parse))
                .isEqualTo(hex("000d0012 00000001 00000002 00000003 01020000"));
        assertThat(assertParameterRoundTrips(new IncomingSsnResetRequestParameter(1, List.of()),
                                             IncomingSsnResetRequestParameter::parse))
                .isEqualTo(hex("000e0008 00000001"));
        assertThat(assertParameterRoundTrips(new ReconfigurationResponseParameter(1, Result.IN_PROGRESS, null),
                                             ReconfigurationResponseParameter::parse))
                .isEqualTo(hex("0010000c 00000001 00000006"));
        assertThat(assertParameterRoundTrips(
                new ReconfigurationResponseParameter(1, Result.SUCCESS_NOTHING_TO_DO, new NextTsns(2, 3)),
                ReconfigurationResponseParameter::parse))
                .isEqualTo(hex("00100014 00000001 00000000 00000002 00000003"));
        assertThat(assertParameterRoundTrips(new AddOutgoingStreamsRequestParameter(1, 2),
                                             AddOutgoingStreamsRequestParameter::parse))
                .isEqualTo(hex("0011000c 00000001 00020000"));
        assertThat(assertParameterRoundTrips(new AddIncomingStreamsRequestParameter(1, 2),
                                             AddIncomingStreamsRequestParameter::parse))
                .isEqualTo(hex("0012000c 00000001 00020000"));
    }

    @Test
    void mapsEveryResultCode() {
        for (Result result : Result.values()) {
            assertThat(Result.fromCode(result.code())).isSameAs(result);
        }
        assertThat(Result.fromCode(7)).isNull();
        assertThat(Result.fromCode(-1)).isNull();
    }

    @Test
    void rejectsMalformedParameters() {
        assertThat(errorOf(ReconfigurationResponseParameter.parse(hex("00100010 00000001 00000001 00000002"), 0, 16)))
                .isEqualTo("Re-configuration Response parameter: length 16 (expected: 12 or 20)");
        assertThat(errorOf(ReconfigurationResponseParameter.parse(hex("0010000c 00000001 00000007"), 0, 12)))
                .isEqualTo("Re-configuration Response parameter: result 7 (expected: 0..6)");
        assertThat(errorOf(OutgoingSsnResetRequestParameter.parse(
                hex("000d0011 00000001 00000002 00000003 01"), 0, 17)))
                .isEqualTo("Outgoing SSN Reset Request parameter: length 17 (expected: 16 + 2 * streams)");
        assertThat(errorOf(IncomingSsnResetRequestParameter.parse(hex("000e0009 00000001 01"), 0, 9)))
                .isEqualTo("Incoming SSN Reset Request parameter: length 9 (expected: 8 + 2 * streams)");
        assertThat(errorOf(AddOutgoingStreamsRequestParameter.parse(hex("00110008 00000001"), 0, 8)))
                .isEqualTo("Add Outgoing Streams Request parameter: length 8 (expected: 12)");
        assertThat(errorOf(ReConfigChunk.parse(hex("82000010 000e000c 00000001 0001"), 0, 14)))
                .isEqualTo("RE-CONFIG chunk: length 16 (expected: <= 14, the bytes available)");
    }
}
