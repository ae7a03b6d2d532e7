package dev.remotemedia.rtc.media.repair;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.rtp.RtpPacket;

/**
 * The sender's half of retransmission: the packets a stream sent recently, by sequence number, so
 * that a NACK can be answered (with an RTX packet, see {@link Rtx}). Bounded by count (a ring of
 * {@code capacity} slots, the sequence number's low bits) and by age: a packet older than
 * {@code maxAgeNanos} is not resent, as the receiver has given up on it by then. A packet already
 * resent less than a round trip ago is not resent again (the first copy is still on its way; the
 * receiver's retries are RTT-spaced too, but NACKs for it can cross).
 *
 * <p>Sans-I/O and not thread-safe: the stream's loop calls {@link #put} for each packet it sends
 * and {@link #resend} for each sequence number of a NACK.
 */
public final class RtpSendHistory {
    private final RtpPacket[] packets;
    private final long[] sentNanos;
    private final long[] resentNanos;
    private final int mask;
    private final long maxAgeNanos;
    private long resent;
    private long notFound;
    private long throttled;

    /**
     * @param capacity how many packets are kept, a power of two up to 32768 (a second of 1,000
     *     packets/s video is 1024)
     * @param maxAgeNanos how long a packet can be resent after it was sent
     */
    public RtpSendHistory(int capacity, long maxAgeNanos) {
        if (capacity < 16 || capacity > 32_768 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: a power of two, 16..32768)");
        }
        if (maxAgeNanos <= 0) {
            throw new IllegalArgumentException("maxAgeNanos: " + maxAgeNanos + " (expected: > 0)");
        }
        packets = new RtpPacket[capacity];
        sentNanos = new long[capacity];
        resentNanos = new long[capacity];
        mask = capacity - 1;
        this.maxAgeNanos = maxAgeNanos;
    }

    /** Keeps {@code packet}, sent at {@code nowNanos}, replacing the one {@code capacity} sequence numbers before. */
    public void put(RtpPacket packet, long nowNanos) {
        final int slot = packet.sequenceNumber() & mask;
        packets[slot] = packet;
        sentNanos[slot] = nowNanos;
        resentNanos[slot] = Long.MIN_VALUE;
    }

    /**
     * The packet with {@code sequenceNumber} to send again now, or null: not kept (never sent,
     * overwritten, too old) or already resent within {@code rttNanos}.
     */
    public @Nullable RtpPacket resend(int sequenceNumber, long nowNanos, long rttNanos) {
        final int slot = sequenceNumber & mask;
        final RtpPacket packet = packets[slot];
        if (packet == null || packet.sequenceNumber() != (sequenceNumber & 0xFFFF)
            || nowNanos - sentNanos[slot] > maxAgeNanos) {
            notFound++;
            return null;
        }
        if (resentNanos[slot] != Long.MIN_VALUE && nowNanos - resentNanos[slot] < rttNanos) {
            throttled++;
            return null;
        }
        resentNanos[slot] = nowNanos;
        resent++;
        return packet;
    }

    /** Packets resent. */
    public long resent() {
        return resent;
    }

    /** Requests for packets not kept (never sent, overwritten or too old). */
    public long notFound() {
        return notFound;
    }

    /** Requests for packets resent less than a round trip before. */
    public long throttled() {
        return throttled;
    }
}
