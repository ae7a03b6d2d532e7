package dev.remotemedia.transport.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.pipeline.data.BinaryData;
import dev.remotemedia.pipeline.data.ControlData;
import dev.remotemedia.pipeline.data.DataBufferCodec;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.pipeline.manifest.Manifests;
import dev.remotemedia.pipeline.node.NodeDescriptor;
import dev.remotemedia.pipeline.node.NodeKind;
import dev.remotemedia.pipeline.node.NodeRegistry;
import dev.remotemedia.pipeline.node.TransformNode;
import dev.remotemedia.pipeline.runtime.PipelineRunner;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.pc.RTCDataChannel;
import dev.remotemedia.rtc.pc.RTCIceCandidate;
import dev.remotemedia.rtc.pc.RTCPeerConnection;
import dev.remotemedia.rtc.pc.RTCSdpType;
import dev.remotemedia.rtc.pc.RTCSessionDescription;
import dev.remotemedia.rtc.transport.ice.IceConfig;
import dev.remotemedia.transport.mesh.PeerStates;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Java clients offering to a {@link ServerPeerManager} over real UDP on 127.0.0.1; signaling in memory. */
class ServerPeerManagerTest {

    private static final long TIMEOUT_SECONDS = 20;
    private static final IceConfig ICE = IceConfig.builder()
                                                  .hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                                                  .build();

    private PeerConnectionFactory serverFactory;
    private PeerConnectionFactory clientFactory;
    private PipelineRunner runner;
    private ServerPeerManager manager;
    private final BlockingQueue<ServerPeer> closedPeers = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> appChannels = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() {
        serverFactory = PeerConnectionFactory.builder().iceConfig(ICE).eventLoops(1).build();
        clientFactory = PeerConnectionFactory.builder().iceConfig(ICE).eventLoops(1).build();
        NodeRegistry builtIn = NodeRegistry.load();
        List<NodeDescriptor> nodes = new ArrayList<>(builtIn.typeNames().stream().map(builtIn::find).toList());
        nodes.add(NodeDescriptor.builder("test.Explode", NodeKind.TRANSFORM)
                                .description("Throws on the text 'boom'.")
                                .factory(ctx -> (TransformNode) (data, out) -> {
                                    if (data instanceof TextData t && t.text().equals("boom")) {
                                        throw new IllegalStateException("boom went the node");
                                    }
                                    out.emit(data);
                                }).build());
        runner = PipelineRunner.builder().registry(NodeRegistry.of(nodes)).build();
        manager = ServerPeerManager.builder(serverFactory, runner)
                                   .pipeline("loopback", Manifests.builtIn("loopback", runner.loader()))
                                   .pipeline("text-upper", Manifests.builtIn("text-upper", runner.loader()))
                                   .pipeline("explode", runner.loader().parse("""
                                           version: v1
                                           metadata: { name: explode }
                                           nodes:
                                             - { id: input, node_type: Input }
                                             - { id: x, node_type: test.Explode }
                                             - { id: output, node_type: Output }
                                           connections:
                                             - { from: input, to: x }
                                             - { from: x, to: output }
                                           """))
                                   .maxPeers(3)
                                   .channelHandler((peer, dc) -> appChannels.add(peer.peerId() + "/" + dc.label()))
                                   .onPeerClosed(closedPeers::add)
                                   .build();
    }

    @AfterEach
    void tearDown() {
        manager.close();
        runner.close();
        clientFactory.close();
        serverFactory.close();
    }

    /** A client: its peer connection, its remotemedia channel and what came back on it. */
    private final class Client {
        final String id;
        final RTCPeerConnection pc = clientFactory.createPeerConnection();
        final RTCDataChannel channel = pc.createDataChannel(ServerPeer.CHANNEL_LABEL);
        final BlockingQueue<RuntimeData> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> open = new CompletableFuture<>();
        final List<RTCIceCandidate> localCandidates = new ArrayList<>();
        final BlockingQueue<PeerStates> serverStates = new LinkedBlockingQueue<>();
        /** The server's candidates, held until the answer is applied (W3C: none before a remote description). */
        private final List<RTCIceCandidate> fromServer = new ArrayList<>();
        private boolean answered;
        volatile boolean trickleToServer = true;

        Client(String id) {
            this.id = id;
            channel.onOpen(() -> open.complete(null));
            channel.onMessage(m -> received.add(DataBufferCodec.decode(m.data(), 1 << 20)));
            pc.onIceCandidate(c -> {
                synchronized (localCandidates) {
                    localCandidates.add(c);
                }
                if (trickleToServer) {
                    manager.addIceCandidate(id, c);
                }
            });
        }

