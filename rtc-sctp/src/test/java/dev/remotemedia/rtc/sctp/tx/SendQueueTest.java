package dev.remotemedia.rtc.sctp.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.sctp.tx.SendQueueEvent.BufferedAmountLow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendQueueTest {

    private static final long NOW = 1_000_000_000L;
    private static final long PPID = 53;

    private final SendQueue queue = new SendQueue(1000, 5000);

    private static byte[] bytes(int length) {
        final byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) i;
        }
        return payload;
    }

    private List<OutgoingChunk> produceAll(int maxPayload) {
        final List<OutgoingChunk> chunks = new ArrayList<>();
        for (OutgoingChunk chunk; (chunk = queue.produce(NOW, maxPayload)) != null; ) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private List<SendQueueEvent> events() {
        final List<SendQueueEvent> events = new ArrayList<>();
        for (SendQueueEvent event; (event = queue.pollEvent()) != null; ) {
            events.add(event);
        }
        return events;
    }

    @Test
    void sendsASmallMessageAsOneChunkWithoutCopyingIt() {
        final byte[] payload = bytes(10);
        assertThat(queue.add(NOW, 1, PPID, payload, SendOptions.reliable(false))).isEqualTo(SendStatus.SUCCESS);

        final OutgoingChunk chunk = queue.produce(NOW, 1000);

        assertThat(chunk.streamId()).isEqualTo(1);
        assertThat(chunk.ppid()).isEqualTo(PPID);
        assertThat(chunk.beginning()).isTrue();
        assertThat(chunk.ending()).isTrue();
        assertThat(chunk.payload().array()).isSameAs(payload);
        assertThat(chunk.payload().length()).isEqualTo(10);
        assertThat(queue.produce(NOW, 1000)).isNull();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void fragmentsAMessageIntoChunksOfAtMostTheGivenPayload() {
        queue.add(NOW, 1, PPID, bytes(250), SendOptions.reliable(false));

        final List<OutgoingChunk> chunks = produceAll(100);

        assertThat(chunks).extracting(c -> c.payload().length()).containsExactly(100, 100, 50);
        assertThat(chunks).extracting(OutgoingChunk::beginning).containsExactly(true, false, false);
        assertThat(chunks).extracting(OutgoingChunk::ending).containsExactly(false, false, true);
        assertThat(chunks).extracting(OutgoingChunk::ssn).containsOnly(0);
        assertThat(chunks.get(1).payload().getUint8(0)).isEqualTo(100);
        assertThat(chunks).extracting(OutgoingChunk::messageId).containsOnly(chunks.get(0).messageId());
    }

    @Test
    void numbersOrderedMessagesPerStreamAcrossTheSsnWrap() {
        final SendQueue big = new SendQueue(10, 1 << 20);
        for (int i = 0; i < 65537; i++) {
            big.add(NOW, 3, PPID, bytes(1), SendOptions.reliable(false));
        }
        big.add(NOW, 4, PPID, bytes(1), SendOptions.reliable(false));
        final List<Integer> ssns = new ArrayList<>();
        for (OutgoingChunk chunk; (chunk = big.produce(NOW, 10)) != null; ) {
            if (chunk.streamId() == 3) {
                ssns.add(chunk.ssn());
            } else {
                assertThat(chunk.ssn()).isZero();
            }
        }

        assertThat(ssns.subList(65533, 65537)).containsExactly(65533, 65534, 65535, 0);
    }

    @Test
    void givesUnorderedMessagesNoSsnOfTheirOwn() {
        queue.add(NOW, 1, PPID, bytes(5), SendOptions.reliable(false));
        queue.add(NOW, 1, PPID, bytes(5), SendOptions.reliable(true));
        queue.add(NOW, 1, PPID, bytes(5), SendOptions.reliable(false));

        final List<OutgoingChunk> chunks = produceAll(100);

        assertThat(chunks).extracting(OutgoingChunk::unordered).containsExactly(false, true, false);
        assertThat(chunks).extracting(OutgoingChunk::ssn).containsExactly(0, 0, 1);
    }

    @Test
    void takesTurnsBetweenStreamsMessageByMessage() {
        queue.add(NOW, 1, PPID, bytes(150), SendOptions.reliable(false));
        queue.add(NOW, 1, PPID, bytes(10), SendOptions.reliable(false));
        queue.add(NOW, 2, PPID, bytes(10), SendOptions.reliable(false));
        queue.add(NOW, 2, PPID, bytes(10), SendOptions.reliable(false));
        queue.add(NOW, 3, PPID, bytes(10), SendOptions.reliable(false));

        final List<OutgoingChunk> chunks = produceAll(100);

        // A started message is finished first: its fragments need consecutive TSNs.
        assertThat(chunks).extracting(OutgoingChunk::streamId).containsExactly(1, 1, 2, 3, 1, 2);
    }

    @Test
    void tracksBufferedAmountsPerStreamAndInTotal() {
        queue.add(NOW, 1, PPID, bytes(300), SendOptions.reliable(false));
        queue.add(NOW, 2, PPID, bytes(200), SendOptions.reliable(false));

        queue.produce(NOW, 100);

        assertThat(queue.bufferedAmount(1)).isEqualTo(200);
        assertThat(queue.bufferedAmount(2)).isEqualTo(200);
        assertThat(queue.bufferedAmount(9)).isZero();
        assertThat(queue.totalBufferedAmount()).isEqualTo(400);
    }

    @Test
    void reportsBufferedAmountLowWhenFallingToTheThreshold() {
        queue.setBufferedAmountLowThreshold(1, 150);
        queue.add(NOW, 1, PPID, bytes(400), SendOptions.reliable(false));

        queue.produce(NOW, 200);
        assertThat(events()).isEmpty();
        queue.produce(NOW, 50);
        assertThat(events()).containsExactly(new BufferedAmountLow(1));
        queue.produce(NOW, 50);
        assertThat(events()).isEmpty();
        assertThat(queue.bufferedAmountLowThreshold(1)).isEqualTo(150);
    }

    @Test
    void reportsBufferedAmountLowWhenAStreamDrainsWithTheDefaultThreshold() {
        queue.add(NOW, 2, PPID, bytes(20), SendOptions.reliable(false));

        produceAll(100);

        assertThat(events()).containsExactly(new BufferedAmountLow(2));
    }

    @Test
    void refusesEmptyTooLargeAndOverflowingMessages() {
        assertThat(queue.add(NOW, 1, PPID, new byte[0], SendOptions.reliable(false)))
                .isEqualTo(SendStatus.MESSAGE_EMPTY);
        assertThat(queue.add(NOW, 1, PPID, bytes(1001), SendOptions.reliable(false)))
                .isEqualTo(SendStatus.MESSAGE_TOO_LARGE);
        for (int i = 0; i < 5; i++) {
            assertThat(queue.add(NOW, 1, PPID, bytes(1000), SendOptions.reliable(false))).isEqualTo(SendStatus.SUCCESS);
        }
        assertThat(queue.add(NOW, 2, PPID, bytes(1), SendOptions.reliable(false))).isEqualTo(SendStatus.BUFFER_FULL);
        assertThatThrownBy(() -> queue.add(NOW, 65536, PPID, bytes(1), SendOptions.reliable(false)))
                .hasMessage("streamId: 65536 (expected: 0..65535)");
    }

    @Test
    void dropsAMessageWhoseLifetimeEndedBeforeItsFirstFragmentLeft() {
        queue.add(NOW, 1, PPID, bytes(10), SendOptions.withLifetime(false, 100));
        queue.add(NOW, 1, PPID, bytes(20), SendOptions.reliable(false));

        final OutgoingChunk chunk = queue.produce(NOW + 101, 100);

        assertThat(chunk.payload().length()).isEqualTo(20);
        assertThat(chunk.ssn()).isZero();
        assertThat(queue.expiredMessageCount()).isOne();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void sendsAMessageWithZeroLifetimeWhenSentAtOnce() {
        queue.add(NOW, 1, PPID, bytes(10), SendOptions.withLifetime(true, 0));

        final OutgoingChunk chunk = queue.produce(NOW, 100);

        assertThat(chunk).isNotNull();
        assertThat(chunk.expiresAtNanos()).isEqualTo(NOW);
        assertThat(chunk.isExpired(NOW)).isFalse();
        assertThat(chunk.isExpired(NOW + 1)).isTrue();
    }

    @Test
    void carriesThePartialReliabilityOfTheMessageOnEveryChunk() {
        queue.add(NOW, 1, PPID, bytes(10), SendOptions.withMaxRetransmits(false, 2));
        queue.add(NOW, 1, PPID, bytes(10), SendOptions.reliable(false));

        final List<OutgoingChunk> chunks = produceAll(100);

        assertThat(chunks.get(0).maxRetransmits()).isEqualTo(2);
        assertThat(chunks.get(0).expiresAtNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(chunks.get(1).maxRetransmits()).isEqualTo(SendOptions.UNLIMITED_RETRANSMITS);
    }

    @Test
    void discardsTheUnsentRestOfAnAbandonedMessage() {
        queue.add(NOW, 1, PPID, bytes(300), SendOptions.withMaxRetransmits(false, 0));
        queue.add(NOW, 1, PPID, bytes(10), SendOptions.reliable(false));
        final OutgoingChunk first = queue.produce(NOW, 100);

        assertThat(queue.discard(1, first.messageId())).isTrue();
        assertThat(queue.discard(1, first.messageId())).isFalse();

        final OutgoingChunk next = queue.produce(NOW, 100);
        assertThat(next.beginning()).isTrue();
        assertThat(next.payload().length()).isEqualTo(10);
        assertThat(next.ssn()).isOne();
        assertThat(queue.totalBufferedAmount()).isZero();
    }

    @Test
    void doesNotDiscardAMessageNotStartedOrAlreadySent() {
        queue.add(NOW, 1, PPID, bytes(10), SendOptions.reliable(false));
        final OutgoingChunk sent = queue.produce(NOW, 100);
        queue.add(NOW, 1, PPID, bytes(10), SendOptions.reliable(false));

        assertThat(queue.discard(1, sent.messageId())).isFalse();
        assertThat(queue.discard(1, sent.messageId() + 1)).isFalse();
        assertThat(queue.discard(7, 0)).isFalse();
    }

    @Test
    void drainsAStreamBeforeResettingItAndRefusesNewMessagesMeanwhile() {
        queue.add(NOW, 1, PPID, bytes(150), SendOptions.reliable(false));
        queue.add(NOW, 1, PPID, bytes(10), SendOptions.reliable(false));
        queue.add(NOW, 2, PPID, bytes(10), SendOptions.reliable(false));

        queue.prepareResetStream(1);

        assertThat(queue.add(NOW, 1, PPID, bytes(5), SendOptions.reliable(false)))
                .isEqualTo(SendStatus.STREAM_RESETTING);
        assertThat(queue.hasStreamsReadyToBeReset()).isFalse();
        assertThat(produceAll(100)).extracting(OutgoingChunk::streamId).containsExactly(1, 1, 2, 1);
        assertThat(queue.hasStreamsReadyToBeReset()).isTrue();
    }

    @Test
    void restartsSsnsAtZeroWhenTheResetIsCommitted() {
        queue.add(NOW, 1, PPID, bytes(10), SendOptions.reliable(false));
        queue.add(NOW, 2, PPID, bytes(10), SendOptions.reliable(false));
        produceAll(100);
        queue.prepareResetStream(1);
        queue.prepareResetStream(2);

        assertThat(queue.beginResetStreams()).containsExactly(1, 2);
        assertThat(queue.hasStreamsReadyToBeReset()).isFalse();
        assertThat(queue.add(NOW, 1, PPID, bytes(5), SendOptions.reliable(false)))
                .isEqualTo(SendStatus.STREAM_RESETTING);
        queue.commitResetStreams();

        queue.add(NOW, 1, PPID, bytes(5), SendOptions.reliable(false));
        assertThat(queue.produce(NOW, 100).ssn()).isZero();
    }

    @Test
    void makesStreamsReadyAgainWhenTheResetIsRolledBack() {
        queue.prepareResetStream(4);
        assertThat(queue.beginResetStreams()).containsExactly(4);

        queue.rollbackResetStreams();

        assertThat(queue.hasStreamsReadyToBeReset()).isTrue();
        assertThat(queue.beginResetStreams()).containsExactly(4);
    }
}
