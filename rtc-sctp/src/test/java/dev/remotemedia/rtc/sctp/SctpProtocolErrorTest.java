package dev.remotemedia.rtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.sctp.packet.AbortChunk;
import dev.remotemedia.rtc.sctp.packet.Chunk;
import dev.remotemedia.rtc.sctp.packet.DataChunk;
import dev.remotemedia.rtc.sctp.packet.ErrorChunk;
import dev.remotemedia.rtc.sctp.packet.InitChunk;
import dev.remotemedia.rtc.sctp.packet.InvalidStreamIdentifierCause;
import dev.remotemedia.rtc.sctp.packet.NoUserDataCause;
import dev.remotemedia.rtc.sctp.packet.ProtocolViolationCause;
import dev.remotemedia.rtc.sctp.packet.SctpPacket;
import dev.remotemedia.rtc.sctp.packet.ShutdownAckChunk;
import dev.remotemedia.rtc.sctp.packet.ShutdownCompleteChunk;
import dev.remotemedia.rtc.sctp.packet.UnknownChunk;
import dev.remotemedia.rtc.sctp.packet.UnrecognizedChunkTypeCause;
import dev.remotemedia.rtc.sctp.packet.UserInitiatedAbortCause;
import dev.remotemedia.rtc.sctp.tx.SctpOptions;
import dev.remotemedia.testing.InMemoryDatagramLink.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an association does with packets that break the rules: wrong verification tags (RFC 9260
 * §8.5), unknown chunk types (§3.2), ERROR chunks, invalid DATA (§6.2, §6.5), INITs without streams.
 */
class SctpProtocolErrorTest {

    private final SctpPair pair = new SctpPair(1);

    @Test
    void aPacketWithTheWrongVerificationTagIsDroppedAndReported() {
        pair.connectBoth();
        final TransmissionControlBlock tcb = pair.z.sctp.tcb();
        inject(pair.z, tcb.localTag() ^ 1, data(tcb, 5));

        assertThat(pair.z.messages).isEmpty();
        assertThat(pair.z.eventsOf(SctpEvent.Error.class)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("verification tag"));
    }

    @Test
    void anAbortIsAcceptedWithOurTagOrWithThePeersTagReflected() {
        pair.connectBoth();
        final TransmissionControlBlock tcb = pair.z.sctp.tcb();
        // T bit with our own tag: wrong, dropped.
        inject(pair.z, tcb.localTag(), new AbortChunk(true, List.of()));
        assertThat(pair.z.sctp.state()).isEqualTo(SctpState.CONNECTED);
        // T bit with the peer's tag (reflected): accepted.
        inject(pair.z, tcb.peerTag(), new AbortChunk(true, List.of(UserInitiatedAbortCause.of("reflected"))));
        assertThat(pair.z.eventsOf(SctpEvent.Aborted.class)).singleElement()
                .satisfies(a -> assertThat(a.reason()).contains("reflected"));
    }

    @Test
    void anUnknownChunkIsSkippedOrStopsThePacketAsItsTypeBitsSay() {
        pair.connectBoth();
        final TransmissionControlBlock tcb = pair.z.sctp.tcb();
        final long tsn = pair.a.sctp.tcb().nextTsn();
        // 0xC1 (bits 11): skip and report; the DATA after it is processed.
        inject(pair.z, tcb.localTag(), new UnknownChunk(0xC1, 0, ByteView.of(new byte[] {1, 2, 3, 4})),
               data(tsn, 1));
        assertThat(pair.z.messages).hasSize(1);
        assertThat(sentBy(pair.z)).anySatisfy(chunk -> assertThat(chunk).isInstanceOfSatisfying(ErrorChunk.class,
                error -> assertThat(error.causes().get(0)).isInstanceOf(UnrecognizedChunkTypeCause.class)));
        // 0x3F (bits 00): stop processing the packet silently; the DATA after it is not.
        inject(pair.z, tcb.localTag(), new UnknownChunk(0x3F, 0, ByteView.of(new byte[0])), data(tsn + 1, 2));
        assertThat(pair.z.messages).hasSize(1);
        assertThat(pair.z.sctp.state()).isEqualTo(SctpState.CONNECTED);
    }

