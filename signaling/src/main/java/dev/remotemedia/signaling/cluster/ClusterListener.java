package dev.remotemedia.signaling.cluster;

import dev.remotemedia.signaling.cluster.ClusterMessage.PeerJoined;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link RedisBackplane} tells the hub it serves. Every call comes from one of the
 * backplane's threads and must not block; the hub hands the work to its own loop.
 */
public interface ClusterListener {

    /** A message from another node, decoded and checked ({@link ClusterCodec}). */
    void received(ClusterCodec.Envelope envelope);

    /**
     * The registry of the whole cluster as Redis holds it, read after this node joined or rejoined
     * and whenever a node asks for a resync: peers announced elsewhere that the hub does not know
     * are new, and remote peers missing from it are gone, except those of {@code pendingNodes}:
     * nodes that were live before Redis went away and have not republished yet (for a few seconds
     * after this node rejoined), so their peers do not flap out and back in.
     */
    void snapshot(Map<String, RemotePeer> peers, Set<String> pendingNodes);

    /** The nodes whose presence is live, read every heartbeat: the peers of any other node are gone. */
    void liveNodes(Set<String> nodes);

    /** This node's own peers, republished when it rejoins after losing Redis. */
    Collection<PeerJoined> localPeers();

    /**
     * These peers of this node were announced on another node while Redis was away, and that node
     * kept them: the hub drops its own.
     */
    void conflicts(Collection<String> peerIds);

    /** The backplane lost Redis ({@code false}) or has it again and has rejoined ({@code true}). */
    void connectivity(boolean connected);

    /** A peer of another node as the registry holds it. */
    record RemotePeer(String node, PeerJoined peer) {}
}
