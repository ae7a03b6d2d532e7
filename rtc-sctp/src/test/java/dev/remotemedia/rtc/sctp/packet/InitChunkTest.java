package dev.remotemedia.rtc.sctp.packet;

import static dev.remotemedia.rtc.sctp.packet.ChromiumPackets.hex;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.assertChunkRoundTrips;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.errorOf;
import static dev.remotemedia.rtc.sctp.packet.WireAssertions.firstChunkOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.ByteView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INIT and INIT ACK, which share a layout. */
class InitChunkTest {

    private static final List<Parameter> EVERY_KIND_OF_PARAMETER = List.of(
            new ForwardTsnSupportedParameter(),
            new SupportedExtensionsParameter(List.of(130, 192, 64)),
            new ZeroChecksumAcceptableParameter(ZeroChecksumAcceptableParameter.DTLS),
            new UnknownParameter(0x8003, ByteView.of(new byte[] {1, 2, 3, 4, 5})),
            new UnknownParameter(0x0005, ByteView.of(new byte[] {(byte) 192, 0, 2, 1})));

    @Test
    void parsesChromiumsInitOnItsOwn() {
        final byte[] chunk = firstChunkOf("page1-00000");

        final InitChunk init = InitChunk.parse(chunk, 0, chunk.length).orElseThrow();

        assertThat(init).isEqualTo(new InitChunk(
                0x11799AF2L, 0x500000L, 65535, 65535, 0xDF0B1E27L,
                List.of(new ForwardTsnSupportedParameter(), new SupportedExtensionsParameter(List.of(130, 192)))));
        assertThat(assertChunkRoundTrips(init, InitChunk::parse)).isEqualTo(chunk);
    }

    @Test
    void parsesChromiumsInitAckOnItsOwn() {
        final byte[] chunk = firstChunkOf("page1-00002");

        final InitAckChunk initAck = InitAckChunk.parse(chunk, 0, chunk.length).orElseThrow();

        assertThat(initAck.parameters()).hasSize(3);
        assertThat(initAck.parameter(ForwardTsnSupportedParameter.class)).isNotNull();
        assertThat(initAck.parameter(ZeroChecksumAcceptableParameter.class)).isNull();
        assertThat(assertChunkRoundTrips(initAck, InitAckChunk::parse)).isEqualTo(chunk);
    }

    @Test
    void roundTripsEveryKindOfParameter() {
        assertChunkRoundTrips(new InitChunk(1, 131072, 1024, 1024, 0xFFFF_FFFFL, EVERY_KIND_OF_PARAMETER),
                              InitChunk::parse);
        assertChunkRoundTrips(new InitAckChunk(0xFFFF_FFFFL, 0, 1, 1, 0, List.of(
                new StateCookieParameter(ByteView.of(new byte[] {9, 8, 7})),
                new UnrecognizedParameterParameter(ByteView.of(hex("8003 0005 01000000"))))), InitAckChunk::parse);
        assertChunkRoundTrips(new InitChunk(1, 2, 3, 4, 5, List.of()), InitChunk::parse);
    }

    @Test
    void leavesTheLastParametersPaddingOutOfTheChunkLength() {
        final InitChunk init = new InitChunk(1, 2, 3, 4, 5, List.of(
                new SupportedExtensionsParameter(List.of(130)), new SupportedExtensionsParameter(List.of(192))));

        final byte[] bytes = assertChunkRoundTrips(init, InitChunk::parse);

        // 20 + 8 (first, padded) + 5 (last, unpadded).
        assertThat(init.length()).isEqualTo(33);
        assertThat(bytes).hasSize(36);
    }

    @Test
    void acceptsAChunkLengthThatCountsTheLastParametersPadding() {
        // Chromium's INIT with the chunk length raised from 30 to 32 (RFC 9260 §3.2: accept either).
        final byte[] chunk = firstChunkOf("page1-00000");
        chunk[3] = 32;

        final InitChunk init = InitChunk.parse(chunk, 0, chunk.length).orElseThrow();

        assertThat(init.parameters()).hasSize(2);
    }

    @Test
    void keepsUnknownParametersWithWhatTheirTypeAsksFor() {
        final InitChunk init = new InitChunk(1, 2, 3, 4, 5, EVERY_KIND_OF_PARAMETER);
        final byte[] bytes = new byte[init.serializedSize()];
        init.serializeTo(bytes, 0);

        final List<Parameter> parameters = InitChunk.parse(bytes, 0, bytes.length).orElseThrow().parameters();

        final UnknownParameter skipAndReport = (UnknownParameter) parameters.get(3);
        final UnknownParameter stopSilently = (UnknownParameter) parameters.get(4);
        assertThat(skipAndReport.stopsProcessing()).isFalse();
        assertThat(skipAndReport.isReported()).isFalse();
        assertThat(stopSilently.stopsProcessing()).isTrue();
        assertThat(stopSilently.isReported()).isFalse();
        assertThat(new UnknownParameter(0xC004, ByteView.of(new byte[0])).isReported()).isTrue();
        assertThat(new UnknownParameter(0x4004, ByteView.of(new byte[0])).stopsProcessing()).isTrue();
    }

    @Test
    void rejectsMalformedChunksAndParameters() {
        assertThat(errorOf(InitChunk.parse(hex("01000010 00000001 00000002 00030004"), 0, 16)))
                .isEqualTo("INIT chunk: length 16 (expected: >= 20)");
        assertThat(errorOf(InitChunk.parse(
                hex("0100001c 00000001 00000002 00030004 00000005 c0000008 00000000"), 0, 28)))
                .isEqualTo("INIT chunk parameter at offset 0: Forward-TSN-Supported parameter: length 8 "
                           + "(expected: 4)");
        assertThat(errorOf(InitChunk.parse(hex("01000018 00000001 00000002 00030004 00000005 80080008"), 0, 24)))
                .isEqualTo("INIT chunk parameter at offset 0: length 8 (expected: 4..4)");
        assertThat(errorOf(InitChunk.parse(hex("01000018 00000001 00000002 00030004 00000005 80080002"), 0, 24)))
                .isEqualTo("INIT chunk parameter at offset 0: length 2 (expected: 4..4)");
        assertThat(errorOf(InitAckChunk.parse(hex("0200001a 00000001 00000002 00030004 00000005 c0000004 0000"),
                                              0, 26)))
                .isEqualTo("INIT ACK chunk parameter at offset 4: 2 trailing bytes (expected: none, or a 4-byte "
                           + "header)");
    }
}
