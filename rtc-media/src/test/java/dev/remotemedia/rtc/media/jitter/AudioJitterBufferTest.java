package dev.remotemedia.rtc.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The jitter buffer's behaviour packet by packet, on fake time, with the synthetic {@link ToneCodec}. */
class AudioJitterBufferTest {
    private static final long MS = 1_000_000L;
    private static final int PACKET = 960; // 20 ms at 48 kHz

    private final ToneCodec codec = new ToneCodec(48_000);
    private final List<Long> played = new ArrayList<>();
    private final List<Long> concealedMissing = new ArrayList<>();
    private final JitterBufferObserver observer = new JitterBufferObserver() {
        @Override
        public void onPlayed(long timestamp, long arrivalNanos, long nowNanos) {
            played.add(timestamp);
        }

        @Override
        public void onConcealedMissing(long timestamp, long nowNanos, boolean fec) {
            concealedMissing.add(timestamp);
        }
    };
    private AudioJitterBuffer buffer = new AudioJitterBuffer(JitterBufferConfig.DEFAULT, codec, observer);
    private final short[] out = new short[480];
    private long now;

    private void insert(int seq, long ts) {
        insert(0xABCD, seq, ts, true);
    }

    private void insert(long ssrc, int seq, long ts, boolean fec) {
        buffer.insert(ssrc, seq & 0xFFFF, ts & 0xFFFF_FFFFL, ToneCodec.packet(ts, PACKET, fec), now);
    }

    /** Pulls at the buffer's requested times until {@code untilNanos}; returns frames given. */
    private int pullUntil(long untilNanos) {
        int frames = 0;
        while (true) {
            final long at = Math.max(now, buffer.nextPullNanos() == Long.MIN_VALUE ? now : buffer.nextPullNanos());
            if (at > untilNanos) {
                now = Math.max(now, untilNanos);
                return frames;
            }
            now = at;
            if (buffer.pull(now, out)) {
                frames++;
            }
        }
    }

    /** A steady stream: packet i sent at i × 20 ms, arriving 30 ms later; pulls in between. */
    private void stream(int fromPacket, int toPacket, long startNanos) {
        for (int i = fromPacket; i < toPacket; i++) {
            final long arrival = startNanos + i * 20L * MS + 30 * MS;
            pullUntil(arrival);
            insert(i, (long) i * PACKET);
        }
    }

    @Test
    void playsAClockedStreamInOrderWithoutConcealment() {
        stream(0, 500, 0);
        pullUntil(now + 100 * MS);
        assertThat(played).hasSizeGreaterThan(490);
        for (int i = 1; i < played.size(); i++) {
            assertThat(played.get(i) - played.get(i - 1)).isEqualTo(PACKET);
        }
        final JitterBufferStats stats = buffer.stats();
        assertThat(stats.packetsLate()).isZero();
        assertThat(stats.packetsDuplicated()).isZero();
        // Only the stream's end is concealed (the 100 ms pulled after it): nothing in the middle, not
        // even while the buffer shed the start target's 40 ms by accelerating.
        assertThat(stats.concealmentEvents()).isEqualTo(1);
        assertThat(stats.concealedSamples()).isLessThanOrEqualTo(100 * 48);
        assertThat(stats.removedSamplesForAcceleration()).isPositive();
        assertThat(stats.targetDelayMillis()).isLessThanOrEqualTo(1.0); // a perfectly clocked path needs no delay
    }

    @Test
    void startsAtTheStartTargetWhileLearningThenComesDownToWhatItMeasuredWithoutConcealing() {
        // The first packets jitter by up to 30 ms (a cold JIT, a busy machine): with no history to
        // measure, a buffer that started at its measured 0 ms would conceal at each of them.
        final long[] lateBy = {0, 25, 5, 30, 0, 10, 20, 0, 15, 28};
        for (int i = 0; i < 150; i++) {
            final long arrival = i * 20L * MS + 30 * MS + (i < lateBy.length ? lateBy[i] * MS : 0);
            pullUntil(arrival);
            insert(i, (long) i * PACKET);
            if (i == 40) { // 0.8 s: still learning
                assertThat(buffer.stats().targetDelayMillis()).isEqualTo(40.0);
                assertThat(buffer.stats().currentDelayMillis()).isBetween(30.0, 50.0);
            }
        }
        final JitterBufferStats stats = buffer.stats();
        assertThat(stats.concealedSamples()).as("no concealment while the stream flows").isZero();
        assertThat(stats.packetsLate()).isZero();
        // After learning, the late start-up packets still count (they are in the history), but the
        // clocked rest pulls the target under the start's 40 ms and the buffer sheds the surplus by
        // accelerating.
        assertThat(stats.targetDelayMillis()).isLessThan(35.0);
        assertThat(stats.removedSamplesForAcceleration()).isPositive();
        assertThat(stats.currentDelayMillis()).isLessThanOrEqualTo(stats.targetDelayMillis() + 10.0);
    }

