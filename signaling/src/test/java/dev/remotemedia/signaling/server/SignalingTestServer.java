package dev.remotemedia.signaling.server;

import com.linecorp.armeria.server.Server;
import java.util.function.Consumer;

/** An Armeria server on 127.0.0.1 and a free port with the signaling service at {@code /ws} and gRPC-Web. */
final class SignalingTestServer implements AutoCloseable {
    final SignalingServer signaling;
    final Server server;

    private SignalingTestServer(SignalingServer signaling, int port) {
        this.signaling = signaling;
        server = Server.builder().http(new java.net.InetSocketAddress("127.0.0.1", port))
                       .gracefulShutdownTimeout(java.time.Duration.ZERO, java.time.Duration.ZERO)
                       .service("/ws", signaling.service())
                       .serviceUnder(SignalingServer.GRPC_WEB_PATH_PREFIX, signaling.grpcWebService()).build();
        server.start().join();
    }

    static SignalingTestServer start(Consumer<SignalingServer.Builder> customizer) {
        return start(customizer, 0);
    }

    static SignalingTestServer start(Consumer<SignalingServer.Builder> customizer, int port) {
        final SignalingServer.Builder builder = SignalingServer.builder();
        customizer.accept(builder);
        return new SignalingTestServer(builder.build(), port);
    }

    int port() {
        return server.activeLocalPort();
    }

    /** Closes every socket and stops the server without waiting for Netty's 2 s acceptor shutdown. */
    @Override
    public void close() {
        signaling.close();
        server.stop();
    }
}
