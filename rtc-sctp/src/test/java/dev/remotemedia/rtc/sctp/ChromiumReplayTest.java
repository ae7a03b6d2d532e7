package dev.remotemedia.rtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.datachannel.DataChannel;
import dev.remotemedia.rtc.datachannel.DataChannelEvent;
import dev.remotemedia.rtc.datachannel.DataChannelManager;
import dev.remotemedia.rtc.datachannel.DtlsRole;
import dev.remotemedia.rtc.sctp.packet.Chunk;
import dev.remotemedia.rtc.sctp.packet.ForwardTsnChunk;
import dev.remotemedia.rtc.sctp.packet.ForwardTsnSupportedParameter;
import dev.remotemedia.rtc.sctp.packet.InitAckChunk;
import dev.remotemedia.rtc.sctp.packet.ReConfigChunk;
import dev.remotemedia.rtc.sctp.packet.ReconfigurationResponseParameter;
import dev.remotemedia.rtc.sctp.packet.SackChunk;
import dev.remotemedia.rtc.sctp.packet.SctpPacket;
import dev.remotemedia.rtc.sctp.packet.StateCookieParameter;
import dev.remotemedia.rtc.sctp.packet.SupportedExtensionsParameter;
import dev.remotemedia.testing.FakeTimeSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Packets Chromium 156 really sent (the capture in {@code packet/chromium-156-packets.txt}) fed to
 * our association: its INIT gets an INIT ACK it can use, and its side of a whole data channel
 * session (DCEP OPENs, text, binary, empty and fragmented messages, a stream reset, ABORT) comes
 * out as the right events, with the RE-CONFIG response Chromium's own peer sent.
 */
class ChromiumReplayTest {

    /** The tags and initial TSNs of the capture's two transports (page1). */
    private static final long TRANSPORT0_TAG = 0x55e701a4L;
    private static final long TRANSPORT0_TSN = 0xeff12ca5L;
    private static final long TRANSPORT1_TAG = 0x11799af2L;
    private static final long TRANSPORT1_TSN = 0xdf0b1e27L;

    private final FakeTimeSource clock = FakeTimeSource.of();

