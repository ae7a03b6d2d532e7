package dev.remotemedia.transport.mesh;

import dev.remotemedia.transport.WebRtcTransportConfig;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Opens a signaling connection for a {@link dev.remotemedia.transport.WebRtcTransport}. The
 * {@code signaling} module provides the implementations (JSON-RPC over WebSocket for {@code ws://}
 * and {@code wss://}, gRPC for {@code grpc://} and {@code grpcs://}), found with
 * {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/dev.remotemedia.transport.mesh.MeshSignalingConnector}) and chosen by
 * the scheme of {@link WebRtcTransportConfig#signalingUrl()}, so the transport does not depend on
 * the signaling module.
 */
public interface MeshSignalingConnector {

    /**
     * The signaling URL schemes (lower case) this connector serves when a transport picks one by
     * its config's URL; empty (the default) for a connector used only when given to the builder.
     */
    default Set<String> schemes() {
        return Set.of();
    }

    /**
     * Connects to {@link WebRtcTransportConfig#signalingUrl()} and announces {@code peerId}; completes
     * once announced, with the connection and the peers already there.
     */
    CompletableFuture<Connection> connect(WebRtcTransportConfig config, String peerId);

    /** An announced signaling connection. */
    interface Connection extends MeshSignaling, AutoCloseable {

        /** The other peers that were announced when this one joined. */
        List<String> peersAtJoin();

        /** Leaves the signaling server and closes the connection. */
        @Override
        void close();
    }
}
