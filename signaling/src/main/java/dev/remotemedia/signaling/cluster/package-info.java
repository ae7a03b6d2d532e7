/**
 * Scale-out (issue 15): several signaling servers as one, on Redis. {@link
 * dev.remotemedia.signaling.cluster.RedisBackplane} keeps the cluster-wide registry of peers, each
 * node's presence and the pub/sub channels; {@link dev.remotemedia.signaling.cluster.ClusterCodec}
 * is the wire form of the {@link dev.remotemedia.signaling.cluster.ClusterMessage}s between nodes.
 * The hub ({@code dev.remotemedia.signaling.server}) uses it when a Redis URL is configured.
 */
package dev.remotemedia.signaling.cluster;