    @Test
    void chromiumsInitGetsAnInitAckWithCookieAndExtensions() {
        final SctpAssociation sctp = SctpAssociation.builder(clock).random(new Random(1)).build();
        final byte[] init = packets().get("page1-00000");

        sctp.handleInput(init, 0, init.length);

        final List<SctpPacket> sent = sentPackets(sctp);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).verificationTag()).isEqualTo(TRANSPORT1_TAG);
        final InitAckChunk initAck = (InitAckChunk) sent.get(0).chunks().get(0);
        assertThat(initAck.initiateTag()).isNotZero();
        assertThat(initAck.advertisedReceiverWindowCredit()).isEqualTo(1 << 20);
        assertThat(initAck.outboundStreams()).isEqualTo(65535);
        assertThat(initAck.parameter(StateCookieParameter.class)).isNotNull();
        assertThat(initAck.parameter(ForwardTsnSupportedParameter.class)).isNotNull();
        assertThat(initAck.parameter(SupportedExtensionsParameter.class).chunkTypes())
                .contains(ReConfigChunk.TYPE, ForwardTsnChunk.TYPE);
    }

    @Test
    void chromiumsSideOfADataChannelSessionBecomesTheRightEvents() {
        // We play Chromium's DcSctpTransport1, with its tags and TSNs, established.
        final SctpAssociation sctp = SctpAssociation.builder(clock).random(new Random(2)).build();
        sctp.createTcb(new PeerParameters(TRANSPORT1_TAG, TRANSPORT1_TSN, TRANSPORT0_TAG, TRANSPORT0_TSN, 0x500000,
                                          42, new Capabilities(true, true), 65535, 65535));
        sctp.setState(AssociationState.ESTABLISHED);
        final DataChannelManager channels = DataChannelManager.of(sctp, DtlsRole.CLIENT);
        channels.handleSctpEvent(new SctpEvent.Connected());
        final List<SctpPacket> sent = new ArrayList<>();
        final List<SctpEvent> sctpEvents = new ArrayList<>();

        for (Map.Entry<String, byte[]> entry : packets().entrySet()) {
            final byte[] bytes = entry.getValue();
            final SctpPacket packet = SctpPacket.parse(bytes, 0, bytes.length).orElseThrow();
            final boolean toUs = packet.verificationTag() == TRANSPORT1_TAG && entry.getKey().startsWith("page1");
            final Chunk first = packet.chunks().get(0);
            if (!toUs || first instanceof InitAckChunk || first instanceof dev.remotemedia.rtc.sctp.packet.CookieEchoChunk) {
                continue;
            }
            clock.advance(1_000_000);
            sctp.handleInput(bytes, 0, bytes.length);
            for (SctpEvent e = sctp.pollEvent(); e != null; e = sctp.pollEvent()) {
                if (e instanceof SctpEvent.SendPacket p) {
                    sent.add(SctpPacket.parse(p.packet(), 0, p.packet().length).orElseThrow());
                } else {
                    sctpEvents.add(e);
                    channels.handleSctpEvent(e);
                }
            }
        }
        final List<DataChannelEvent> events = new ArrayList<>();
        for (@Nullable DataChannelEvent e = channels.pollEvent(); e != null; e = channels.pollEvent()) {
            events.add(e);
        }

        final List<DataChannel> announced = events.stream().filter(DataChannelEvent.ChannelAnnounced.class::isInstance)
                .map(e -> ((DataChannelEvent.ChannelAnnounced) e).channel()).toList();
        assertThat(announced).extracting(DataChannel::id, DataChannel::label, DataChannel::protocol).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "chat", ""),
                org.assertj.core.groups.Tuple.tuple(3, "lossy", "proto"),
                org.assertj.core.groups.Tuple.tuple(5, "timed", ""));
        assertThat(announced.get(1).config().ordered()).isFalse();
        assertThat(announced.get(1).config().maxRetransmits()).isZero();
        assertThat(announced.get(2).config().maxPacketLifeTimeMillis()).isEqualTo(500);

        final Map<Integer, List<DataChannelEvent.Message>> messages = events.stream()
                .filter(DataChannelEvent.Message.class::isInstance).map(DataChannelEvent.Message.class::cast)
                .collect(Collectors.groupingBy(DataChannelEvent.Message::channelId));
        assertThat(messages.get(1)).extracting(DataChannelEvent.Message::binary).containsExactly(false, false, true, true);
        assertThat(messages.get(1).get(0).text()).isEqualTo("hello");
        assertThat(messages.get(1).get(1).data()).isEmpty();
        assertThat(messages.get(1).get(2).data()).containsExactly(1, 2, 3);
        assertThat(messages.get(1).get(3).data()).isEmpty();
        assertThat(messages.get(3)).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("x".repeat(3000)));
        assertThat(messages.get(5)).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("t"));

        // Chromium closed 'lossy' (stream 3): we answered as its own peer did, and reset our side.
        assertThat(sctpEvents).contains(new SctpEvent.StreamsReset(SctpEvent.Direction.INCOMING, List.of(3)));
        final List<ReconfigurationResponseParameter> responses = sent.stream().flatMap(p -> p.chunks().stream())
                .filter(ReConfigChunk.class::isInstance).flatMap(c -> ((ReConfigChunk) c).parameters().stream())
                .filter(ReconfigurationResponseParameter.class::isInstance)
                .map(ReconfigurationResponseParameter.class::cast).toList();
        assertThat(responses).containsExactly(new ReconfigurationResponseParameter(
                TRANSPORT0_TSN, ReconfigurationResponseParameter.Result.SUCCESS_PERFORMED, null));
        assertThat(events).contains(new DataChannelEvent.Closing(3));
        // Every DATA chunk was acknowledged: the last SACK covers the last TSN Chromium sent (…caf).
        final SackChunk lastSack = sent.stream().flatMap(p -> p.chunks().stream()).filter(SackChunk.class::isInstance)
                .map(SackChunk.class::cast).reduce((a, b) -> b).orElseThrow();
        assertThat(lastSack.cumulativeTsnAck()).isEqualTo(0xeff12cafL);
        assertThat(lastSack.gapAckBlocks()).isEmpty();

        // Chromium's ABORT ("Close called") ends it all.
        assertThat(sctpEvents.get(sctpEvents.size() - 1)).isInstanceOfSatisfying(SctpEvent.Aborted.class,
                aborted -> assertThat(aborted.reason()).contains("Close called"));
        assertThat(channels.channels()).isEmpty();
    }

    private static List<SctpPacket> sentPackets(SctpAssociation sctp) {
        final List<SctpPacket> packets = new ArrayList<>();
        for (SctpEvent e = sctp.pollEvent(); e != null; e = sctp.pollEvent()) {
            if (e instanceof SctpEvent.SendPacket p) {
                packets.add(SctpPacket.parse(p.packet(), 0, p.packet().length).orElseThrow());
            }
        }
        return packets;
    }

    /** The captured packets by name, in capture order. */
    static Map<String, byte[]> packets() {
        final Map<String, byte[]> packets = new LinkedHashMap<>();
        try (InputStream in = ChromiumReplayTest.class.getResourceAsStream(
                "/dev/remotemedia/rtc/sctp/packet/chromium-156-packets.txt")) {
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    final String[] fields = line.split(" ");
                    packets.put(fields[0], HexFormat.of().parseHex(fields[2]));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return packets;
    }
}
