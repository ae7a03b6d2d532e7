package dev.remotemedia.signaling.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.rtc.pc.RTCIceCandidate;
import dev.remotemedia.transport.mesh.MeshSignaling.Listener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** What arrives between the join and the transport's listener: held in order, refused when closed, bounded. */
class ListenerGateTest {
    private final List<String> seen = new ArrayList<>();
    private final Listener listener = new Listener() {
        @Override
        public CompletableFuture<String> onOffer(String from, String sdp) {
            seen.add("offer " + from);
            return CompletableFuture.completedFuture("answer to " + sdp);
        }

        @Override
        public void onIceCandidate(String from, RTCIceCandidate candidate) {
            seen.add("candidate " + from + " " + candidate.candidate());
        }

        @Override
        public void onPeerAnnounced(String peerId) {
            seen.add("announced " + peerId);
        }

        @Override
        public void onPeerLeft(String peerId, String reason) {
            seen.add("left " + peerId);
        }
    };
    private final ListenerGate gate = new ListenerGate("me");

    @Test
    void anOfferAndItsCandidatesBeforeTheListenerReachItInOrderWhenItIsSet() {
        final CompletableFuture<String> answer = gate.offer("peer-x", "sdp-x");
        gate.event(l -> l.onIceCandidate("peer-x", new RTCIceCandidate("candidate:1 1 udp 1 127.0.0.1 9 typ host", "0", 0, null)));
        gate.event(l -> l.onPeerAnnounced("peer-y"));
        assertThat(answer).isNotDone();
        assertThat(seen).isEmpty();

        gate.set(listener);
        assertThat(answer).isCompletedWithValue("answer to sdp-x");
        assertThat(seen).containsExactly("offer peer-x", "candidate peer-x candidate:1 1 udp 1 127.0.0.1 9 typ host",
                                         "announced peer-y");
        gate.event(l -> l.onPeerLeft("peer-y", "bye"));
        assertThat(seen).last().isEqualTo("left peer-y");
    }

    @Test
    void aGateClosedBeforeItsListenerRefusesHeldAndLaterOffers() {
        final CompletableFuture<String> held = gate.offer("peer-x", "sdp");
        gate.set(null);
        final CompletableFuture<String> later = gate.offer("peer-z", "sdp");
        for (CompletableFuture<String> answer : List.of(held, later)) {
            assertThat(answer).isCompletedExceptionally();
            assertThat(answer.handle((a, e) -> e instanceof CompletionException c ? c.getCause() : e).join())
                    .isInstanceOf(RemoteMediaException.class).hasMessageContaining("me takes no offers");
        }
        gate.event(l -> l.onPeerAnnounced("peer-y"));
        assertThat(seen).isEmpty();
    }

    @Test
    void holdsAtMostItsBoundAndRefusesTheOldestOfferPastIt() {
        final CompletableFuture<String> oldest = gate.offer("peer-0", "sdp");
        for (int i = 0; i < ListenerGate.MAX_HELD; i++) {
            gate.event(l -> l.onPeerAnnounced("peer"));
        }
        assertThat(oldest).isCompletedExceptionally();
        gate.set(listener);
        assertThat(seen).hasSize(ListenerGate.MAX_HELD).allMatch(s -> s.equals("announced peer"));
    }
}