    @Test
    void anErrorChunkFromThePeerIsAnEventNotAnAbort() {
        pair.connectBoth();
        inject(pair.z, pair.z.sctp.tcb().localTag(), new ErrorChunk(List.of(new InvalidStreamIdentifierCause(9))));
        assertThat(pair.z.eventsOf(SctpEvent.Error.class)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.PEER_REPORTED);
            assertThat(e.message()).contains("invalid stream identifier 9");
        });
        assertThat(pair.z.sctp.state()).isEqualTo(SctpState.CONNECTED);
    }

    @Test
    void dataWithoutUserDataAbortsWithNoUserData() {
        pair.connectBoth();
        final TransmissionControlBlock tcb = pair.z.sctp.tcb();
        final long tsn = pair.a.sctp.tcb().nextTsn();
        inject(pair.z, tcb.localTag(), new DataChunk(tsn, 0, 0, 51, ByteView.of(new byte[0]), false, true, true, false));

        assertThat(pair.z.eventsOf(SctpEvent.Aborted.class)).singleElement()
                .satisfies(a -> assertThat(a.kind()).isEqualTo(ErrorKind.PROTOCOL_VIOLATION));
        assertThat(sentBy(pair.z)).anySatisfy(chunk -> assertThat(chunk).isInstanceOfSatisfying(AbortChunk.class,
                abort -> assertThat(abort.causes()).singleElement().isInstanceOf(NoUserDataCause.class)));
    }

    @Test
    void dataOnAStreamBeyondTheNegotiatedOnesIsAcknowledgedAndReported() {
        final SctpPair small = new SctpPair(2, SctpOptions.builder().inboundStreams(16).build(), b -> {});
        small.connectBoth();
        small.a.sctp.send(new SctpMessage(20, 51, new byte[] {1}), SendOptions.DEFAULT);
        small.a.sctp.send(new SctpMessage(2, 51, new byte[] {2}), SendOptions.DEFAULT);
        small.runUntil(() -> small.z.messages.size() == 1, 5_000_000_000L);

        assertThat(small.z.messages.get(0).streamId()).isEqualTo(2);
        assertThat(small.z.eventsOf(SctpEvent.Error.class)).anySatisfy(e -> assertThat(e.message()).contains("stream 20"));
        assertThat(small.a.eventsOf(SctpEvent.Error.class)).anySatisfy(
                e -> assertThat(e.message()).contains("invalid stream identifier 20"));
        // Acknowledged all the same: nothing is retransmitted forever.
        small.runFor(10_000_000_000L);
        assertThat(small.a.sctp.metrics().outstandingBytes()).isZero();
    }

    @Test
    void anInitWithoutStreamsIsAnsweredWithAnAbortAndChangesNothing() {
        pair.connectBoth();
        final byte[] init = new SctpPacket(5000, 5000, 0, List.of(new InitChunk(
                77, 1 << 20, 0, 10, 1, List.of()))).toByteArray();
        pair.z.sctp.handleInput(init, 0, init.length);

        assertThat(pair.z.sctp.state()).isEqualTo(SctpState.CONNECTED);
        final SctpPacket answer = lastSent(pair.z);
        assertThat(answer.verificationTag()).isEqualTo(77);
        assertThat(((AbortChunk) answer.chunks().get(0)).causes().get(0)).isInstanceOf(ProtocolViolationCause.class);
    }

    @Test
    void anOutOfTheBlueShutdownAckGetsAShutdownCompleteWithItsTagReflected() {
        pair.a.sctp.connect();
        pair.a.drain();
        inject(pair.a, 0xABCDEFL, new ShutdownAckChunk());
        final SctpPacket answer = lastSent(pair.a);
        assertThat(answer.verificationTag()).isEqualTo(0xABCDEFL);
        assertThat(answer.chunks()).containsExactly(new ShutdownCompleteChunk(true));
    }

    @Test
    void aClosedAssociationAnswersARetransmittedShutdownAckSoThePeerClosesToo() {
        pair.connectBoth();
        final long zTag = pair.z.sctp.tcb().localTag();
        pair.z.sctp.shutdown();
        pair.runUntil(() -> pair.a.has(SctpEvent.Closed.class) && pair.z.has(SctpEvent.Closed.class), 10_000_000_000L);
        assertThat(pair.z.sctp.state()).isEqualTo(SctpState.CLOSED);

        // The peer did not get our SHUTDOWN COMPLETE and sends its SHUTDOWN ACK again, with our old tag.
        inject(pair.z, zTag, new ShutdownAckChunk());

        final SctpPacket answer = lastSent(pair.z);
        assertThat(answer.verificationTag()).isEqualTo(zTag);
        assertThat(answer.chunks()).containsExactly(new ShutdownCompleteChunk(true));
    }

    @Test
    void chunksThatNeedAnAssociationAreIgnoredWithoutOne() {
        final byte[] sack = new SctpPacket(5000, 5000, 0, List.of(new dev.remotemedia.rtc.sctp.packet.SackChunk(
                1, 1000, List.of(), List.of()))).toByteArray();
        pair.z.sctp.handleInput(sack, 0, sack.length);
        pair.z.drain();
        assertThat(pair.z.sctp.state()).isEqualTo(SctpState.CLOSED);
        assertThat(pair.z.eventsOf(SctpEvent.Error.class)).isNotEmpty();
        assertThat(pair.link.from(Side.Z).stats().sent()).isZero();
    }

    private static DataChunk data(TransmissionControlBlock receiver, int index) {
        return data(0x1234, index);
    }

    private static DataChunk data(long tsn, int index) {
        return new DataChunk(tsn & 0xFFFF_FFFFL, 0, 0, 53, ByteView.of(TestMessages.payload(0, index, 16)),
                             true, true, true, false);
    }

    private void inject(SctpPair.Peer peer, long verificationTag, Chunk... chunks) {
        final byte[] bytes = new SctpPacket(5000, 5000, verificationTag, List.of(chunks)).toByteArray();
        peer.sctp.handleInput(bytes, 0, bytes.length);
        peer.drain();
    }

    /** Returns the chunks {@code peer} sent since the last look, taking them off the link. */
    private List<Chunk> sentBy(SctpPair.Peer peer) {
        peer.drain();
        final List<Chunk> chunks = new java.util.ArrayList<>();
        for (var datagram = pair.link.poll(peer.side.other()); datagram != null;
             datagram = pair.link.poll(peer.side.other())) {
            chunks.addAll(SctpPacket.parse(datagram.data(), 0, datagram.data().length).orElseThrow().chunks());
        }
        return chunks;
    }

    private SctpPacket lastSent(SctpPair.Peer peer) {
        peer.drain();
        SctpPacket last = null;
        for (var datagram = pair.link.poll(peer.side.other()); datagram != null;
             datagram = pair.link.poll(peer.side.other())) {
            last = SctpPacket.parse(datagram.data(), 0, datagram.data().length).orElseThrow();
        }
        return last;
    }
}