        CompletableFuture<String> offer(String pipeline) throws Exception {
            RTCSessionDescription offer = pc.createOffer().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            pc.setLocalDescription(offer).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return manager.offer(id, offer.sdp(), pipeline, new PeerSignals() {
                @Override
                public void iceCandidate(RTCIceCandidate candidate) {
                    synchronized (fromServer) {
                        if (!answered) {
                            fromServer.add(candidate);
                            return;
                        }
                    }
                    pc.addIceCandidate(candidate);
                }

                @Override
                public void stateChanged(PeerStates states) {
                    serverStates.add(states);
                }
            });
        }

        Client connect(String pipeline) throws Exception {
            String answer = offer(pipeline).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, answer))
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            synchronized (fromServer) {
                answered = true;
                fromServer.forEach(pc::addIceCandidate);
                fromServer.clear();
            }
            open.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return this;
        }

        void send(RuntimeData data) {
            channel.send(DataBufferCodec.encode(data));
        }

        RuntimeData next() throws InterruptedException {
            RuntimeData d = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(d).as("a reply within %d s", TIMEOUT_SECONDS).isNotNull();
            return d;
        }
    }

    private ServerPeer nextClosed() throws InterruptedException {
        ServerPeer p = closedPeers.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(p).as("a closed ServerPeer within %d s", TIMEOUT_SECONDS).isNotNull();
        return p;
    }

    @Test
    void textThroughTheTextUpperPipelineComesBackInOrder() throws Exception {
        Client client = new Client("peer-1").connect("text-upper");
        for (int i = 0; i < 100; i++) {
            client.send(TextData.of("message " + i));
        }
        for (int i = 0; i < 100; i++) {
            assertThat(client.next()).isEqualTo(TextData.of("MESSAGE " + i));
        }
        ServerPeer peer = manager.peer("peer-1").orElseThrow();
        assertThat(peer.pipelineName()).isEqualTo("text-upper");
        assertThat(peer.stats().messagesIn()).isEqualTo(100);
        assertThat(peer.stats().messagesOut()).isEqualTo(100);
    }

    @Test
    void withoutAPipelineNameTheDefaultOneRunsAndBinaryDataComesBackIntact() throws Exception {
        Client client = new Client("peer-1").connect(null);
        byte[] payload = new byte[200_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        BinaryData sent = BinaryData.of(payload, BinaryData.OCTET_STREAM).withMetadata(java.util.Map.of("k", "v"));
        client.send(sent);
        assertThat(client.next()).isEqualTo(sent);
        assertThat(manager.peer("peer-1").orElseThrow().pipelineName()).isEqualTo("loopback");
    }

    @Test
    void aMessageThatIsNotADataBufferIsAnsweredWithAnErrorAndTheConnectionGoesOn() throws Exception {
        Client client = new Client("peer-1").connect("text-upper");
        client.channel.send(new byte[] {(byte) 0xff, 0x01, 0x02});
        RuntimeData error = client.next();
        assertThat(error).isInstanceOfSatisfying(ControlData.class, c -> {
            assertThat(c.controlKind()).isEqualTo(ServerPeer.ERROR_CONTROL_KIND);
            assertThat(c.payloadJson()).contains("message of 3 bytes dropped").contains("DataBuffer");
        });
        client.send(TextData.of("still here"));
        assertThat(client.next()).isEqualTo(TextData.of("STILL HERE"));
        assertThat(manager.peer("peer-1").orElseThrow().stats().rejectedIn()).isEqualTo(1);
    }

    @Test
    void plainTextMessagesAreTakenAsTextData() throws Exception {
        Client client = new Client("peer-1").connect("text-upper");
        client.channel.send("typed in a browser");
        assertThat(client.next()).isEqualTo(TextData.of("TYPED IN A BROWSER"));
    }

    @Test
    void anUnknownPipelineIsRefusedWithTheNamesThatExist() throws Exception {
        Client client = new Client("peer-1");
        assertThatThrownBy(() -> client.offer("nope").get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(RemoteMediaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMS);
                    assertThat(e.getMessage()).contains("'nope'").contains("explode, loopback, text-upper");
                });
        assertThat(manager.peerCount()).isZero();
        client.pc.close();
    }

    @Test
    void anOfferPastMaxPeersIsRefused() throws Exception {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(new Client("peer-" + i).connect(null));
        }
        Client extra = new Client("peer-x");
        assertThatThrownBy(() -> extra.offer(null).get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(RemoteMediaException.class,
                                                e -> assertThat(e.code()).isEqualTo(ErrorCode.MAX_PEERS_REACHED));
        assertThat(manager.peerCount()).isEqualTo(3);
        extra.pc.close();
    }

    @Test
    void candidatesThatArriveBeforeTheOfferAreHeldAndApplied() throws Exception {
        Client client = new Client("peer-1");
        client.trickleToServer = false;
        RTCSessionDescription offer = client.pc.createOffer().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        client.pc.setLocalDescription(offer).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        // Wait for gathering to end (end-of-candidates), then deliver every candidate before the offer.
        CompletableFuture<Void> gathered = new CompletableFuture<>();
        client.pc.onIceGatheringStateChange(s -> {
            if (s.w3cName().equals("complete")) {
                gathered.complete(null);
            }
        });
        if (client.pc.iceGatheringState().w3cName().equals("complete")) {
            gathered.complete(null);
        }
        gathered.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<RTCIceCandidate> early;
        synchronized (client.localCandidates) {
            early = List.copyOf(client.localCandidates);
        }
        assertThat(early).isNotEmpty();
        early.forEach(c -> manager.addIceCandidate("peer-1", c));
        String answer = manager.offer("peer-1", offer.sdp(), "text-upper", new PeerSignals() {
            @Override
            public void iceCandidate(RTCIceCandidate candidate) {}   // the server's candidates are not sent:

            @Override
            public void stateChanged(PeerStates states) {}            // only the held ones can connect
        }).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        client.pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, answer))
                 .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        client.open.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        client.send(TextData.of("early"));
        assertThat(client.next()).isEqualTo(TextData.of("EARLY"));
    }

    @Test
    void otherChannelsGoToTheApplication() throws Exception {
        Client client = new Client("peer-1").connect(null);
        client.pc.createDataChannel("chat");
        assertThat(appChannels.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("peer-1/chat");
    }

    @Test
    void theServerReportsItsConnectionStatesToTheClient() throws Exception {
        Client client = new Client("peer-1").connect(null);
        PeerStates s;
        do {
            s = client.serverStates.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(s).as("a state report").isNotNull();
        } while (!s.connectionState().w3cName().equals("connected"));
        assertThat(client.pc.connectionState().w3cName()).isEqualTo("connected");
    }

    @Test
    void aFailingNodeReportsAnErrorAndClosesThePeerAndItsSession() throws Exception {
        Client client = new Client("peer-1").connect("explode");
        client.send(TextData.of("fine"));
        assertThat(client.next()).isEqualTo(TextData.of("fine"));
        client.send(TextData.of("boom"));
        assertThat(client.next()).isInstanceOfSatisfying(ControlData.class,
                c -> assertThat(c.payloadJson()).contains("pipeline 'explode' failed").contains("boom went the node"));
        ServerPeer closed = nextClosed();
        assertThat(closed.peerId()).isEqualTo("peer-1");
        assertThat(closed.closeFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("pipeline failed");
        assertThat(closed.session().isClosed()).isTrue();
        assertThat(manager.peerCount()).isZero();
        assertThat(runner.activeSessions()).isZero();
    }

    @Test
    void disconnectReleasesThePeerAndItsSession() throws Exception {
        new Client("peer-1").connect("text-upper");
        assertThat(runner.activeSessions()).isEqualTo(1);
        manager.disconnect("peer-1", "client left");
        ServerPeer closed = nextClosed();
        assertThat(closed.closeFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("client left");
        closed.session().closeFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(manager.peerCount()).isZero();
        assertThat(runner.activeSessions()).isZero();
        assertThat(serverFactory.connectionCount()).isZero();
    }

    @Test
    void aClientThatClosesItsConnectionIsCleanedUp() throws Exception {
        Client client = new Client("peer-1").connect("text-upper");
        client.pc.close(); // DTLS close_notify: the server side's connection closes
        ServerPeer closed = nextClosed();
        assertThat(closed.closeFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isIn("remotemedia channel closed", "connection closed", "connection failed");
        assertThat(manager.peerCount()).isZero();
    }

    @Test
    void aSecondOfferFromTheSamePeerReplacesItsServerPeer() throws Exception {
        Client first = new Client("peer-1").connect("text-upper");
        ServerPeer old = manager.peer("peer-1").orElseThrow();
        first.pc.close();
        Client second = new Client("peer-1").connect("loopback");
        assertThat(old.isClosed()).isTrue();
        assertThat(manager.peer("peer-1").orElseThrow().pipelineName()).isEqualTo("loopback");
        second.send(TextData.of("x"));
        assertThat(second.next()).isEqualTo(TextData.of("x"));
    }

    @Test
    void afterCloseOffersAreRefused() throws Exception {
        manager.close();
        Client client = new Client("peer-1");
        assertThatThrownBy(() -> client.offer(null).get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("shutting down");
        client.pc.close();
    }
}
