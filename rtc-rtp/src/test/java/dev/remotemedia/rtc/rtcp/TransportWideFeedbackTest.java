package dev.remotemedia.rtc.rtcp;

import static dev.remotemedia.rtc.rtcp.RtcpAssertions.assertRoundTrips;
import static dev.remotemedia.rtc.rtcp.RtcpAssertions.errorOf;
import static dev.remotemedia.rtc.rtcp.RtcpAssertions.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.rtcp.TransportWideFeedback.PacketResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransportWideFeedbackTest {

    /**
     * Chromium's feedback for 9 packets, all received with small deltas: one run-length chunk, P bit
     * and one padding byte. From the Wireshark dissection in olivermichel/webrtc-analysis,
     * test/include/data.h ({@code twcc_pkt1}).
     */
    static final byte[] CHROMIUM_RUN_LENGTH = hex(
            "afcd0007 00000001 dd586eb6 00010009 5e911000 2009 1c0c2c38 00040008 18 01");

    /**
     * Browser feedback for 9 packets: a two-bit status vector (five small deltas, a loss, a large
     * delta of 265 ticks) and a run-length chunk of losses that runs past the status count. From
     * Pion's rtcp transport_layer_cc_test.go (Unmarshal "example6").
     */
    static final byte[] BROWSER_VECTOR_AND_RUN = hex(
            "afcd0007 9b74f61f 9371dcbc 853c0009 63f916b3 d5520030 9baa6aaa 7b010901");

    /**
     * Feedback for 12 packets in one one-bit status vector. From Pion's rtcp
     * transport_layer_cc_test.go (Marshal "example6").
     */
    static final byte[] ONE_BIT_VECTOR = hex(
            "afcd0007 fa17fa17 43032fa0 9c14000c 75842000 bec0c13f 3b3f5390 3b000003");

    @Test
    void parsesChromiumsRunLengthFeedbackAndWritesItBackByteForByte() {
        final TransportWideFeedback feedback =
                TransportWideFeedback.parse(CHROMIUM_RUN_LENGTH, 0, CHROMIUM_RUN_LENGTH.length).orElseThrow();

        assertThat(feedback.senderSsrc()).isEqualTo(1);
        assertThat(feedback.mediaSsrc()).isEqualTo(0xDD586EB6L);
        assertThat(feedback.baseSequenceNumber()).isEqualTo(1);
        assertThat(feedback.referenceTime()).isEqualTo(6197520);
        assertThat(feedback.referenceTimeMicros()).isEqualTo(6197520L * 64_000);
        assertThat(feedback.feedbackPacketCount()).isZero();
        assertThat(feedback.packets()).extracting(PacketResult::deltaTicks)
                                      .containsExactly(0x1C, 0x0C, 0x2C, 0x38, 0, 4, 0, 8, 0x18);
        assertThat(feedback.packets()).allMatch(PacketResult::received);
        assertThat(feedback.packets().get(8).sequenceNumber()).isEqualTo(9);
        assertThat(feedback.chunks()).containsExactly(0x2009);
        assertThat(assertRoundTrips(feedback, TransportWideFeedback::parse)).isEqualTo(CHROMIUM_RUN_LENGTH);
    }

    @Test
    void parsesAStatusVectorWithALossAndALargeDelta() {
        final TransportWideFeedback feedback =
                TransportWideFeedback.parse(BROWSER_VECTOR_AND_RUN, 0, BROWSER_VECTOR_AND_RUN.length).orElseThrow();

        assertThat(feedback.baseSequenceNumber()).isEqualTo(34108);
        assertThat(feedback.referenceTime()).isEqualTo(6551830);
        assertThat(feedback.feedbackPacketCount()).isEqualTo(179);
        assertThat(feedback.packets()).containsExactly(
                PacketResult.received(34108, 0x9B), PacketResult.received(34109, 0xAA),
                PacketResult.received(34110, 0x6A), PacketResult.received(34111, 0xAA),
                PacketResult.received(34112, 0x7B), PacketResult.notReceived(34113),
                PacketResult.received(34114, 265), PacketResult.notReceived(34115),
                PacketResult.notReceived(34116));
        assertThat(feedback.receivedPackets()).hasSize(6);
        // We write the closing run as 2 losses, the status count, where the sender wrote 48.
        assertThat(assertRoundTrips(feedback, TransportWideFeedback::parse))
                .isEqualTo(hex("afcd0007 9b74f61f 9371dcbc 853c0009 63f916b3 d5520002 9baa6aaa 7b010901"));
    }

    @Test
    void parsesAOneBitStatusVector() {
        final TransportWideFeedback feedback =
                TransportWideFeedback.parse(ONE_BIT_VECTOR, 0, ONE_BIT_VECTOR.length).orElseThrow();

        assertThat(feedback.packets()).extracting(PacketResult::received)
                                      .containsExactly(true, true, true, true, true, false, true, true,
                                                       false, false, false, false);
        assertThat(feedback.receivedPackets()).extracting(p -> p.deltaTicks() * TransportWideFeedback.DELTA_TICK_MICROS)
                                              .containsExactly(48250, 15750, 14750, 15750, 20750, 36000, 14750);
        assertThat(feedback.chunks()).containsExactly(0xBEC0);
        assertThat(assertRoundTrips(feedback, TransportWideFeedback::parse)).isEqualTo(ONE_BIT_VECTOR);
    }

    @Test
    void builderEncodesRunsVectorsAndNegativeDeltasAcrossTheSequenceWrap() {
        final TransportWideFeedback.Builder builder = TransportWideFeedback.builder(1, 2, 0xFF_FFFF, 255);
        builder.addReceived(65530, 10);      // 65530
        builder.addReceived(65533, -5);      // 65531..65532 lost, a negative delta
        builder.addReceived(65534, 300);     // a large delta
        for (int seq = 65535; seq != 40; seq = (seq + 1) & 0xFFFF) {
            builder.addReceived(seq, 1);     // a long run of small deltas across the wrap
        }
        builder.addNotReceived(100);         // 40..100 lost
        builder.addReceived(101, 32767).addReceived(102, -32768);

        final TransportWideFeedback feedback = builder.build();

        assertThat(feedback.baseSequenceNumber()).isEqualTo(65530);
        assertThat(feedback.packets()).hasSize(109).hasSize(builder.size());
        assertThat(feedback.packets().get(1)).isEqualTo(PacketResult.notReceived(65531));
        assertThat(feedback.packets().get(5)).isEqualTo(PacketResult.received(65535, 1));
        assertThat(feedback.packets().get(6)).isEqualTo(PacketResult.received(0, 1));
        assertThat(feedback.chunks()).containsExactly(
                0xC000 | 1 << 12 | 0 << 10 | 0 << 8 | 2 << 6 | 2 << 4 | 1 << 2 | 1, // 1 0 0 2 2 1 1
                0x2000 | 39,                                                        // 39 small
                0x0000 | 61,                                                        // 61 lost
                0x4000 | 2);                                                        // 2 large
        assertRoundTrips(feedback, TransportWideFeedback::parse);
    }

    @Test
    void vectorsCarryMixedStatusesAndRunsTakeLongStretches() {
        final TransportWideFeedback.Builder builder = TransportWideFeedback.builder(1, 2, 0, 0);
        for (int seq = 0; seq < 20_000; seq++) {
            if (seq % 3 == 0 || seq > 10_000) {
                builder.addReceived(seq, seq % 7 == 0 ? 1000 : 3);
            }
        }
        final TransportWideFeedback feedback = builder.build();

        final List<Integer> chunks = feedback.chunks();

        assertThat(chunks).allMatch(chunk -> (chunk & 0x1FFF) != 0);
        assertThat(chunks.size()).isLessThan(20_000 / 7 + 10);
        assertRoundTrips(feedback, TransportWideFeedback::parse);
    }

    @Test
    void randomStatusesSurviveTheChunkEncoder() {
        // Runs of each status, mixed stretches, small, large and negative deltas, across the wrap.
        final Random random = new Random(15);
        for (int round = 0; round < 500; round++) {
            final List<PacketResult> packets = new ArrayList<>();
            final int base = random.nextInt(65536);
            final int count = 1 + random.nextInt(random.nextBoolean() ? 40 : 3000);
            int symbol = random.nextInt(3);
            for (int i = 0; i < count; i++) {
                if (random.nextInt(random.nextBoolean() ? 2 : 50) == 0) {
                    symbol = random.nextInt(3);
                }
                final int seq = (base + i) & 0xFFFF;
                packets.add(symbol == 0 ? PacketResult.notReceived(seq)
                            : PacketResult.received(seq, symbol == 1 ? random.nextInt(256)
                                                              : random.nextInt(65536) - 32768));
            }
            final TransportWideFeedback feedback = new TransportWideFeedback(1, 2, base, 7, 8, packets);

            final byte[] bytes = feedback.toByteArray();

            assertThat(TransportWideFeedback.parse(bytes, 0, bytes.length).orElseThrow()).isEqualTo(feedback);
            assertThat(feedback.chunks().size()).isLessThanOrEqualTo((count + 6) / 7);
        }
    }

    @Test
    void builderRefusesPacketsOutOfOrder() {
        final TransportWideFeedback.Builder builder = TransportWideFeedback.builder(1, 2, 0, 0).addReceived(10, 0);

        assertThatThrownBy(() -> builder.addReceived(10, 0))
                .hasMessage("sequenceNumber: 10 (expected: after the last one added, 10)");
        assertThatThrownBy(() -> builder.addNotReceived(9))
                .hasMessage("sequenceNumber: 9 (expected: after the last one added, 10)");
        assertThatThrownBy(() -> TransportWideFeedback.builder(1, 2, 0, 0).build())
                .hasMessage("no packet added (expected: at least one)");
        assertThatThrownBy(() -> PacketResult.received(1, 32768))
                .hasMessage("deltaTicks: 32768 (expected: -32768..32767)");
    }

    @Test
    void rejectsMalformedFeedback() {
        assertThat(errorOf(TransportWideFeedback.parse(hex("8fcd0003 00000001 00000002 00010000"), 0, 16)))
                .isEqualTo("RTCP transport-wide feedback: 16 bytes (expected: >= 20)");
        assertThat(errorOf(TransportWideFeedback.parse(hex("8fcd0004 00000001 00000002 00010000 00000000"), 0, 20)))
                .isEqualTo("RTCP transport-wide feedback: packet status count 0 (expected: >= 1)");
        assertThat(errorOf(TransportWideFeedback.parse(hex("8fcd0004 00000001 00000002 00010009 00000000"), 0, 20)))
                .isEqualTo("RTCP transport-wide feedback: chunks for 0 of 9 packet statuses, then the packet ends");
        assertThat(errorOf(TransportWideFeedback.parse(hex("8fcd0005 00000001 00000002 00010003 00000000 20030102"),
                                                       0, 24)))
                .isEqualTo("RTCP transport-wide feedback: the receive delta of sequence number 3 runs past the packet");
        assertThat(errorOf(TransportWideFeedback.parse(hex("8fcd0005 00000001 00000002 00010001 00000000 60010000"),
                                                       0, 24)))
                .isEqualTo("RTCP transport-wide feedback: status symbol 3 (reserved) for sequence number 1");
        assertThat(errorOf(TransportWideFeedback.parse(hex("afcd0005 00000001 00000002 00010001 00000000 40010001"),
                                                       0, 24)))
                .isEqualTo("RTCP transport-wide feedback: the receive delta of sequence number 1 runs past the packet");
    }

    @Test
    void theRecordChecksSequenceNumbersFollowTheBase() {
        final List<PacketResult> packets =
                new ArrayList<>(List.of(PacketResult.received(5, 0), PacketResult.received(7, 0)));

        assertThatThrownBy(() -> new TransportWideFeedback(1, 2, 5, 0, 0, packets))
                .hasMessage("packets[1].sequenceNumber(): 7 (expected: 6, the base plus the index)");
        assertThatThrownBy(() -> new TransportWideFeedback(1, 2, 5, 0, 0, List.of()))
                .hasMessage("packets.size(): 0 (expected: 1..65535)");
    }
}
