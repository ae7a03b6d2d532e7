package dev.remotemedia.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotemedia.signaling.grpc.v1.JoinRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading is dropped once {@code maxQueuedBytes} wait for it, on the JSON-RPC
 * WebSocket and on a gRPC-Web Join stream (the Signal case is in {@link GrpcSignalingTest}), and
 * everyone else is still served. The deaf clients are raw sockets that never read after their
 * handshake, so the kernel's buffers fill and then the server's queue.
 */
class SlowReaderTest {
    private static final String BIG = "candidate:" + "x".repeat(100_000);

    /** Opens a socket, writes {@code request}, reads the response head, and then never reads again. */
    private static Socket deaf(int port, byte[] request, String expectedStatusLine) throws Exception {
        final Socket socket = new Socket("127.0.0.1", port);
        socket.setReceiveBufferSize(4096);
        socket.setSoTimeout(10_000);
        final OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        final InputStream in = socket.getInputStream();
        final StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            final int b = in.read();
            if (b < 0) {
                throw new AssertionError("closed before the response head: " + head);
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith(expectedStatusLine);
        return socket;
    }

    @Test
    void aWebSocketClientThatStopsReadingIsDroppedAndOthersAreServed() throws Exception {
        try (SignalingTestServer server = SignalingTestServer.start(b -> b.maxQueuedBytes(64 * 1024)
                                                                          .messagesPerSecond(1000).messageBurst(1000));
             RawClient sender = RawClient.announced(server.port(), "sender")) {
            final String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
            final String upgrade = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nUpgrade: websocket\r\n"
                                   + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            try (Socket socket = deaf(server.port(), upgrade.getBytes(StandardCharsets.US_ASCII), "HTTP/1.1 101")) {
                socket.getOutputStream().write(maskedText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"peer.announce\","
                                                          + "\"params\":{\"peer_id\":\"deaf\"}}"));
                assertThat(sender.nextNotification("peer.announced").at("/params/peer_id").asText()).isEqualTo("deaf");
                for (int i = 0; i < 300 && server.signaling.droppedSlowClients() == 0; i++) {
                    sender.call(Rpc.request(Integer.toString(i), "peer.ice_candidate", Rpc.candidate("sender", "deaf", BIG)));
                }
                assertThat(server.signaling.droppedSlowClients()).isEqualTo(1);
                final JsonNode left = sender.nextNotification("peer.left");
                assertThat(left.at("/params/peer_id").asText()).isEqualTo("deaf");
                assertThat(sender.call(Rpc.request("\"l\"", "peer.list", "{}")).at("/result/peers")).hasSize(1);
            }
        }
    }

    @Test
    void aJoinThatNeverReadsIsDroppedAndOthersAreServed() throws Exception {
        try (SignalingTestServer server = SignalingTestServer.start(b -> b.maxQueuedBytes(64 * 1024)
                                                                          .messagesPerSecond(1000).messageBurst(1000));
             RawClient sender = RawClient.announced(server.port(), "sender")) {
            final byte[] body = GrpcWebFrames.messageFrame(JoinRequest.newBuilder()
                    .setAnnounce(GrpcTestClient.announce("deaf")).build().toByteArray());
            final byte[] head = ("POST /remotemedia.v1.WebRtcSignaling/Join HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                                 + "\r\nContent-Type: application/grpc-web+proto\r\nContent-Length: " + body.length
                                 + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            final byte[] request = new byte[head.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            try (Socket socket = deaf(server.port(), request, "HTTP/1.1 200")) {
                assertThat(sender.nextNotification("peer.announced").at("/params/peer_id").asText()).isEqualTo("deaf");
                for (int i = 0; i < 300 && server.signaling.droppedSlowClients() == 0; i++) {
                    sender.call(Rpc.request(Integer.toString(i), "peer.ice_candidate", Rpc.candidate("sender", "deaf", BIG)));
                }
                assertThat(server.signaling.droppedSlowClients()).isEqualTo(1);
                assertThat(sender.nextNotification("peer.left").at("/params/peer_id").asText()).isEqualTo("deaf");
            }
        }
    }

    /** A client's text frame (RFC 6455 §5.2) of fewer than 126 bytes, masked with a zero key as clients must mask. */
    private static byte[] maskedText(String text) {
        final byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (payload.length >= 126) {
            throw new IllegalArgumentException("text: " + payload.length + " bytes (expected: < 126)");
        }
        final byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(payload, 0, frame, 6, payload.length); // mask key 0: the payload as it is
        return frame;
    }
}
