package dev.remotemedia.rtc.transport.ice;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.transport.ice.StunPacket.TransactionId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One request of a {@link TurnClient} and its retransmission schedule over UDP (RFC 8489 §6.2.1):
 * RTO 500 ms, doubling after each transmission, {@link #MAX_TRANSMISSIONS} transmissions, and 16
 * initial RTOs of waiting after the last. A retry (after 401 or 438) is the same transaction
 * object with a new ID and a fresh schedule, so an Allocate keeps its overall deadline.
 */
final class TurnTransaction {

    static final long FIRST_RTO_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    static final int MAX_TRANSMISSIONS = 7;

    enum Kind { ALLOCATE, REFRESH, CREATE_PERMISSION, CHANNEL_BIND }

    final Kind kind;
    /** CreatePermission's peer IP. */
    final @Nullable InetAddress permissionPeer;
    /** ChannelBind's peer and channel number. */
    final @Nullable InetSocketAddress channelPeer;
    final int channel;
    /** When the request gives up whatever its retransmissions say; the Allocate's timeout. */
    long giveUpNanos = Long.MAX_VALUE;
    /** Whether it was already retried after a 438 (Stale Nonce): once only. */
    boolean nonceRetried;

    private TransactionId id = new TransactionId(0, 0);
    private byte[] request = new byte[0];
    private int transmissions;
    private long rtoNanos;
    private long nextNanos;

    private TurnTransaction(Kind kind, @Nullable InetAddress permissionPeer, @Nullable InetSocketAddress channelPeer,
                            int channel) {
        this.kind = kind;
        this.permissionPeer = permissionPeer;
        this.channelPeer = channelPeer;
        this.channel = channel;
    }

    static TurnTransaction allocate(long giveUpNanos) {
        TurnTransaction t = new TurnTransaction(Kind.ALLOCATE, null, null, 0);
        t.giveUpNanos = giveUpNanos;
        return t;
    }

    static TurnTransaction refresh() {
        return new TurnTransaction(Kind.REFRESH, null, null, 0);
    }

    static TurnTransaction createPermission(InetAddress peer) {
        return new TurnTransaction(Kind.CREATE_PERMISSION, peer, null, 0);
    }

    static TurnTransaction channelBind(InetSocketAddress peer, int channel) {
        return new TurnTransaction(Kind.CHANNEL_BIND, null, peer, channel);
    }

    TransactionId id() {
        return id;
    }

    /** Starts (again) with a new ID and its encoded request; the first transmission is due now. */
    void restart(TransactionId newId, byte[] encoded, long nowNanos) {
        id = newId;
        request = encoded;
        transmissions = 0;
        rtoNanos = FIRST_RTO_NANOS;
        nextNanos = nowNanos;
    }

    /** Returns the request to send now and schedules the next transmission. */
    byte[] transmit(long nowNanos) {
        transmissions++;
        nextNanos = nowNanos + (transmissions == MAX_TRANSMISSIONS ? 16 * FIRST_RTO_NANOS : rtoNanos);
        rtoNanos *= 2;
        return request;
    }

    /** When something is next due: a retransmission or giving up. */
    long deadlineNanos() {
        return Math.min(nextNanos, giveUpNanos);
    }

    /** Whether it has run out of transmissions or time at {@code nowNanos}. */
    boolean exhausted(long nowNanos) {
        return giveUpNanos <= nowNanos || (transmissions >= MAX_TRANSMISSIONS && nextNanos <= nowNanos);
    }
}
