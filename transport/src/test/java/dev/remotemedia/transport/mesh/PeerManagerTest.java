package dev.remotemedia.transport.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.pc.RTCPeerConnectionState;
import dev.remotemedia.rtc.transport.ice.IceConfig;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Java peers in a mesh over real UDP on 127.0.0.1, signaling through {@link InMemoryHub}. */
class PeerManagerTest {

    private static final long TIMEOUT_SECONDS = 20;
    private static final IceConfig ICE = IceConfig.builder()
                                                  .hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                                                  .build();

    private final InMemoryHub hub = new InMemoryHub();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** A mesh member with everything its callbacks saw. */
    private final class Member {
        final InMemoryHub.End end;
        final PeerManager mesh;
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<String> closedPeers = new LinkedBlockingQueue<>();
        final Map<String, CompletableFuture<MeshPeer>> opened = new ConcurrentHashMap<>();

        final BlockingQueue<String> states = new LinkedBlockingQueue<>();

        Member(String id, int maxPeers, boolean autoConnect) {
            this(id, maxPeers, autoConnect, ICE);
        }

        Member(String id, int maxPeers, boolean autoConnect, IceConfig ice) {
            PeerConnectionFactory factory = PeerConnectionFactory.builder().iceConfig(ice).eventLoops(1).build();
            end = hub.join(id);
            mesh = PeerManager.builder(factory, end)
                              .maxPeers(maxPeers)
                              .autoConnect(autoConnect)
                              .onPeerStateChange((peer, state) -> states.add(peer.peerId() + ":" + state.w3cName()))
                              .onPeerMessage((peer, m) -> messages.add(peer.peerId() + ":" + m.text()))
                              .onPeerOpen(peer -> openedFuture(peer.peerId()).complete(peer))
                              .onPeerClosed(peer -> closedPeers.add(peer.peerId()))
                              .build();
            closeables.add(factory);
            closeables.add(0, mesh);
        }

        CompletableFuture<MeshPeer> openedFuture(String peerId) {
            return opened.computeIfAbsent(peerId, k -> new CompletableFuture<>());
        }

        MeshPeer awaitOpen(String peerId) throws Exception {
            return openedFuture(peerId).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        String nextMessage() throws InterruptedException {
            String m = messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(m).as("a message within %d s", TIMEOUT_SECONDS).isNotNull();
            return m;
        }

        String nextClosed() throws InterruptedException {
            String p = closedPeers.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(p).as("a closed peer within %d s", TIMEOUT_SECONDS).isNotNull();
            return p;
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        hub.close();
    }

    @Test
    void fourPeersJoiningOneByOneFormAFullMeshAndEveryPairExchangesMessages() throws Exception {
        List<Member> members = new ArrayList<>();
        for (String id : List.of("peer-a", "peer-b", "peer-c", "peer-d")) {
            Member m = new Member(id, PeerManager.DEFAULT_MAX_PEERS, true);
            members.add(m);
            hub.announce(m.end);
        }
        for (Member m : members) {
            for (Member other : members) {
                if (other != m) {
                    m.awaitOpen(other.end.id);
                }
            }
        }
        for (Member m : members) {
            for (MeshPeer peer : m.mesh.listAllPeers()) {
                peer.send("hello " + peer.peerId() + " from " + m.end.id);
            }
        }
        for (Member m : members) {
            Set<String> got = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < members.size() - 1; i++) {
                got.add(m.nextMessage());
            }
            Set<String> expected = ConcurrentHashMap.newKeySet();
            for (Member other : members) {
                if (other != m) {
                    expected.add(other.end.id + ":hello " + m.end.id + " from " + other.end.id);
                }
            }
            assertThat(got).isEqualTo(expected);
            assertThat(m.mesh.listPeers()).extracting(MeshPeer::peerId).hasSize(3).doesNotContain(m.end.id);
        }
        // The newcomer never offered: peers already there offered to it when it was announced.
        assertThat(members.get(3).mesh.listAllPeers()).noneMatch(MeshPeer::isOfferer);
        assertThat(members.get(0).mesh.listAllPeers()).allMatch(MeshPeer::isOfferer);
    }

