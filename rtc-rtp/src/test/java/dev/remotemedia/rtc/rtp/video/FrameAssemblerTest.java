package dev.remotemedia.rtc.rtp.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.rtp.video.FrameAssembler.DropReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FrameAssemblerTest {

    private static final long MS = 1_000_000L;
    private static final long TIMEOUT = 200 * MS;

    /** One RTP packet as the assembler takes it. */
    record Packet(int seq, long timestamp, boolean marker, byte[] payload) {}

    /** A sent frame and its packets. */
    record Sent(int index, boolean keyframe, byte[] expected, List<Packet> packets) {}

    /** Sends frames of one codec with consecutive sequence numbers and 90 kHz timestamps. */
    static final class Sender {
        private final TestStreams codec;
        private final VideoPacketizer packetizer;
        private final Random random;
        private final int maxPayloadSize;
        private int seq;
        private long timestamp = 90_000;
        private int index;

        Sender(TestStreams codec, int firstSeq, int maxPayloadSize, Random random) {
            this.codec = codec;
            this.packetizer = codec.newPacketizer();
            this.seq = firstSeq;
            this.maxPayloadSize = maxPayloadSize;
            this.random = random;
        }

        Sent frame(boolean keyframe, int size) {
            final byte[] frame = codec.frame(keyframe, size, random);
            final List<byte[]> payloads = packetizer.packetize(frame, maxPayloadSize);
            final List<Packet> packets = new ArrayList<>();
            for (int k = 0; k < payloads.size(); k++) {
                packets.add(new Packet(seq, timestamp, k == payloads.size() - 1, payloads.get(k)));
                seq = (seq + 1) & 0xFFFF;
            }
            timestamp += 3000;
            final byte[] expected = codec.depacketizer().assemble(Hex.views(payloads), 1 << 24).orElseThrow();
            return new Sent(index++, keyframe, expected, packets);
        }

        /** Returns a padding-only packet, as a sender probes with. */
        Packet padding() {
            final Packet packet = new Packet(seq, timestamp - 3000, false, new byte[0]);
            seq = (seq + 1) & 0xFFFF;
            return packet;
        }
    }

    private static FrameAssembler assembler(TestStreams codec) {
        return FrameAssembler.builder(codec.depacketizer()).lossTimeoutNanos(TIMEOUT).build();
    }

    private static void insert(FrameAssembler assembler, List<Packet> packets, long nowNanos) {
        for (Packet packet : packets) {
            insert(assembler, packet, nowNanos);
        }
    }

    private static void insert(FrameAssembler assembler, Packet packet, long nowNanos) {
        assembler.insert(packet.seq(), packet.timestamp(), packet.marker(), ByteView.of(packet.payload()), nowNanos);
    }

    private static List<AssembledFrame> poll(FrameAssembler assembler) {
        final List<AssembledFrame> frames = new ArrayList<>();
        for (AssembledFrame frame = assembler.pollFrame(); frame != null; frame = assembler.pollFrame()) {
            frames.add(frame);
        }
        return frames;
    }

    private static void assertReleased(List<AssembledFrame> frames, Sent... sent) {
        assertThat(frames).hasSize(sent.length);
        for (int i = 0; i < sent.length; i++) {
            assertThat(frames.get(i).data()).as("frame %d", sent[i].index()).containsExactly(sent[i].expected());
            assertThat(frames.get(i).keyframe()).isEqualTo(sent[i].keyframe());
            assertThat(frames.get(i).firstSequenceNumber()).isEqualTo(sent[i].packets().get(0).seq());
        }
    }

    @ParameterizedTest
    @EnumSource(TestStreams.class)
    void releasesFramesInOrder(TestStreams codec) {
        final Sender sender = new Sender(codec, 100, 500, new Random(1));
        final FrameAssembler assembler = assembler(codec);
        final Sent key = sender.frame(true, 3000);
        final Sent delta1 = sender.frame(false, 1200);
        final Sent delta2 = sender.frame(false, 10);
        insert(assembler, key.packets(), 0);
        insert(assembler, delta1.packets(), MS);
        insert(assembler, delta2.packets(), 2 * MS);
        assertReleased(poll(assembler), key, delta1, delta2);
        assertThat(assembler.keyframeNeeded()).isFalse();
        assertThat(assembler.heldPackets()).isZero();
        assertThat(assembler.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(assembler.framesReleased()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(TestStreams.class)
    void releasesReorderedFramesInDecodeOrder(TestStreams codec) {
        final Random random = new Random(2);
        final Sender sender = new Sender(codec, 40_000, 300, random);
        final FrameAssembler assembler = assembler(codec);
        final List<Sent> sent = new ArrayList<>();
        sent.add(sender.frame(true, 2000));
        for (int i = 0; i < 8; i++) {
            sent.add(sender.frame(false, 1 + random.nextInt(1500)));
        }
        final List<Packet> packets = new ArrayList<>();
        sent.forEach(s -> packets.addAll(s.packets()));
        Collections.shuffle(packets, random);
        insert(assembler, packets, 0);
        assertReleased(poll(assembler), sent.toArray(Sent[]::new));
    }

    @Test
    void duplicatesAreDroppedAndCounted() {
        final Sender sender = new Sender(TestStreams.VP8, 7, 200, new Random(3));
        final FrameAssembler assembler = assembler(TestStreams.VP8);
        final Sent key = sender.frame(true, 1000);
        final Sent delta = sender.frame(false, 1000);
        for (Packet packet : key.packets()) {
            insert(assembler, packet, 0);
            insert(assembler, packet, 0);
        }
        insert(assembler, delta.packets().get(0), 0);
        insert(assembler, delta.packets().get(0), 0);
        insert(assembler, delta.packets().subList(1, delta.packets().size()), 0);
        assertReleased(poll(assembler), key, delta);
        // The key frame's copies after its last packet came late; the others were held twice.
        assertThat(assembler.dropped(DropReason.DUPLICATE) + assembler.dropped(DropReason.LATE))
                .isEqualTo(key.packets().size() + 1);
        assertThat(assembler.dropped(DropReason.LATE)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestStreams.class)
    void aLostPacketHoldsBackLaterFramesThenAsksForAKeyframeAndDropsThemUntilOneComes(TestStreams codec) {
        final Sender sender = new Sender(codec, 500, 200, new Random(4));
        final FrameAssembler assembler = assembler(codec);
        final Sent key = sender.frame(true, 1000);
        final Sent broken = sender.frame(false, 1000);
        final Sent delta2 = sender.frame(false, 500);
        final Sent delta3 = sender.frame(false, 500);
        insert(assembler, key.packets(), 0);
        final List<Packet> brokenPackets = new ArrayList<>(broken.packets());
        brokenPackets.remove(2); // a middle packet never comes
        insert(assembler, brokenPackets, 10 * MS);
        insert(assembler, delta2.packets(), 20 * MS);
        insert(assembler, delta3.packets(), 30 * MS);
        assertReleased(poll(assembler), key);
        assertThat(assembler.keyframeNeeded()).isFalse(); // NACK may still bring it
        assertThat(assembler.nextDeadlineNanos()).isEqualTo(10 * MS + TIMEOUT);

        assembler.advanceTime(10 * MS + TIMEOUT - 1);
        assertThat(assembler.keyframeNeeded()).isFalse();
        assembler.advanceTime(10 * MS + TIMEOUT);
        assertThat(assembler.keyframeNeeded()).isTrue();
        assertThat(assembler.keyframeRequests()).isEqualTo(1);
        assertThat(poll(assembler)).isEmpty();
        assertThat(assembler.dropped(DropReason.AWAITING_KEYFRAME))
                .isEqualTo(delta2.packets().size() + delta3.packets().size());

        final Sent delta4 = sender.frame(false, 300);
        insert(assembler, delta4.packets(), 300 * MS);
        assertThat(poll(assembler)).isEmpty();
        final Sent key2 = sender.frame(true, 800);
        final Sent delta5 = sender.frame(false, 300);
        insert(assembler, key2.packets(), 310 * MS);
        insert(assembler, delta5.packets(), 320 * MS);
        assertReleased(poll(assembler), key2, delta5);
        assertThat(assembler.keyframeNeeded()).isFalse();
        assertThat(assembler.dropped(DropReason.LOST)).isEqualTo(brokenPackets.size());
        assertThat(assembler.heldPackets()).isZero();
        assertThat(assembler.heldBytes()).isZero();
    }

    @Test
    void aRetransmissionBeforeTheTimeoutRepairsTheGap() {
        final Sender sender = new Sender(TestStreams.H264, 65_000, 300, new Random(5));
        final FrameAssembler assembler = assembler(TestStreams.H264);
        final Sent key = sender.frame(true, 2000);
        final Sent delta = sender.frame(false, 2000);
        final Sent delta2 = sender.frame(false, 100);
        final Packet lost = key.packets().get(3);
        final List<Packet> first = new ArrayList<>(key.packets());
        first.remove(lost);
        insert(assembler, first, 0);
        insert(assembler, delta.packets(), MS);
        insert(assembler, delta2.packets(), 2 * MS);
        assertThat(poll(assembler)).isEmpty();
        assembler.advanceTime(100 * MS);
        insert(assembler, lost, 150 * MS);
        assertReleased(poll(assembler), key, delta, delta2);
        assertThat(assembler.keyframeNeeded()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(TestStreams.class)
    void aNewerCompleteKeyframeDeclaresTheGapLostAtOnce(TestStreams codec) {
        final Sender sender = new Sender(codec, 65_530, 250, new Random(6)); // wraps at 65535
        final FrameAssembler assembler = assembler(codec);
        final Sent key = sender.frame(true, 600);
        final Sent broken = sender.frame(false, 600);
        final Sent key2 = sender.frame(true, 600);
        final Sent delta = sender.frame(false, 100);
        insert(assembler, key.packets(), 0);
        insert(assembler, broken.packets().subList(1, broken.packets().size()), 0);
        insert(assembler, key2.packets(), 0);
        insert(assembler, delta.packets(), 0);
        assertReleased(poll(assembler), key, key2, delta);
        assertThat(assembler.dropped(DropReason.LOST)).isEqualTo(broken.packets().size() - 1);
        assertThat(assembler.keyframeNeeded()).isFalse();
        // The missing packet, late, is dropped as such.
        insert(assembler, broken.packets().get(0), MS);
        assertThat(assembler.dropped(DropReason.LATE)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestStreams.class)
    void sequenceNumbersWrapAt65535(TestStreams codec) {
        final Random random = new Random(7);
        final Sender sender = new Sender(codec, 65_520, 100, random);
        final FrameAssembler assembler = assembler(codec);
        final List<Sent> sent = new ArrayList<>();
        sent.add(sender.frame(true, 700));
        for (int i = 0; i < 6; i++) {
            sent.add(sender.frame(false, 300 + random.nextInt(300)));
        }
        for (Sent frame : sent) {
            insert(assembler, Hex.shuffled(frame.packets(), random), 0);
        }
        final List<AssembledFrame> frames = poll(assembler);
        assertReleased(frames, sent.toArray(Sent[]::new));
        assertThat(frames.stream().anyMatch(f -> f.lastSequenceNumber() < f.firstSequenceNumber())).isTrue();
    }

    @Test
    void aStreamThatStartsWithoutAKeyframeAsksForOne() {
        final Sender sender = new Sender(TestStreams.VP9, 1, 1200, new Random(8));
        final FrameAssembler assembler = assembler(TestStreams.VP9);
        final Sent delta = sender.frame(false, 3000);
        insert(assembler, delta.packets(), 0);
        assertThat(poll(assembler)).isEmpty();
        assertThat(assembler.keyframeNeeded()).isTrue();
        assertThat(assembler.dropped(DropReason.AWAITING_KEYFRAME)).isEqualTo(delta.packets().size());
        final Sent key = sender.frame(true, 3000);
        insert(assembler, key.packets(), MS);
        assertReleased(poll(assembler), key);
        assertThat(assembler.keyframeNeeded()).isFalse();
    }

    @Test
    void framesAfterAnIncompleteKeyframeWaitForIt() {
        final Sender sender = new Sender(TestStreams.VP8, 1, 300, new Random(9));
        final FrameAssembler assembler = assembler(TestStreams.VP8);
        final Sent key = sender.frame(true, 3000);
        final Sent delta = sender.frame(false, 500);
        final List<Packet> incomplete = new ArrayList<>(key.packets());
        final Packet late = incomplete.remove(4);
        insert(assembler, incomplete, 0);
        insert(assembler, delta.packets(), 0);
        assertThat(poll(assembler)).isEmpty();
        assertThat(assembler.dropped(DropReason.AWAITING_KEYFRAME)).isZero();
        insert(assembler, late, 10 * MS);
        assertReleased(poll(assembler), key, delta);
    }

    @Test
    void paddingBetweenFramesFillsItsSequenceNumber() {
        final Sender sender = new Sender(TestStreams.AV1, 10, 500, new Random(10));
        final FrameAssembler assembler = assembler(TestStreams.AV1);
        final Sent key = sender.frame(true, 900);
        final Packet padding1 = sender.padding();
        final Packet padding2 = sender.padding();
        final Sent delta = sender.frame(false, 900);
        insert(assembler, key.packets(), 0);
        insert(assembler, delta.packets(), 0);
        insert(assembler, padding2, 0);
        insert(assembler, padding1, 0);
        assertReleased(poll(assembler), key, delta);
        assertThat(assembler.paddingPackets()).isEqualTo(2);
        assertThat(assembler.heldPackets()).isZero();
    }

    @Test
    void theHoldLimitEvictsTheOldestAndCountsIt() {
        final Sender sender = new Sender(TestStreams.VP8, 1, 100, new Random(11));
        final FrameAssembler assembler = FrameAssembler.builder(new Vp8Depacketizer())
                .maxPackets(8).lossTimeoutNanos(TIMEOUT).build();
        final Sent key = sender.frame(true, 300);
        final Sent broken = sender.frame(false, 300);
        insert(assembler, key.packets(), 0);
        assertReleased(poll(assembler), key);
        final List<Sent> after = new ArrayList<>();
        insert(assembler, broken.packets().subList(1, broken.packets().size()), 0);
        for (int i = 0; i < 3; i++) {
            final Sent delta = sender.frame(false, 250);
            after.add(delta);
            insert(assembler, delta.packets(), 0);
            assertThat(assembler.heldPackets()).isLessThanOrEqualTo(8);
        }
        assertThat(assembler.dropped(DropReason.EVICTED)).isPositive();
        assertThat(assembler.keyframeNeeded()).isTrue();

        final FrameAssembler bytesBound = FrameAssembler.builder(new Vp8Depacketizer()).maxBytes(1000).build();
        insert(bytesBound, sender.frame(false, 3000).packets(), 0);
        assertThat(bytesBound.heldBytes()).isLessThanOrEqualTo(1000);
        assertThat(bytesBound.dropped(DropReason.EVICTED)).isPositive();
    }

    @Test
    void malformedAndOversizedFramesAreDroppedAndCounted() {
        final Sender sender = new Sender(TestStreams.VP8, 1, 1000, new Random(12));
        final FrameAssembler assembler = FrameAssembler.builder(new Vp8Depacketizer()).maxFrameSize(2000).build();
        assembler.insert(0, 0, true, ByteView.of(new byte[] {(byte) 0x80}), 0);
        assertThat(assembler.dropped(DropReason.MALFORMED)).isEqualTo(1);
        insert(assembler, sender.frame(true, 5000).packets(), 0);
        assertThat(assembler.dropped(DropReason.FRAME_TOO_LARGE)).isEqualTo(6);
        assertThat(assembler.keyframeNeeded()).isTrue();
        final Sent key = sender.frame(true, 1000);
        insert(assembler, key.packets(), 0);
        assertReleased(poll(assembler), key);
    }

    @Test
    void whileNoKeyframeComesItAsksAgainEveryTimeout() {
        final Sender sender = new Sender(TestStreams.VP8, 1, 300, new Random(14));
        final FrameAssembler assembler = assembler(TestStreams.VP8);
        insert(assembler, sender.frame(true, 500).packets(), 0);
        final Sent broken = sender.frame(false, 900);
        insert(assembler, broken.packets().subList(1, broken.packets().size()), 0);
        assembler.advanceTime(TIMEOUT);
        assertThat(assembler.keyframeRequests()).isEqualTo(1);
        final Sent incomplete = sender.frame(false, 900);
        insert(assembler, incomplete.packets().subList(1, incomplete.packets().size()), TIMEOUT + MS);
        // The wait restarted when the loss was declared.
        assertThat(assembler.nextDeadlineNanos()).isEqualTo(2 * TIMEOUT);
        assembler.advanceTime(2 * TIMEOUT);
        assertThat(assembler.keyframeRequests()).isEqualTo(2);
        assertThat(assembler.keyframeNeeded()).isTrue();
        assertThat(assembler.heldPackets()).isZero();
        assertThat(assembler.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void takesRtpPacketsAndCopiesTheirPayloads() {
        final Sender sender = new Sender(TestStreams.VP8, 300, 1200, new Random(15));
        final FrameAssembler assembler = assembler(TestStreams.VP8);
        final Sent key = sender.frame(true, 100);
        final Packet packet = key.packets().get(0);
        final byte[] buffer = packet.payload().clone();
        assembler.insert(dev.remotemedia.rtc.rtp.RtpPacket.builder().sequenceNumber(packet.seq())
                .timestamp(packet.timestamp()).marker(true).payload(buffer).build(), 5);
        java.util.Arrays.fill(buffer, (byte) 0); // the caller reuses its buffer
        final List<AssembledFrame> frames = poll(assembler);
        assertReleased(frames, key);
        assertThat(frames.get(0).receivedNanos()).isEqualTo(5);
    }

    @Test
    void releasesAVp9PictureOfTwoSpatialLayersAsOneFrame() {
        final FrameAssembler assembler = assembler(TestStreams.VP9);
        // Flexible mode, picture ID 7, P=0: layer 0 (B, E), then layer 1 (B; E with the marker).
        assembler.insert(10, 900, false, Hex.view("bc 07 00 aa"), 0); // I L F B E | TID 0 SID 0
        assembler.insert(11, 900, false, Hex.view("b8 07 03 bb"), 0); // I L F B | SID 1 D
        assembler.insert(12, 900, true, Hex.view("b4 07 03 cc"), 0);  // I L F E | SID 1 D
        final List<AssembledFrame> frames = poll(assembler);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).keyframe()).isTrue();
        assertThat(frames.get(0).data()).containsExactly(Hex.hex("aa bb cc"));
    }

    /**
     * A lossy, reordering, duplicating network with NACK that sometimes repairs: whatever is
     * released is byte-identical to what was sent, in decode order, and every delta frame follows
     * the frame before it, never one after a gap. One exception: an H264 keyframe whose SPS/PPS
     * packet was lost comes out from its IDR slice on, since nothing tells such a packet from an
     * access unit that does not repeat its parameter sets.
     */
    @ParameterizedTest
    @EnumSource(TestStreams.class)
    void underRandomLossOnlyDecodableFramesComeOutInOrder(TestStreams codec) {
        final Random random = new Random(13 + codec.ordinal());
        final Sender sender = new Sender(codec, random.nextInt(65_536), 400, random);
        final FrameAssembler assembler = FrameAssembler.builder(codec.depacketizer())
                .maxPackets(200).lossTimeoutNanos(TIMEOUT).build();
        final List<Sent> sent = new ArrayList<>();
        final List<Packet> inFlight = new ArrayList<>();
        final List<AssembledFrame> released = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 600; i++) {
            final Sent frame = sender.frame(i % 60 == 0 || assembler.keyframeNeeded() && random.nextInt(5) == 0,
                                            1 + random.nextInt(2500));
            sent.add(frame);
            for (Packet packet : frame.packets()) {
                final int fate = random.nextInt(100);
                if (fate < 4) {
                    continue; // lost for good
                }
                if (fate < 8) {
                    inFlight.add(packet); // comes later: a retransmission
                }
                inFlight.add(random.nextInt(inFlight.size() + 1), packet);
            }
            while (inFlight.size() > random.nextInt(12)) {
                insert(assembler, inFlight.remove(0), now);
            }
            now += 33 * MS;
            assembler.advanceTime(now);
            released.addAll(poll(assembler));
            assertThat(assembler.heldPackets()).isLessThanOrEqualTo(200);
        }
        assertThat(released.size()).isGreaterThan(100);
        int previous = -1;
        for (AssembledFrame frame : released) {
            final Sent origin = sent.stream().filter(s -> s.packets().get(0).timestamp() == frame.timestamp())
                    .findFirst().orElseThrow();
            if (codec == TestStreams.H264 && frame.keyframe()
                && frame.firstSequenceNumber() != origin.packets().get(0).seq()) {
                final byte[] expected = origin.expected();
                assertThat(java.util.Arrays.copyOfRange(expected, expected.length - frame.data().length,
                                                        expected.length)).containsExactly(frame.data());
                assertThat(frame.data()[4] & 0x1F).isEqualTo(H264.NAL_IDR);
            } else {
                assertThat(frame.firstSequenceNumber()).isEqualTo(origin.packets().get(0).seq());
                assertThat(frame.data()).containsExactly(origin.expected());
            }
            assertThat(origin.index()).isGreaterThan(previous);
            if (!frame.keyframe()) {
                assertThat(origin.index()).as("a delta frame right after its predecessor").isEqualTo(previous + 1);
            }
            previous = origin.index();
        }
    }
}
