package dev.remotemedia.rtc.sctp.rx;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.sctp.rx.ReassemblyEvent.MessageReady;
import dev.remotemedia.rtc.sctp.rx.ReassemblyEvent.MessageTooLarge;
import dev.remotemedia.rtc.sctp.rx.ReassemblyQueue.Admission;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReassemblyQueueTest {

    private static final long PPID = 51;
    private static final int MAX_MESSAGE = 1000;

    private ReassemblyQueue queue = new ReassemblyQueue(100, 10_000, MAX_MESSAGE);

    /** A DATA fragment; {@code flags} holds B and/or E. */
    private static DataFragment data(long tsn, int stream, int ssn, String flags, String payload) {
        return new DataFragment(tsn, stream, ssn, PPID, ByteView.of(payload.getBytes(US_ASCII)),
                                flags.contains("B"), flags.contains("E"), false);
    }

    private static DataFragment unordered(long tsn, int stream, String flags, String payload) {
        return new DataFragment(tsn, stream, 0, PPID, ByteView.of(payload.getBytes(US_ASCII)),
                                flags.contains("B"), flags.contains("E"), true);
    }

    private static MessageReady message(int stream, String payload) {
        return new MessageReady(stream, PPID, payload.getBytes(US_ASCII), false);
    }

    private static MessageReady unorderedMessage(int stream, String payload) {
        return new MessageReady(stream, PPID, payload.getBytes(US_ASCII), true);
    }

    private List<ReassemblyEvent> drain() {
        final List<ReassemblyEvent> events = new ArrayList<>();
        for (ReassemblyEvent event; (event = queue.poll()) != null; ) {
            events.add(event);
        }
        return events;
    }

    @Test
    void deliversASingleChunkMessageAtOnce() {
        queue.add(data(100, 1, 0, "BE", "hello"));

        assertThat(drain()).containsExactly(message(1, "hello"));
        assertThat(queue.bufferedBytes()).isZero();
    }

    @Test
    void copiesThePayloadSoTheReceiveBufferCanBeReused() {
        final byte[] buffer = "hello".getBytes(US_ASCII);
        queue.add(new DataFragment(100, 1, 0, PPID, ByteView.of(buffer), true, true, false));
        buffer[0] = 'j';

        assertThat(drain()).containsExactly(message(1, "hello"));
    }

    @Test
    void reassemblesFragmentsArrivingOutOfOrder() {
        queue.add(data(102, 1, 0, "E", "ld"));
        queue.add(data(100, 1, 0, "B", "hel"));
        assertThat(drain()).isEmpty();
        assertThat(queue.bufferedBytes()).isEqualTo(5);

        queue.add(data(101, 1, 0, "", "lo wor"));

        assertThat(drain()).containsExactly(message(1, "hello world"));
        assertThat(queue.bufferedBytes()).isZero();
        assertThat(queue.remainingBytes()).isEqualTo(10_000);
    }

    @Test
    void holdsALaterOrderedMessageUntilTheEarlierOneIsComplete() {
        queue.add(data(100, 1, 0, "B", "first "));
        queue.add(data(102, 1, 1, "BE", "second"));
        queue.add(data(103, 1, 2, "BE", "third"));
        assertThat(drain()).isEmpty();

        queue.add(data(101, 1, 0, "E", "one"));

        assertThat(drain()).containsExactly(message(1, "first one"), message(1, "second"), message(1, "third"));
    }

    @Test
    void deliversUnorderedMessagesAsSoonAsTheyAreComplete() {
        queue.add(data(100, 1, 0, "B", "ordered "));
        queue.add(unordered(102, 1, "BE", "express"));
        queue.add(unordered(104, 1, "E", "-two"));
        queue.add(unordered(103, 1, "B", "part"));

        assertThat(drain()).containsExactly(unorderedMessage(1, "express"), unorderedMessage(1, "part-two"));
    }

    @Test
    void reassemblesUnorderedFragmentsInAnyOrderWithoutMixingNeighbours() {
        queue.add(unordered(103, 2, "E", "c"));
        queue.add(unordered(104, 2, "B", "x"));
        queue.add(unordered(101, 2, "B", "a"));
        queue.add(unordered(105, 2, "E", "y"));
        assertThat(drain()).containsExactly(unorderedMessage(2, "xy"));

        queue.add(unordered(102, 2, "", "b"));

        assertThat(drain()).containsExactly(unorderedMessage(2, "abc"));
        assertThat(queue.bufferedBytes()).isZero();
    }

    @Test
    void keepsStreamsIndependent() {
        queue.add(data(100, 1, 0, "B", "blocked"));
        queue.add(data(101, 2, 0, "BE", "free"));
        queue.add(data(102, 3, 0, "BE", "also free"));

        assertThat(drain()).containsExactly(message(2, "free"), message(3, "also free"));
    }

    @Test
    void deliversInOrderAcrossTheSsnWrap() {
        final long[] tsn = {100};
        for (int ssn = 0; ssn < 65534; ssn++) {
            queue.add(data(tsn[0]++, 7, ssn, "BE", "m"));
        }
        drain();

        queue.add(data(tsn[0] + 2, 7, 0, "BE", "after wrap"));
        queue.add(data(tsn[0] + 1, 7, 65535, "BE", "last"));
        assertThat(drain()).isEmpty();
        queue.add(data(tsn[0], 7, 65534, "BE", "second last"));

        assertThat(drain()).containsExactly(message(7, "second last"), message(7, "last"), message(7, "after wrap"));
    }

    @Test
    void reassemblesFragmentsAcrossTheTsnWrap() {
        queue = new ReassemblyQueue(0xFFFF_FFFEL, 10_000, MAX_MESSAGE);

        queue.add(data(1, 1, 0, "E", "!"));
        queue.add(data(0xFFFF_FFFEL, 1, 0, "B", "wr"));
        queue.add(data(0, 1, 0, "", "ap"));
        queue.add(data(0xFFFF_FFFFL, 1, 0, "", "ar"));
        queue.add(unordered(3, 1, "E", "!"));
        queue.add(unordered(2, 1, "B", "u"));

        assertThat(drain()).containsExactly(message(1, "wrarap!"), unorderedMessage(1, "u!"));
    }

    @Test
    void ignoresAFragmentItAlreadyHolds() {
        queue.add(data(100, 1, 0, "B", "ab"));
        queue.add(data(100, 1, 0, "B", "ab"));
        queue.add(unordered(105, 2, "B", "x"));
        queue.add(unordered(105, 2, "B", "x"));

        assertThat(queue.bufferedBytes()).isEqualTo(3);
    }

    @Test
    void forwardTsnSkipsAbandonedOrderedMessagesAndDeliversWhatFollows() {
        queue.add(data(100, 1, 0, "B", "abandoned"));
        queue.add(data(103, 1, 1, "B", "also abandoned"));
        queue.add(data(105, 1, 2, "BE", "next"));
        queue.add(data(106, 2, 0, "BE", "other"));
        assertThat(drain()).containsExactly(message(2, "other"));

        queue.handleForwardTsn(new ForwardTsn(104, List.of(new ForwardTsn.SkippedStream(1, 1))));

        assertThat(drain()).containsExactly(message(1, "next"));
        assertThat(queue.bufferedBytes()).isZero();
        queue.add(data(101, 1, 0, "E", "late fragment of a skipped message"));
        assertThat(drain()).isEmpty();
        assertThat(queue.bufferedBytes()).isZero();
    }

    @Test
    void forwardTsnDropsUnorderedFragmentsUpToTheNewCumulativeTsn() {
        queue.add(unordered(100, 1, "B", "gone"));
        queue.add(unordered(102, 3, "B", "gone too"));
        queue.add(unordered(110, 1, "B", "kept "));

        queue.handleForwardTsn(new ForwardTsn(105, List.of()));
        queue.add(unordered(111, 1, "E", "whole"));

        assertThat(drain()).containsExactly(unorderedMessage(1, "kept whole"));
        assertThat(queue.bufferedBytes()).isZero();
    }

    @Test
    void forwardTsnSkipsAcrossTheSsnWrap() {
        for (int ssn = 0; ssn < 65535; ssn++) {
            queue.add(data(100 + ssn, 4, ssn, "BE", "m"));
        }
        drain();
        queue.add(data(70_000, 4, 1, "BE", "after"));

        queue.handleForwardTsn(new ForwardTsn(69_999, List.of(new ForwardTsn.SkippedStream(4, 0))));

        assertThat(drain()).containsExactly(message(4, "after"));
    }

    @Test
    void forwardTsnForAnSsnAlreadyPassedChangesNothing() {
        queue.add(data(100, 1, 0, "BE", "a"));
        queue.add(data(101, 1, 1, "BE", "b"));
        queue.add(data(103, 1, 3, "BE", "d"));
        drain();

        queue.handleForwardTsn(new ForwardTsn(101, List.of(new ForwardTsn.SkippedStream(1, 0))));
        queue.add(data(102, 1, 2, "BE", "c"));

        assertThat(drain()).containsExactly(message(1, "c"), message(1, "d"));
    }

    @Test
    void dropsAnOrderedMessageTooLargeAndCarriesOn() {
        queue.add(data(100, 1, 0, "B", "x".repeat(600)));
        queue.add(data(101, 1, 0, "", "x".repeat(600)));

        assertThat(drain()).containsExactly(new MessageTooLarge(1, false, 1200, MAX_MESSAGE));
        assertThat(queue.bufferedBytes()).isZero();

        queue.add(data(102, 1, 0, "E", "x".repeat(600)));
        queue.add(data(103, 1, 1, "BE", "next"));
        assertThat(drain()).containsExactly(message(1, "next"));
        assertThat(queue.bufferedBytes()).isZero();
    }

    @Test
    void dropsALaterOrderedMessageTooLargeWithoutHoldingUpEarlierOnes() {
        queue.add(data(102, 1, 1, "B", "y".repeat(700)));
        queue.add(data(103, 1, 1, "", "y".repeat(700)));
        assertThat(drain()).containsExactly(new MessageTooLarge(1, false, 1400, MAX_MESSAGE));

        queue.add(data(104, 1, 1, "E", "y"));
        queue.add(data(105, 1, 2, "BE", "after"));
        queue.add(data(100, 1, 0, "B", "be"));
        queue.add(data(101, 1, 0, "E", "fore"));

        assertThat(drain()).containsExactly(message(1, "before"), message(1, "after"));
        assertThat(queue.bufferedBytes()).isZero();
    }

    @Test
    void dropsAnUnorderedMessageTooLargeAndItsLaterFragments() {
        queue.add(unordered(100, 1, "B", "z".repeat(600)));
        queue.add(unordered(103, 1, "", "z".repeat(10)));
        queue.add(unordered(101, 1, "", "z".repeat(600)));
        assertThat(drain()).containsExactly(new MessageTooLarge(1, true, 1200, MAX_MESSAGE));

        queue.add(unordered(104, 1, "E", "z"));
        queue.add(unordered(102, 1, "", "z".repeat(10)));
        assertThat(queue.bufferedBytes()).isZero();

        queue.add(unordered(105, 1, "BE", "fine"));
        assertThat(drain()).containsExactly(unorderedMessage(1, "fine"));
    }

    @Test
    void admitsAnythingBelowTheHighWatermark() {
        assertThat(queue.admit(1000, false)).isEqualTo(Admission.ACCEPT);
        assertThat(queue.admit(9000, false)).isEqualTo(Admission.ACCEPT);
        assertThat(queue.admit(9001, false)).isEqualTo(Admission.DROP);
    }

    @Test
    void aboveTheHighWatermarkAdmitsOnlyChunksThatMoveTheAckPoint() {
        for (int i = 0; i < 10; i++) {
            queue.add(data(101 + i, 1, 1 + i, "BE", "x".repeat(900)));
        }
        assertThat(queue.bufferedBytes()).isEqualTo(9000);
        assertThat(queue.remainingBytes()).isEqualTo(1000);

        assertThat(queue.admit(100, false)).isEqualTo(Admission.DROP);
        assertThat(queue.admit(100, true)).isEqualTo(Admission.ACCEPT);

        queue.add(data(111, 1, 11, "BE", "x".repeat(1000)));
        assertThat(queue.remainingBytes()).isZero();
        assertThat(queue.admit(100, true)).isEqualTo(Admission.EXHAUSTED);

        queue.add(data(100, 1, 0, "BE", "unblocks"));
        assertThat(queue.bufferedBytes()).isZero();
        assertThat(queue.admit(100, false)).isEqualTo(Admission.ACCEPT);
    }

    @Test
    void defersChunksOfStreamsBeingResetUntilTheSendersLastTsn() {
        queue.add(data(100, 1, 0, "BE", "a"));
        queue.add(data(101, 1, 1, "B", "b"));
        queue.enterDeferredReset(102, List.of(1));

        queue.add(data(103, 1, 0, "BE", "new channel"));
        queue.add(data(104, 2, 0, "BE", "other stream"));
        queue.add(data(102, 1, 1, "E", "c"));

        assertThat(drain()).containsExactly(message(1, "a"), message(2, "other stream"), message(1, "bc"));
        assertThat(queue.isDeferringReset()).isTrue();
        assertThat(queue.bufferedBytes()).isEqualTo(11);

        queue.resetStreamsAndLeaveDeferredReset(List.of(1));

        assertThat(queue.isDeferringReset()).isFalse();
        assertThat(drain()).containsExactly(message(1, "new channel"));
        assertThat(queue.bufferedBytes()).isZero();
    }

    @Test
    void defersAForwardTsnBeyondTheSendersLastTsn() {
        queue.add(data(100, 1, 0, "BE", "a"));
        queue.enterDeferredReset(100, List.of(1));
        queue.add(data(101, 1, 0, "B", "abandoned"));

        queue.handleForwardTsn(new ForwardTsn(101, List.of(new ForwardTsn.SkippedStream(1, 0))));
        queue.add(data(102, 1, 1, "BE", "b"));
        queue.resetStreamsAndLeaveDeferredReset(List.of(1));

        assertThat(drain()).containsExactly(message(1, "a"), message(1, "b"));
        assertThat(queue.bufferedBytes()).isZero();
    }

    @Test
    void resetWithoutStreamsResetsEveryOrderedStream() {
        queue.add(data(100, 1, 0, "BE", "a"));
        queue.add(data(101, 2, 0, "BE", "b"));
        queue.add(data(102, 2, 1, "B", "dropped by the reset"));
        drain();

        queue.resetStreamsAndLeaveDeferredReset(List.of());
        queue.add(data(103, 1, 0, "BE", "c"));
        queue.add(data(104, 2, 0, "BE", "d"));

        assertThat(drain()).containsExactly(message(1, "c"), message(2, "d"));
        assertThat(queue.bufferedBytes()).isZero();
    }
}