    @Test
    void anOfferedConnectionThatFailsIsTriedAgain() throws Exception {
        IceConfig quick = ICE.toBuilder().iceTimeout(java.time.Duration.ofSeconds(1)).build();
        Member a = new Member("peer-a", 10, false, quick);
        Member b = new Member("peer-b", 10, false, quick);
        hub.dropCandidates = true; // the first attempt cannot connect: ICE times out
        CompletableFuture<MeshPeer> open = a.mesh.connectPeer("peer-b");
        String state;
        do {
            state = a.states.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(state).as("a state change at peer-a").isNotNull();
        } while (!state.equals("peer-b:failed"));
        hub.dropCandidates = false;

        MeshPeer peer = open.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(peer.attempt()).isEqualTo(2);
        peer.send("second time lucky");
        assertThat(b.nextMessage()).isEqualTo("peer-a:second time lucky");
        assertThat(a.mesh.listAllPeers()).containsExactly(peer);
        assertThat(a.closedPeers).isEmpty(); // a retried attempt is not a peer that went away
    }

    @Test
    void afterTheLastAttemptTheConnectionFails() throws Exception {
        IceConfig quick = ICE.toBuilder().iceTimeout(java.time.Duration.ofMillis(500)).build();
        PeerConnectionFactory factory = PeerConnectionFactory.builder().iceConfig(quick).eventLoops(1).build();
        closeables.add(factory);
        InMemoryHub.End end = hub.join("peer-a");
        PeerManager mesh = PeerManager.builder(factory, end).maxConnectionAttempts(2).build();
        closeables.add(0, mesh);
        new Member("peer-b", 10, false, quick);
        hub.dropCandidates = true;

        assertThatThrownBy(() -> mesh.connectPeer("peer-b").get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(RemoteMediaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
                    assertThat(e.getMessage()).contains("attempt 2 of 2");
                });
        assertThat(mesh.listAllPeers()).isEmpty();
        assertThatThrownBy(() -> PeerManager.builder(factory, end).maxConnectionAttempts(0))
                .hasMessage("maxConnectionAttempts: 0 (expected: > 0)");
    }

    @Test
    void connectionStatesAreReportedToTheRemotePeer() throws Exception {
        Member a = new Member("peer-a", 10, false);
        Member b = new Member("peer-b", 10, false);
        a.mesh.connectPeer("peer-b").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        b.awaitOpen("peer-a");
        // Both report "connected" to the other; the hub records what each received.
        assertThat(awaitState(b.end, RTCPeerConnectionState.CONNECTED)).isTrue();
        assertThat(awaitState(a.end, RTCPeerConnectionState.CONNECTED)).isTrue();
    }

    private static boolean awaitState(InMemoryHub.End end, RTCPeerConnectionState state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            PeerStates s = end.statesReceived.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (s != null && s.connectionState() == state) {
                return true;
            }
        }
        return false;
    }

