package dev.remotemedia.rtc.sctp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.ByteView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Packets Chromium sent (see {@code chromium-156-packets.txt}) parse to what they mean and write back unchanged. */
class ChromiumPacketTest {

    @Test
    void everyCapturedPacketParsesWithItsChecksumAndWritesBackByteForByte() {
        for (Map.Entry<String, byte[]> entry : ChromiumPackets.all().entrySet()) {
            final byte[] bytes = entry.getValue();

            final ParseResult<SctpPacket> result = SctpPacket.parse(bytes, 0, bytes.length);

            assertThat(result.isOk()).as(entry.getKey() + ": " + result).isTrue();
            final SctpPacket packet = result.orElseThrow();
            assertThat(packet.serializedSize()).as(entry.getKey()).isEqualTo(bytes.length);
            assertThat(packet.toByteArray()).as(entry.getKey()).isEqualTo(bytes);
            assertThat(packet.chunks()).as(entry.getKey()).noneMatch(UnknownChunk.class::isInstance);
        }
    }

    @Test
    void initAnnouncesForwardTsnAndReconfigSupport() {
        final SctpPacket packet = parse("page1-00000");

        assertThat(packet.sourcePort()).isEqualTo(5000);
        assertThat(packet.destinationPort()).isEqualTo(5000);
        assertThat(packet.verificationTag()).isZero();
        final InitChunk init = (InitChunk) packet.chunks().get(0);
        assertThat(init.initiateTag()).isEqualTo(0x11799AF2L);
        assertThat(init.advertisedReceiverWindowCredit()).isEqualTo(5 * 1024 * 1024);
        assertThat(init.outboundStreams()).isEqualTo(65535);
        assertThat(init.inboundStreams()).isEqualTo(65535);
        assertThat(init.initialTsn()).isEqualTo(0xDF0B1E27L);
        assertThat(init.parameters()).containsExactly(
                new ForwardTsnSupportedParameter(),
                new SupportedExtensionsParameter(List.of(ReConfigChunk.TYPE, ForwardTsnChunk.TYPE)));
        // Chromium leaves the last parameter's padding out of the chunk length (RFC 9260 §3.2).
        assertThat(init.length()).isEqualTo(30);
    }

    @Test
    void initAckCarriesAStateCookieThatTheCookieEchoReturns() {
        final InitAckChunk initAck = (InitAckChunk) parse("page1-00002").chunks().get(0);
        final CookieEchoChunk cookieEcho = (CookieEchoChunk) parse("page1-00004").chunks().get(0);

        assertThat(initAck.initiateTag()).isEqualTo(0x55E701A4L);
        final StateCookieParameter cookie = initAck.parameter(StateCookieParameter.class);
        assertThat(cookie).isNotNull();
        assertThat(cookie.cookie().length()).isEqualTo(48);
        assertThat(new String(cookie.cookie().copyToArray(), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("dcSCTP00");
        assertThat(initAck.parameter(SupportedExtensionsParameter.class).supports(ReConfigChunk.TYPE)).isTrue();
        assertThat(cookieEcho.cookie()).isEqualTo(cookie.cookie());
        assertThat(parse("page1-00006").chunks()).containsExactly(new CookieAckChunk());
    }

    @Test
    void dataChunkCarriesADataChannelOpenMessage() {
        final SctpPacket packet = parse("page1-00007");

        assertThat(packet.verificationTag()).isEqualTo(0x11799AF2L);
        assertThat(packet.chunks()).containsExactly(new DataChunk(
                0xEFF12CA5L, 1, 0, Ppid.DCEP,
                ByteView.of(ChromiumPackets.hex("03 00 0100 00000000 0004 0000 63686174")),
                false, true, true, false));
    }

    @Test
    void sackCarriesGapAckBlocksAfterLoss() {
        final SackChunk sack = (SackChunk) parse("page2-04254").chunks().get(0);

        assertThat(sack.cumulativeTsnAck()).isEqualTo(0x428C2256L);
        assertThat(sack.gapAckBlocks()).containsExactly(
                new SackChunk.GapAckBlock(7, 7), new SackChunk.GapAckBlock(10, 10),
                new SackChunk.GapAckBlock(16, 16), new SackChunk.GapAckBlock(23, 23),
                new SackChunk.GapAckBlock(185, 185));
        assertThat(sack.duplicateTsns()).isEmpty();
    }

    @Test
    void forwardTsnSkipsAbandonedMessagesAndMayLeadABundle() {
        final ForwardTsnChunk alone = (ForwardTsnChunk) parse("page2-04253").chunks().get(0);

        assertThat(alone.newCumulativeTsn()).isEqualTo(0x428C2272L);
        assertThat(alone.skippedStreams()).containsExactly(new ForwardTsnChunk.SkippedStream(1, 0x20));
        assertThat(parse("page2-04952").chunks())
                .extracting(Chunk::type).containsExactly(ForwardTsnChunk.TYPE, DataChunk.TYPE);
    }

    @Test
    void closingAChannelResetsItsStreamWithReconfig() {
        final ReConfigChunk request = (ReConfigChunk) parse("page1-00030").chunks().get(0);
        final ReConfigChunk response = (ReConfigChunk) parse("page1-00031").chunks().get(0);

        assertThat(request.parameters()).containsExactly(new OutgoingSsnResetRequestParameter(
                0xEFF12CA5L, 0xEFF12CA5L, 0xEFF12CAFL, List.of(3)));
        assertThat(response.parameters()).containsExactly(new ReconfigurationResponseParameter(
                0xEFF12CA5L, ReconfigurationResponseParameter.Result.SUCCESS_PERFORMED, null));
    }

    @Test
    void closingTheConnectionSendsAnAbortWithAUserInitiatedCause() {
        final AbortChunk abort = (AbortChunk) parse("page1-00034").chunks().get(0);

        assertThat(abort.tagReflected()).isFalse();
        assertThat(abort.causes()).containsExactly(UserInitiatedAbortCause.of("Close called"));
    }

    @Test
    void heartbeatAckEchoesTheHeartbeatInfo() {
        final HeartbeatRequestChunk heartbeat = (HeartbeatRequestChunk) parse("page2-17397").chunks().get(0);
        final HeartbeatAckChunk ack = (HeartbeatAckChunk) parse("page2-17398").chunks().get(0);

        assertThat(heartbeat.info()).isNotNull();
        assertThat(heartbeat.info().info().length()).isEqualTo(8);
        assertThat(ack.info()).isEqualTo(heartbeat.info());
    }

    @Test
    void bundledDataChunksAreFragmentsOfOneMessage() {
        final List<Chunk> chunks = parse("page2-00101").chunks();

        assertThat(chunks).hasSize(2);
        final DataChunk first = (DataChunk) chunks.get(0);
        final DataChunk second = (DataChunk) chunks.get(1);
        assertThat(first.end()).isTrue();
        assertThat(second.beginning()).isTrue();
        assertThat(second.tsn()).isEqualTo(first.tsn() + 1);
        assertThat(first.ppid()).isEqualTo(Ppid.BINARY);
    }

    private static SctpPacket parse(String name) {
        final byte[] bytes = ChromiumPackets.get(name);
        return SctpPacket.parse(bytes, 0, bytes.length).orElseThrow();
    }
}
