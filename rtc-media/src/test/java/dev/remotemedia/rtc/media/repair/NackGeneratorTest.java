package dev.remotemedia.rtc.media.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The receiver's NACKs on fake time: what is asked for, when, how often, and when it gives up. */
class NackGeneratorTest {
    private static final long MS = 1_000_000L;
    private static final long RTT = 50 * MS;

    private final NackGenerator nacks = new NackGenerator(NackGenerator.Config.DEFAULT);

    @Test
    void asksForAGapAtOnceThenEveryRoundTripUntilItArrives() {
        nacks.onPacket(100, false, 0);
        nacks.onPacket(101, false, 20 * MS);
        nacks.onPacket(104, false, 40 * MS); // 102 and 103 missing
        assertThat(nacks.missingCount()).isEqualTo(2);
        assertThat(nacks.poll(40 * MS, RTT)).containsExactly(102, 103);
        assertThat(nacks.poll(60 * MS, RTT)).as("within a round trip of the request").isEmpty();
        assertThat(nacks.nextPollNanos(RTT)).isEqualTo(90 * MS);
        assertThat(nacks.poll(90 * MS, RTT)).containsExactly(102, 103);

        assertThat(nacks.onPacket(102, false, 100 * MS)).as("a repair").isTrue();
        assertThat(nacks.poll(140 * MS, RTT)).containsExactly(103);
        assertThat(nacks.requests()).isEqualTo(5);
        assertThat(nacks.recovered()).isEqualTo(1);
        assertThat(nacks.onPacket(102, false, 150 * MS)).as("a duplicate is no repair").isFalse();
    }

    @Test
    void aReorderedPacketInsideTheReorderWindowIsNeverAskedFor() {
        final NackGenerator patient = new NackGenerator(new NackGenerator.Config(1_000, 10, 20 * MS, 1_000 * MS, 10 * MS));
        patient.onPacket(1, false, 0);
        patient.onPacket(3, false, 1 * MS);
        assertThat(patient.poll(5 * MS, RTT)).isEmpty();
        assertThat(patient.nextPollNanos(RTT)).isEqualTo(11 * MS);
        assertThat(patient.onPacket(2, false, 6 * MS)).isFalse();
        assertThat(patient.poll(20 * MS, RTT)).isEmpty();
        assertThat(patient.requests()).isZero();
        assertThat(patient.nextPollNanos(RTT)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void givesUpAfterItsRetriesAndCountsIt() {
        nacks.onPacket(10, false, 0);
        nacks.onPacket(12, false, 0);
        long now = 0;
        int asked = 0;
        for (int i = 0; i < 20; i++, now += 30 * MS) {
            asked += nacks.poll(now, 0).size();
        }
        assertThat(asked).isEqualTo(10);
        assertThat(nacks.givenUp()).isEqualTo(1);
        assertThat(nacks.missingCount()).isZero();
    }

    @Test
    void givesUpOnPacketsOlderThanTheMaximumAge() {
        nacks.onPacket(10, false, 0);
        nacks.onPacket(12, false, 0);
        assertThat(nacks.poll(0, 600 * MS)).containsExactly(11);
        assertThat(nacks.poll(1_001 * MS, 600 * MS)).isEmpty();
        assertThat(nacks.givenUp()).isEqualTo(1);
    }

    @Test
    void followsTheSequenceNumberAcrossItsWrap() {
        nacks.onPacket(65_534, false, 0);
        nacks.onPacket(1, false, 0); // 65535 and 0 missing
        assertThat(nacks.poll(0, RTT)).containsExactly(65_535, 0);
        assertThat(nacks.onPacket(0, false, MS)).isTrue();
        assertThat(nacks.onPacket(65_535, false, MS)).isTrue();
        assertThat(nacks.missingCount()).isZero();
    }

    @Test
    void tooMuchLostAtOnceAsksForAKeyframeInstead() {
        nacks.onPacket(0, false, 0);
        nacks.onPacket(5_000, false, 0);
        assertThat(nacks.missingCount()).isZero();
        assertThat(nacks.takeKeyframeRequest()).isTrue();
        assertThat(nacks.takeKeyframeRequest()).as("once").isFalse();
        assertThat(nacks.keyframeRequests()).isEqualTo(1);
    }

    @Test
    void overTheTrackedBoundItForgetsWhatPrecedesTheNewestKeyframe() {
        final NackGenerator small = new NackGenerator(new NackGenerator.Config(10, 10, 20 * MS, 1_000 * MS, 0));
        small.onPacket(0, false, 0);
        small.onPacket(8, false, 0); // 1..7 missing
        small.onPacket(9, true, 0); // a keyframe starts at 9
        small.onPacket(14, false, 0); // 10..13 missing: 11 in all, over 10
        assertThat(small.missingCount()).isEqualTo(4);
        assertThat(small.poll(0, RTT)).containsExactly(10, 11, 12, 13);
        assertThat(small.takeKeyframeRequest()).as("the keyframe made the old losses moot").isFalse();
    }

    @Test
    void aRandomLossyStreamIsRepairedWhenTheRepairsArrive() {
        // A sender losing 10 % of packets and answering every NACK a round trip later (its RTX copies lost 10 % too).
        final Random random = new Random(7);
        final List<long[]> inFlight = new ArrayList<>(); // {arrival time, seq}
        // It keeps sending after the 3,000 judged: a loss at the very end shows no gap until a later packet comes.
        final boolean[] received = new boolean[3_200];
        long now = 0;
        for (int seq = 0; seq < received.length; seq++, now += 10 * MS) {
            if (seq == 0 || random.nextDouble() >= 0.10) {
                nacks.onPacket(seq, false, now);
                received[seq] = true;
            }
            for (int i = 0; i < inFlight.size(); i++) {
                if (inFlight.get(i)[0] <= now) {
                    final int s = (int) inFlight.remove(i--)[1];
                    nacks.onPacket(s, false, now);
                    received[s] = true;
                }
            }
            for (int s : nacks.poll(now, RTT)) {
                if (random.nextDouble() >= 0.10) {
                    inFlight.add(new long[] {now + RTT, s});
                }
            }
        }
        int missing = 0;
        for (int seq = 0; seq < 3_000; seq++) {
            missing += received[seq] ? 0 : 1;
        }
        assertThat(missing).as("lost for good after up to 10 requests at 10 %% loss each way").isZero();
        assertThat(nacks.recovered()).isBetween(250L, 350L);
        assertThat(nacks.givenUp()).isZero();
    }
}