    @Test
    void theOutputIsTheToneSampleForSampleWhenNothingIsLateOrStretched() {
        // No start target: the buffer would otherwise shed it by accelerating after learning.
        buffer = new AudioJitterBuffer(JitterBufferConfig.DEFAULT.withStart(0), codec, observer);
        final List<Short> samples = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            final long arrival = i * 20L * MS + 30 * MS;
            while (true) {
                final long at = Math.max(now, buffer.nextPullNanos() == Long.MIN_VALUE ? now : buffer.nextPullNanos());
                if (at > arrival) {
                    break;
                }
                now = at;
                if (buffer.pull(now, out)) {
                    for (short s : out) {
                        samples.add(s);
                    }
                }
            }
            now = Math.max(now, arrival);
            insert(i, (long) i * PACKET);
        }
        assertThat(samples.size()).isGreaterThan(90 * PACKET);
        for (int i = 0; i < 90 * PACKET; i++) {
            assertThat((double) samples.get(i)).isCloseTo(codec.valueAt(i), org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void dropsAndCountsDuplicates() {
        stream(0, 50, 0);
        insert(49, 49L * PACKET); // queued still: a duplicate of a waiting packet
        pullUntil(now + 200 * MS);
        insert(10, 10L * PACKET); // long played
        assertThat(buffer.stats().packetsDuplicated()).isEqualTo(2);
        assertThat(played.stream().filter(t -> t == 49L * PACKET).count()).isEqualTo(1);
    }

    @Test
    void concealsAMissingPacketFromTheNextPacketsFecAndDropsItWhenItComesLate() {
        stream(0, 20, 0);
        // Packet 20 goes missing; 21 and 22 come in time; 20 comes a long time after.
        for (int i = 21; i < 60; i++) {
            pullUntil(i * 20L * MS + 30 * MS);
            insert(i, (long) i * PACKET);
        }
        insert(20, 20L * PACKET);
        assertThat(concealedMissing).containsExactly(20L * PACKET);
        assertThat(buffer.stats().fecRecovered()).isEqualTo(1);
        assertThat(buffer.stats().packetsLate()).isEqualTo(1);
        assertThat(played).doesNotContain(20L * PACKET).contains(21L * PACKET);
    }

    @Test
    void aPacketLateIntoAnEmptyBufferStillPlaysAfterTheBufferWaitedForIt() {
        stream(0, 50, 0);
        // Packets 50.. arrive 120 ms later than the path so far: the buffer runs dry and waits.
        for (int i = 50; i < 100; i++) {
            pullUntil(i * 20L * MS + 150 * MS);
            insert(i, (long) i * PACKET);
        }
        // It waited with concealment, about the 120 ms the path got slower (and no more: the path is steady again).
        assertThat(buffer.stats().concealedSamples()).isBetween(48L * 100, 48L * 160);
        pullUntil(now + 200 * MS);
        for (long i = 50; i < 100; i++) {
            assertThat(played).contains(i * PACKET); // none lost: the buffer waited for them
        }
        assertThat(buffer.stats().packetsLate()).isZero();
    }

    @Test
    void aNewSsrcRestartsTheStream() {
        stream(0, 50, 0);
        final long resets = buffer.stats().resets();
        for (int i = 0; i < 30; i++) {
            pullUntil(now + 20 * MS);
            insert(0x5555, 7_000 + i, 123_456_789L + (long) i * PACKET, true);
        }
        assertThat(buffer.stats().resets()).isEqualTo(resets + 1);
        assertThat(played).contains(123_456_789L + 10L * PACKET);
    }

    @Test
    void aTimestampJumpRestartsTheTimeline() {
        stream(0, 50, 0);
        final long jump = 48_000L * 3600; // an hour ahead
        for (int i = 50; i < 80; i++) {
            pullUntil(now + 20 * MS);
            insert(i, jump + (long) i * PACKET);
        }
        assertThat(buffer.stats().resets()).isEqualTo(1);
        assertThat(played).contains(jump + 60L * PACKET);
    }

    @Test
    void sequenceNumbersAndTimestampsWrap() {
        final long firstTs = 0xFFFF_FFFFL - 10L * PACKET;
        for (int i = 0; i < 40; i++) {
            pullUntil(i * 20L * MS + 30 * MS);
            insert(0xABCD, 65_530 + i, firstTs + (long) i * PACKET, true);
        }
        pullUntil(now + 100 * MS);
        assertThat(played).hasSizeGreaterThanOrEqualTo(38);
        for (int i = 1; i < played.size(); i++) {
            assertThat(played.get(i) - played.get(i - 1)).isEqualTo(PACKET); // unwrapped: still one packet apart
        }
        assertThat(buffer.stats().packetsLate() + buffer.stats().packetsDuplicated() + buffer.stats().resets()).isZero();
    }

    @Test
    void aSenderFasterThanRealTimeIsBoundedDroppedAndCounted() {
        // Ten times real time for ten seconds: 5,000 packets.
        int maxQueued = 0;
        for (int i = 0; i < 5_000; i++) {
            pullUntil(now + 2 * MS);
            insert(i, (long) i * PACKET);
            maxQueued = Math.max(maxQueued, buffer.packetCount());
        }
        assertThat(maxQueued).isLessThanOrEqualTo(56); // ≤ maxBuffer (ceiling + 1 s) of 20 ms packets, plus the one arriving
        assertThat(buffer.stats().packetsDiscarded()).isGreaterThan(4_000);
        // Real time was kept: one 10 ms frame per 10 ms.
        assertThat(buffer.stats().totalSamplesReceived()).isBetween(48L * 9_500, 48L * 10_100);
    }

    @Test
    void aSenderThatStopsLeavesNoGrowingBufferAndNoEndlessFrames() {
        stream(0, 50, 0);
        final int frames = pullUntil(now + 5_000 * MS);
        assertThat(buffer.packetCount()).isZero();
        assertThat(buffer.playing()).isFalse();
        assertThat(frames).isLessThanOrEqualTo(110); // ≤ ~1 s of concealment and silence, then nothing
        assertThat(buffer.stats().silentConcealedSamples()).isGreaterThan(0);
        // And it starts again when packets come back.
        final long before = played.size();
        stream(300, 320, 0);
        assertThat(played.size()).isGreaterThan((int) before);
    }

    @Test
    void hostileInputIsDroppedAndCountedNeverThrown() {
        stream(0, 20, 0);
        buffer.insert(0xABCD, 21, 21L * PACKET, new byte[0], now);
        buffer.insert(0xABCD, 22, 22L * PACKET, new byte[] {1, 2, 3}, now);
        buffer.insert(0xABCD, 23, 23L * PACKET, new byte[5000], now);
        assertThat(buffer.stats().packetsDiscarded()).isEqualTo(3);
        stream(24, 60, 0);
        assertThat(played).contains(50L * PACKET);
        assertThatThrownBy(() -> buffer.pull(now, new short[10])).isInstanceOf(IllegalArgumentException.class)
                                                                .hasMessageContaining("expected: >= 480");
    }

    @Test
    void theConfigurationIsValidatedWithClearMessages() {
        assertThatThrownBy(() -> JitterBufferConfig.DEFAULT.withBounds(50, 20)).isInstanceOf(IllegalArgumentException.class)
                                                                              .hasMessage("floorMillis: 50 (expected: 0..20)");
        assertThatThrownBy(() -> JitterBufferConfig.withCeiling(5)).isInstanceOf(IllegalArgumentException.class)
                                                                  .hasMessageContaining("ceilingMillis: 5");
    }
}
