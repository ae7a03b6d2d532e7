package dev.remotemedia.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.transport.WebRtcTransport;
import dev.remotemedia.transport.WebRtcTransportConfig;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's "Embed WebRtcTransport" example, compiled and run against a real server: the
 * default signaling connector (the signaling module's, found by ServiceLoader) joins the server's
 * {@code /ws}. Keep {@link #readmeExample} and the README in step.
 */
class ReadmeExampleTest {

    /** The README's example; only the signaling URL is a parameter (the README has localhost:8080). */
    static int readmeExample(URI signalingUrl) {
        WebRtcTransportConfig config = WebRtcTransportConfig.builder()
                .signalingUrl(signalingUrl)                                // remotemedia-server's /ws
                .udpPort(0)                                                // any free port: the server has 10000
                .build();
        try (WebRtcTransport transport = WebRtcTransport.builder(config).peerId("java-1").build()) {
            transport.start().join();                                      // joins signaling as java-1
            transport.createSession("room-1");
            String peerId = transport.connectPeer("peer-remote").join();   // a data channel to another peer
            transport.addPeerToSession("room-1", peerId);
            int sent = transport.broadcast("room-1", "hello");             // to every open peer of the session
            transport.shutdown();
            return sent;
        }
    }

    @Test
    void theReadmeExampleReachesAnotherPeerThroughTheServer() throws Exception {
        final WebRtcTransportConfig serverConfig = WebRtcTransportConfig.builder().httpPort(0).udpPort(0)
                                                                        .iceAddresses(List.of(InetAddress.getLoopbackAddress()))
                                                                        .build();
        final RemoteMediaServer server = RemoteMediaServer.start(serverConfig);
        final URI signalingUrl = URI.create("ws://127.0.0.1:" + server.httpPort() + "/ws");
        final BlockingQueue<String> atRemote = new LinkedBlockingQueue<>();
        try (WebRtcTransport remote = WebRtcTransport.builder(WebRtcTransportConfig.builder().signalingUrl(signalingUrl)
                                                                                   .udpPort(0).build())
                                                     .peerId("peer-remote")
                                                     .onPeerMessage((peer, message) -> atRemote.add(peer.peerId() + ": "
                                                                                                    + message.text()))
                                                     .build()) {
            remote.start().get(20, TimeUnit.SECONDS);
            assertThat(readmeExample(signalingUrl)).isEqualTo(1);
            assertThat(atRemote.poll(20, TimeUnit.SECONDS)).isEqualTo("java-1: hello");
        } finally {
            assertThat(server.shutDown(Duration.ofSeconds(3))).isTrue();
        }
    }
}
