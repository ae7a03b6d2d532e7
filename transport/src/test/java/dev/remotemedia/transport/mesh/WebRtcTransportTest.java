package dev.remotemedia.transport.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.transport.WebRtcTransport;
import dev.remotemedia.transport.WebRtcTransportConfig;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The seeds' Quick Start, on the in-memory hub instead of a signaling server. */
class WebRtcTransportTest {

    private static final long TIMEOUT_SECONDS = 20;
    private static final WebRtcTransportConfig CONFIG =
            WebRtcTransportConfig.builder()
                                 .iceAddresses(List.of(InetAddress.getLoopbackAddress()))
                                 .udpPort(0)
                                 .build();

    private final InMemoryHub hub = new InMemoryHub();

    private final MeshSignalingConnector connector = hub.connector();

    @AfterEach
    void tearDown() {
        hub.close();
    }

    @Test
    void theQuickStartReadsTheSameInJava() throws Exception {
        BlockingQueue<String> atRemote = new LinkedBlockingQueue<>();
        try (WebRtcTransport remote = WebRtcTransport.builder(CONFIG).peerId("peer-remote").signaling(connector)
                                                     .onPeerMessage((p, m) -> atRemote.add(p.peerId() + ":" + m.text()))
                                                     .build();
             WebRtcTransport transport = WebRtcTransport.builder(CONFIG).peerId("java-1").signaling(connector).build()) {
            remote.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            transport.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

            transport.createSession("session-1");
            String peerId = transport.connectPeer("peer-remote").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            transport.addPeerToSession("session-1", peerId);

            assertThat(transport.listSessions()).containsExactly("session-1");
            assertThat(transport.getSession("session-1").peers()).containsExactly("peer-remote");
            assertThat(transport.broadcast("session-1", "hello session")).isEqualTo(1);
            assertThat(atRemote.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("java-1:hello session");
            assertThat(transport.listPeers()).extracting(MeshPeer::peerId).containsExactly("peer-remote");

            assertThat(transport.removeSession("session-1")).isTrue();
            assertThat(transport.hasSession("session-1")).isFalse();
            transport.shutdown();
            assertThatThrownBy(transport::listPeers).hasMessageContaining("shut down");
        }
    }

    @Test
    void aPeerThatLeavesIsRemovedFromItsSessions() throws Exception {
        BlockingQueue<String> closed = new LinkedBlockingQueue<>();
        try (WebRtcTransport remote = WebRtcTransport.builder(CONFIG).peerId("peer-remote").signaling(connector).build();
             WebRtcTransport transport = WebRtcTransport.builder(CONFIG).peerId("java-1").signaling(connector)
                                                        .onPeerClosed(p -> closed.add(p.peerId())).build()) {
            remote.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            transport.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            transport.createSession("room");
            transport.addPeerToSession("room", transport.connectPeer("peer-remote").get(TIMEOUT_SECONDS, TimeUnit.SECONDS));

            remote.shutdown();

            assertThat(closed.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("peer-remote");
            assertThat(transport.getSession("room").peers()).isEmpty();
        }
    }

    @Test
    void misuseGetsClearErrors() throws Exception {
        try (WebRtcTransport transport = WebRtcTransport.builder(CONFIG).peerId("java-1").signaling(connector).build()) {
            assertThatThrownBy(() -> transport.connectPeer("x")).hasMessageContaining("call start()");
            transport.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(transport.start()).isSameAs(transport.start());
            transport.createSession("s");
            assertThatThrownBy(() -> transport.createSession("s"))
                    .isInstanceOfSatisfying(RemoteMediaException.class,
                                            e -> assertThat(e.getMessage()).isEqualTo("sessionId: 's' exists already"));
            assertThatThrownBy(() -> transport.addPeerToSession("s", "nobody"))
                    .isInstanceOfSatisfying(RemoteMediaException.class,
                                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PEER_NOT_FOUND));
            assertThatThrownBy(() -> transport.getSession("t")).hasMessage("sessionId: no session 't'");
            assertThatThrownBy(() -> transport.createSession(" ")).hasMessageContaining("not blank");
        }
        assertThatThrownBy(() -> WebRtcTransport.builder(WebRtcTransportConfig.builder().maxPeers(0).build()))
                .isInstanceOf(RemoteMediaException.class).hasMessageContaining("WEBRTC_MAX_PEERS");
    }
}
