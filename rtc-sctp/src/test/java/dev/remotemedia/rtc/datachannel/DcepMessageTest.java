package dev.remotemedia.rtc.datachannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.datachannel.DataChannelOpen.Reliability;
import dev.remotemedia.rtc.sctp.packet.DataChunk;
import dev.remotemedia.rtc.sctp.packet.ParseResult;
import dev.remotemedia.rtc.sctp.packet.Ppid;
import dev.remotemedia.rtc.sctp.packet.SctpPacket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DcepMessageTest {

    @Test
    void parsesChromiumsOpenForAReliableChannel() {
        assertThat(chromiumDcep("page1-00007"))
                .isEqualTo(new DataChannelOpen(true, Reliability.RELIABLE, 0, 256, "chat", ""));
    }

    @Test
    void parsesChromiumsOpenForAnUnorderedChannelWithoutRetransmissions() {
        final DataChannelOpen open = (DataChannelOpen) chromiumDcep("page1-00008");

        assertThat(open).isEqualTo(new DataChannelOpen(false, Reliability.PARTIAL_RELIABLE_REXMIT, 0, 256,
                                                       "lossy", "proto"));
        assertThat(open.channelType()).isEqualTo(0x81);
    }

    @Test
    void parsesChromiumsOpenForATimedChannel() {
        assertThat(chromiumDcep("page1-00009"))
                .isEqualTo(new DataChannelOpen(true, Reliability.PARTIAL_RELIABLE_TIMED, 500, 256, "timed", ""));
    }

    @Test
    void parsesChromiumsAck() {
        assertThat(chromiumDcep("page1-00013")).isEqualTo(new DataChannelAck());
    }

    @Test
    void writesChromiumsBytesBack() {
        for (String name : new String[] {"page1-00007", "page1-00008", "page1-00009", "page1-00013"}) {
            final byte[] payload = chromiumPayload(name);

            assertThat(chromiumDcep(name).toByteArray()).as(name).isEqualTo(payload);
        }
    }

    @Test
    void roundTripsEveryChannelTypeAtAnOffset() {
        for (Reliability reliability : Reliability.values()) {
            for (boolean ordered : new boolean[] {true, false}) {
                final long parameter = reliability == Reliability.RELIABLE ? 0 : 0xFFFF_FFFFL;
                final DataChannelOpen open =
                        new DataChannelOpen(ordered, reliability, parameter, 65535, "ünïcødé 🎉", "json");
                final byte[] buf = new byte[open.serializedSize() + 5];
                Arrays.fill(buf, (byte) 0x33);

                final int end = open.serializeTo(buf, 2);

                assertThat(end).isEqualTo(2 + open.serializedSize());
                assertThat(buf[end]).isEqualTo((byte) 0x33);
                assertThat(DcepMessage.parse(buf, 2, end - 2).orElseThrow()).isEqualTo(open);
                assertThat(buf[3] & 0xFF).isEqualTo(reliability.code() | (ordered ? 0 : 0x80));
            }
        }
    }

    @Test
    void writesTheRfcLayout() {
        final DataChannelOpen open = new DataChannelOpen(false, Reliability.PARTIAL_RELIABLE_TIMED, 0x01020304L,
                                                         0x0506, "ab", "c");

        assertThat(HexFormat.of().formatHex(open.toByteArray())).isEqualTo("03820506010203040002000161" + "6263");
        assertThat(new DataChannelAck().toByteArray()).containsExactly(2);
    }

    @Test
    void ignoresTheReliabilityParameterOfAReliableChannel() {
        final byte[] bytes = hex("03000100 0000002a 00000000");

        assertThat(DcepMessage.parse(bytes, 0, bytes.length).orElseThrow())
                .isEqualTo(new DataChannelOpen(true, Reliability.RELIABLE, 0, 256, "", ""));
    }

    @Test
    void ignoresBytesAfterTheMessage() {
        final byte[] open = hex("03000100 00000000 00010000 61 ffff");
        final byte[] ack = hex("02 00");

        assertThat(DcepMessage.parse(open, 0, open.length).orElseThrow())
                .isEqualTo(new DataChannelOpen(true, Reliability.RELIABLE, 0, 256, "a", ""));
        assertThat(DcepMessage.parse(ack, 0, ack.length).orElseThrow()).isEqualTo(new DataChannelAck());
    }

    @Test
    void rejectsMalformedMessages() {
        assertThat(error(new byte[0])).isEqualTo("DCEP message: 0 bytes (expected: >= 1, the message type)");
        assertThat(error(hex("04"))).isEqualTo("DCEP message: type 4 (expected: 2 DATA_CHANNEL_ACK or 3 "
                                                 + "DATA_CHANNEL_OPEN)");
        assertThat(error(hex("03000100 00000000 0000")))
                .isEqualTo("DATA_CHANNEL_OPEN: 10 bytes (expected: >= 12)");
        assertThat(error(hex("03030100 00000000 00000000")))
                .isEqualTo("DATA_CHANNEL_OPEN: channel type 0x03 (expected: 0x00, 0x01 or 0x02, plus 0x80 if "
                           + "unordered)");
        assertThat(error(hex("03400100 00000000 00000000")))
                .isEqualTo("DATA_CHANNEL_OPEN: channel type 0x40 (expected: 0x00, 0x01 or 0x02, plus 0x80 if "
                           + "unordered)");
        assertThat(error(hex("03000100 00000000 00020002 616263")))
                .isEqualTo("DATA_CHANNEL_OPEN: label length 2 + protocol length 2 (expected: <= 3, the bytes "
                           + "after the header)");
        assertThat(error(hex("03000100 00000000 00010000 ff")))
                .isEqualTo("DATA_CHANNEL_OPEN: label (expected: valid UTF-8)");
        assertThat(error(hex("03000100 00000000 00000002 c0af")))
                .isEqualTo("DATA_CHANNEL_OPEN: protocol (expected: valid UTF-8)");
        assertThat(((ParseResult.Error<DataChannelAck>) DataChannelAck.parse(hex("03"), 0, 1)).message())
                .isEqualTo("DATA_CHANNEL_ACK: message type 3 (expected: 2)");
    }

    @Test
    void refusesInvalidFields() {
        assertThatThrownBy(() -> new DataChannelOpen(true, Reliability.RELIABLE, 3, 256, "a", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reliabilityParameter: 3 (expected: 0 for a reliable channel)");
        assertThatThrownBy(() -> new DataChannelOpen(true, Reliability.PARTIAL_RELIABLE_REXMIT, 1L << 32, 256, "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reliabilityParameter: 4294967296 (expected: 0..4294967295)");
        assertThatThrownBy(() -> new DataChannelOpen(true, Reliability.RELIABLE, 0, 65536, "", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("priority: 65536 (expected: 0..65535)");
        assertThatThrownBy(() -> new DataChannelOpen(true, Reliability.RELIABLE, 0, 1, "é".repeat(32768), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label: 65536 bytes in UTF-8 (expected: <= 65535)");
        assertThatThrownBy(() -> new DataChannelOpen(true, Reliability.RELIABLE, 0, 1, "", "\uD800"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("protocol: has an unpaired surrogate (expected: valid Unicode)");
    }

    private static String error(byte[] bytes) {
        final ParseResult<DcepMessage> result = DcepMessage.parse(bytes, 0, bytes.length);
        assertThat(result).isInstanceOf(ParseResult.Error.class);
        return ((ParseResult.Error<DcepMessage>) result).message();
    }

    private static DcepMessage chromiumDcep(String name) {
        final byte[] payload = chromiumPayload(name);
        return DcepMessage.parse(payload, 0, payload.length).orElseThrow();
    }

    /** The user data of the one DATA chunk (PPID 50) of a captured Chromium packet. */
    static byte[] chromiumPayload(String name) {
        final byte[] packet = capturedPacket(name);
        final DataChunk data = (DataChunk) SctpPacket.parse(packet, 0, packet.length).orElseThrow().chunks().get(0);
        assertThat(data.ppid()).isEqualTo(Ppid.DCEP);
        return data.payload().copyToArray();
    }

    private static byte[] capturedPacket(String name) {
        try (InputStream in = SctpPacket.class.getResourceAsStream("chromium-156-packets.txt")) {
            final String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            for (String line : text.split("\n")) {
                if (line.startsWith(name + ' ')) {
                    return hex(line.split(" ")[2]);
                }
            }
            throw new IllegalArgumentException("no captured packet " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