    @Test
    void connectingPastTheMaximumFailsWithAClearError() throws Exception {
        Member a = new Member("peer-a", 1, false);
        new Member("peer-b", 10, false);
        new Member("peer-c", 10, false);
        a.mesh.connectPeer("peer-b").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThatThrownBy(() -> a.mesh.connectPeer("peer-c").get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(RemoteMediaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MAX_PEERS_REACHED);
                    assertThat(e.getMessage()).contains("maxPeers: 1").contains("peer-c");
                });
        assertThat(a.mesh.listAllPeers()).extracting(MeshPeer::peerId).containsExactly("peer-b");
    }

    @Test
    void anOfferPastTheMaximumIsRefusedAndTheOffererCleansUp() throws Exception {
        Member a = new Member("peer-a", 10, false);
        Member b = new Member("peer-b", 1, false);
        Member c = new Member("peer-c", 10, false);
        a.mesh.connectPeer("peer-b").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThatThrownBy(() -> c.mesh.connectPeer("peer-b").get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(RemoteMediaException.class,
                                                e -> assertThat(e.code()).isEqualTo(ErrorCode.MAX_PEERS_REACHED));
        assertThat(c.nextClosed()).isEqualTo("peer-b");
        assertThat(c.mesh.listAllPeers()).isEmpty();
        assertThat(b.mesh.listAllPeers()).extracting(MeshPeer::peerId).containsExactly("peer-a");
    }

    @Test
    void whenTwoPeersOfferToEachOtherTheSmallerIdsOfferWins() throws Exception {
        Member a = new Member("peer-a", 10, false);
        Member b = new Member("peer-b", 10, false);
        hub.holdOffers(true);
        CompletableFuture<MeshPeer> fromA = a.mesh.connectPeer("peer-b");
        CompletableFuture<MeshPeer> fromB = b.mesh.connectPeer("peer-a");
        hub.holdOffers(false); // both offers now cross

        MeshPeer atA = fromA.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(atA.isOfferer()).isTrue();
        assertThatThrownBy(() -> fromB.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        MeshPeer atB = b.awaitOpen("peer-a");
        assertThat(atB.isOfferer()).isFalse();
        atA.send("after glare");
        assertThat(b.nextMessage()).isEqualTo("peer-a:after glare");
        assertThat(b.mesh.listAllPeers()).containsExactly(atB);
    }

    @Test
    void candidatesThatOvertakeTheOfferAreHeldUntilItArrives() throws Exception {
        Member a = new Member("peer-a", 10, false);
        Member b = new Member("peer-b", 10, false);
        hub.holdOffers(true);
        CompletableFuture<MeshPeer> open = a.mesh.connectPeer("peer-b");
        assertThat(b.end.firstCandidate.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue(); // before the offer
        assertThat(hub.heldOfferCount()).isEqualTo(1);
        assertThat(open).isNotDone();
        hub.holdOffers(false);
        open.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).send("late offer");
        assertThat(b.nextMessage()).isEqualTo("peer-a:late offer");
    }

    @Test
    void aPeerThatLeavesIsClosedEverywhere() throws Exception {
        Member a = new Member("peer-a", 10, true);
        Member b = new Member("peer-b", 10, true);
        hub.announce(b.end);
        Member c = new Member("peer-c", 10, true);
        hub.announce(c.end);
        a.awaitOpen("peer-c");
        b.awaitOpen("peer-c");

        c.end.leave();

        assertThat(a.nextClosed()).isEqualTo("peer-c");
        assertThat(b.nextClosed()).isEqualTo("peer-c");
        assertThat(a.mesh.listAllPeers()).extracting(MeshPeer::peerId).containsExactly("peer-b");
        assertThat(b.mesh.listAllPeers()).extracting(MeshPeer::peerId).containsExactly("peer-a");
    }

    @Test
    void disconnectPeerClosesBothSides() throws Exception {
        Member a = new Member("peer-a", 10, false);
        Member b = new Member("peer-b", 10, false);
        MeshPeer atA = a.mesh.connectPeer("peer-b").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(a.mesh.disconnectPeer("peer-b", "done")).isTrue();

        assertThat(atA.state()).isEqualTo(RTCPeerConnectionState.CLOSED);
        assertThat(b.nextClosed()).isEqualTo("peer-a");
        assertThat(a.mesh.listAllPeers()).isEmpty();
        assertThat(b.mesh.listAllPeers()).isEmpty();
        assertThat(a.mesh.disconnectPeer("peer-b", "again")).isFalse();
    }

    @Test
    void listPeersHasOnlyConnectedOnesWhileListAllPeersHasPendingOnesToo() throws Exception {
        Member a = new Member("peer-a", 10, false);
        Member b = new Member("peer-b", 10, false);
        new Member("peer-c", 10, false);
        a.mesh.connectPeer("peer-b").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        hub.holdOffers(true);
        CompletableFuture<MeshPeer> pending = a.mesh.connectPeer("peer-c");

        assertThat(a.mesh.listPeers()).extracting(MeshPeer::peerId).containsExactly("peer-b");
        assertThat(a.mesh.listAllPeers()).extracting(MeshPeer::peerId).containsExactly("peer-b", "peer-c");
        CompletableFuture<MeshPeer> again = a.mesh.connectPeer("peer-c"); // no second offer
        hub.holdOffers(false);
        assertThat(again.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isSameAs(pending.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        assertThat(b.mesh.peer("peer-a")).isPresent();
    }

    @Test
    void connectingToAnUnknownPeerFailsWithTheSignalingError() {
        Member a = new Member("peer-a", 10, false);
        assertThatThrownBy(() -> a.mesh.connectPeer("nobody").get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(RemoteMediaException.class,
                                                e -> assertThat(e.code()).isEqualTo(ErrorCode.PEER_NOT_FOUND));
        assertThat(a.mesh.listAllPeers()).isEmpty();
        assertThatThrownBy(() -> a.mesh.connectPeer("peer-a").join()).hasMessageContaining("is this peer");
    }

    @Test
    void closingTheManagerDisconnectsEveryPeer() throws Exception {
        Member a = new Member("peer-a", 10, false);
        Member b = new Member("peer-b", 10, false);
        Member c = new Member("peer-c", 10, false);
        a.mesh.connectPeer("peer-b").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        a.mesh.connectPeer("peer-c").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        a.mesh.close();
        assertThat(b.nextClosed()).isEqualTo("peer-a");
        assertThat(c.nextClosed()).isEqualTo("peer-a");
        assertThat(List.of(a.nextClosed(), a.nextClosed())).containsExactlyInAnyOrder("peer-b", "peer-c");
        assertThat(a.mesh.listAllPeers()).isEmpty();
        assertThatThrownBy(() -> a.mesh.connectPeer("peer-b").join()).hasMessageContaining("closed");
    }
}
