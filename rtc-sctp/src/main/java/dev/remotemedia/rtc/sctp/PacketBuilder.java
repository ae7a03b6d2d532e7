package dev.remotemedia.rtc.sctp;

import dev.remotemedia.rtc.sctp.packet.Chunk;
import dev.remotemedia.rtc.sctp.packet.DataChunk;
import dev.remotemedia.rtc.sctp.packet.HeartbeatRequestChunk;
import dev.remotemedia.rtc.sctp.packet.SctpPacket;
import java.util.ArrayList;
import java.util.List;

/**
 * Bundles chunks into one packet of at most the MTU (RFC 9260 §6.10): the common header once, then
 * as many chunks as fit. A single chunk larger than the MTU (a big INIT ACK) still makes a packet.
 */
final class PacketBuilder {

    private final long verificationTag;
    private final int sourcePort;
    private final int destinationPort;
    private final int mtu;
    private final List<Chunk> chunks = new ArrayList<>();
    private int size = SctpPacket.COMMON_HEADER_SIZE;
    private boolean probesPath;

    PacketBuilder(long verificationTag, int sourcePort, int destinationPort, int mtu) {
        this.verificationTag = verificationTag;
        this.sourcePort = sourcePort;
        this.destinationPort = destinationPort;
        this.mtu = mtu;
    }

    /** Returns how many more bytes of chunks (padding included) fit under the MTU. */
    int bytesRemaining() {
        return Math.max(0, mtu - size);
    }

    boolean isEmpty() {
        return chunks.isEmpty();
    }

    /**
     * Returns whether the packet holds DATA or a HEARTBEAT: chunks that can measure the path, which
     * keep it from being idle (RFC 9260 §8.3); SACKs and the like do not.
     */
    boolean probesPath() {
        return probesPath;
    }

    PacketBuilder add(Chunk chunk) {
        probesPath |= chunk instanceof DataChunk || chunk instanceof HeartbeatRequestChunk;
        chunks.add(chunk);
        size += chunk.serializedSize();
        return this;
    }

    /** Returns the packet's bytes, checksum included, and empties the builder for the next one. */
    byte[] build() {
        final byte[] bytes = new SctpPacket(sourcePort, destinationPort, verificationTag, chunks).toByteArray();
        chunks.clear();
        size = SctpPacket.COMMON_HEADER_SIZE;
        probesPath = false;
        return bytes;
    }
}
