package dev.remotemedia.transport.mesh;

import dev.remotemedia.transport.WebRtcTransportConfig;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Opens a signaling connection for a {@link dev.remotemedia.transport.WebRtcTransport}. The
 * {@code signaling} module provides the JSON-RPC implementation, found with
 * {@link java.util.ServiceLoader} (list it in
 * {@code META-INF/services/dev.remotemedia.transport.mesh.MeshSignalingConnector}), so the
 * transport does not depend on the signaling module.
 */
public interface MeshSignalingConnector {

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
