package dev.remotemedia.rtc.rtp.video;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.SeqNumUnwrapper16;
import dev.remotemedia.rtc.rtp.RtpPacket;
import dev.remotemedia.rtc.rtp.internal.Checks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the received RTP packets of one video stream into whole frames a decoder can use, for any
 * payload format through its {@link VideoDepacketizer}. Packets may come in any order and twice;
 * a frame is released once every sequence number from its first packet (which its payload marks as
 * a frame start) to its last (the marker bit) is there, and only in decode order: never after a
 * frame that was lost, because it may depend on it.
 *
 * <p>A gap is waited for, since NACK may fill it, until {@code lossTimeoutNanos} pass without
 * progress or a newer keyframe is complete. Then the missing frames are lost: the frames after
 * them are dropped until a keyframe, and {@link #keyframeNeeded()} says to ask for one (PLI). The
 * stream starts the same way, waiting for its first keyframe.
 *
 * <p>Held packets are bounded by count and bytes; past a bound the oldest goes, which counts as
 * loss. Every dropped packet is counted by {@link DropReason}. Empty payloads (padding-only packets
 * a sender uses for probing) fill their sequence number and are not frames.
 *
 * <p>Sans-I/O: time comes in as {@code nowNanos} arguments. Not thread-safe: drive it from the
 * stream's loop; collect released frames with {@link #pollFrame()} after each call.
 */
public final class FrameAssembler {

    /** Why a packet was dropped. */
    public enum DropReason {
        /** The payload format rejected the payload. */
        MALFORMED,
        /** A packet with this sequence number is held already. */
        DUPLICATE,
        /** Its frame was released or given up already (a late retransmission). */
        LATE,
        /** The hold limits were reached and it was the oldest held. */
        EVICTED,
        /** Its frame was incomplete when the gap before or in it was declared lost. */
        LOST,
        /** Its frame was complete but depends on a lost one, so it waited for a keyframe. */
        AWAITING_KEYFRAME,
        /** Its frame was larger than the maximum frame size. */
        FRAME_TOO_LARGE,
        /** Its frame was complete but the payload format could not assemble it. */
        UNASSEMBLABLE
    }

    private static final long NONE = Long.MIN_VALUE;

    private final VideoDepacketizer depacketizer;
    private final int maxPackets;
    private final long maxBytes;
    private final int maxFrameSize;
    private final long lossTimeoutNanos;

    private final SeqNumUnwrapper16 unwrapper = new SeqNumUnwrapper16();
    private final TreeMap<Long, Held> held = new TreeMap<>();
    private final ArrayDeque<AssembledFrame> ready = new ArrayDeque<>();
    private final Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
    private long heldBytes;
    /** Packets before this (unwrapped) sequence number were released or given up. */
    private long nextSeq = NONE;
    private boolean waitingForKeyframe = true;
    private boolean keyframeRequested;
    private long blockedSinceNanos = NONE;
    private long framesReleased;
    private long keyframeRequests;
    private long paddingPackets;

    /** A received packet; {@code payload} is our own copy. */
    private record Held(long seq, long timestamp, boolean marker, ByteView payload, boolean start, boolean keyframe,
                        long receivedNanos) {
        boolean isPadding() {
            return payload.isEmpty();
        }
    }

    /** The packets of one complete frame, first to last. */
    private record Frame(List<Held> packets) {
        Held first() {
            return packets.get(0);
        }

        Held last() {
            return packets.get(packets.size() - 1);
        }

        boolean keyframe() {
            for (Held packet : packets) {
                if (packet.keyframe()) {
                    return true;
                }
            }
            return false;
        }
    }

    private FrameAssembler(Builder builder) {
        depacketizer = builder.depacketizer;
        maxPackets = builder.maxPackets;
        maxBytes = builder.maxBytes;
        maxFrameSize = builder.maxFrameSize;
        lossTimeoutNanos = builder.lossTimeoutNanos;
    }

    /** Returns a builder for an assembler of the format {@code depacketizer} reads. */
    public static Builder builder(VideoDepacketizer depacketizer) {
        return new Builder(depacketizer);
    }

    /** Takes a received packet: its payload is copied, so the caller may reuse its buffer. */
    public void insert(RtpPacket packet, long nowNanos) {
        insert(packet.sequenceNumber(), packet.timestamp(), packet.marker(), packet.payload(), nowNanos);
    }

    /** Takes a received packet's fields: its payload is copied, so the caller may reuse its buffer. */
    public void insert(int sequenceNumber, long timestamp, boolean marker, ByteView payload, long nowNanos) {
        Checks.checkRange("sequenceNumber", sequenceNumber, 0, 0xFFFF);
        requireNonNull(payload, "payload");
        boolean start = false;
        boolean keyframe = false;
        if (!payload.isEmpty()) {
            final PayloadInfo info = depacketizer.inspect(payload).valueOrNull();
            if (info == null) {
                count(DropReason.MALFORMED, 1);
                return;
            }
            start = info.frameStart();
            keyframe = info.keyframe();
        }
        final long seq = unwrapper.unwrap(sequenceNumber);
        if (nextSeq != NONE && seq < nextSeq) {
            count(DropReason.LATE, 1);
            return;
        }
        if (held.containsKey(seq)) {
            count(DropReason.DUPLICATE, 1);
            return;
        }
        if (payload.isEmpty()) {
            paddingPackets++;
        }
        held.put(seq, new Held(seq, timestamp, marker, ByteView.of(payload.copyToArray()), start, keyframe, nowNanos));
        heldBytes += payload.length();
        while (held.size() > maxPackets || heldBytes > maxBytes) {
            final Held oldest = remove(held.firstKey());
            count(DropReason.EVICTED, 1);
            nextSeq = Math.max(nextSeq, oldest.seq() + 1);
            if (!oldest.isPadding()) {
                declareLoss();
            }
        }
        process(nowNanos);
    }

    /**
     * Advances time: when a gap has held frames back for {@code lossTimeoutNanos}, it is declared
     * lost and the assembler waits for a keyframe.
     */
    public void advanceTime(long nowNanos) {
        if (blockedSinceNanos == NONE || nowNanos - blockedSinceNanos < lossTimeoutNanos) {
            return;
        }
        if (waitingForKeyframe) {
            giveUpPendingKeyframe();
        }
        declareLoss();
        process(nowNanos);
    }

    /**
     * Waiting for a keyframe, none completed in time: gives up what precedes the newest keyframe
     * start held, or everything if that start is the oldest packet, and asks again.
     */
    private void giveUpPendingKeyframe() {
        Held newest = null;
        for (Held packet : held.descendingMap().values()) {
            if (packet.keyframe() && startsFrame(packet)) {
                newest = packet;
                break;
            }
        }
        if (newest != null && newest.seq() > held.firstKey()) {
            dropBefore(newest.seq(), DropReason.LOST);
        } else {
            final long last = held.lastKey();
            dropBefore(last + 1, DropReason.LOST);
        }
        keyframeRequested = false; // so declareLoss counts a new request
    }

    /** Returns when {@link #advanceTime} has something to do, or {@link Long#MAX_VALUE} if nothing waits. */
    public long nextDeadlineNanos() {
        return blockedSinceNanos == NONE ? Long.MAX_VALUE : blockedSinceNanos + lossTimeoutNanos;
    }

    /** Returns the next released frame in decode order, or {@code null} if none is ready. */
    public @Nullable AssembledFrame pollFrame() {
        return ready.poll();
    }

    /**
     * Returns whether frames are being dropped for want of a keyframe: after loss, or when the
     * stream started without one. The caller sends a PLI, throttled as it sees fit.
     */
    public boolean keyframeNeeded() {
        return waitingForKeyframe && keyframeRequested;
    }

    /** Returns how many packets were dropped for {@code reason}. */
    public long dropped(DropReason reason) {
        return drops.getOrDefault(reason, 0L);
    }

    /** Returns how many frames were released. */
    public long framesReleased() {
        return framesReleased;
    }

    /** Returns how many times loss made the assembler wait for a keyframe. */
    public long keyframeRequests() {
        return keyframeRequests;
    }

    /** Returns how many padding-only packets (empty payloads) were taken. */
    public long paddingPackets() {
        return paddingPackets;
    }

    /** Returns how many packets are held. */
    public int heldPackets() {
        return held.size();
    }

    /** Returns how many payload bytes are held. */
    public long heldBytes() {
        return heldBytes;
    }

    private void process(long nowNanos) {
        boolean progress = false;
        while (!held.isEmpty()) {
            final boolean waiting = waitingForKeyframe;
            final Frame frame = waiting ? nextKeyframe() : nextInOrder();
            if (frame == null) {
                if (waiting == waitingForKeyframe) {
                    break;
                }
                continue; // loss was declared: look for a keyframe
            }
            release(frame);
            progress = true;
        }
        if (progress || held.isEmpty()) {
            blockedSinceNanos = NONE;
        }
        if (!held.isEmpty() && blockedSinceNanos == NONE) {
            blockedSinceNanos = nowNanos;
        }
    }

    /** Returns the frame at {@link #nextSeq} if complete, or a newer complete keyframe, skipping padding. */
    private @Nullable Frame nextInOrder() {
        Held first = held.get(nextSeq);
        while (first != null && first.isPadding()) {
            remove(nextSeq);
            nextSeq++;
            first = held.get(nextSeq);
        }
        if (first != null && !first.start()) {
            declareLoss(); // what follows a whole frame must start one: the stream is corrupt
            return null;
        }
        final Frame frame = first == null ? null : completeFrame(first);
        if (frame != null) {
            return frame;
        }
        for (Held candidate : held.values()) {
            if (candidate.seq() > nextSeq && candidate.keyframe() && startsFrame(candidate)) {
                final Frame keyframe = completeFrame(candidate);
                if (keyframe != null && keyframe.keyframe()) {
                    dropBefore(candidate.seq(), DropReason.LOST);
                    return keyframe;
                }
            }
        }
        return null;
    }

    /**
     * Returns the first complete keyframe, dropping the complete delta frames before it, but not
     * those after an incomplete keyframe: a retransmission may complete it, and they follow it.
     */
    private @Nullable Frame nextKeyframe() {
        final List<Held> candidates = new ArrayList<>();
        for (Held packet : held.values()) {
            if (startsFrame(packet)) {
                candidates.add(packet);
            }
        }
        for (Held candidate : candidates) {
            if (!held.containsKey(candidate.seq())) {
                continue; // dropped with an earlier frame
            }
            final Frame frame = completeFrame(candidate);
            if (frame == null) {
                if (candidate.keyframe()) {
                    return null;
                }
                continue;
            }
            if (frame.keyframe()) {
                dropBefore(candidate.seq(), DropReason.LOST);
                return frame;
            }
            for (Held packet : frame.packets()) {
                remove(packet.seq());
            }
            count(DropReason.AWAITING_KEYFRAME, frame.packets().size());
            keyframeRequested = true;
        }
        return null;
    }

    /** Returns whether {@code packet} begins a frame: its payload says so and no frame runs into it. */
    private boolean startsFrame(Held packet) {
        if (!packet.start()) {
            return false;
        }
        if (packet.seq() == nextSeq) {
            return true;
        }
        final Held previous = held.get(packet.seq() - 1);
        return previous == null || previous.marker() || previous.isPadding()
               || previous.timestamp() != packet.timestamp();
    }

    /** Returns the frame that {@code first} begins if all its packets are held, otherwise null. */
    private @Nullable Frame completeFrame(Held first) {
        final List<Held> packets = new ArrayList<>();
        packets.add(first);
        Held packet = first;
        while (!packet.marker()) {
            final Held next = held.get(packet.seq() + 1);
            if (next == null) {
                return null;
            }
            if (next.timestamp() != first.timestamp() || next.isPadding()) {
                // A sender that does not set the marker: the next frame starting ends this one.
                return next.start() || next.isPadding() ? new Frame(packets) : null;
            }
            packets.add(next);
            packet = next;
        }
        return new Frame(packets);
    }

    private void release(Frame frame) {
        for (Held packet : frame.packets()) {
            remove(packet.seq());
        }
        nextSeq = frame.last().seq() + 1;
        final int count = frame.packets().size();
        long size = 0;
        long receivedNanos = Long.MIN_VALUE;
        final List<ByteView> payloads = new ArrayList<>(count);
        for (Held packet : frame.packets()) {
            size += packet.payload().length();
            receivedNanos = Math.max(receivedNanos, packet.receivedNanos());
            payloads.add(packet.payload());
        }
        if (size > maxFrameSize) {
            count(DropReason.FRAME_TOO_LARGE, count);
            declareLoss();
            return;
        }
        final byte[] data = depacketizer.assemble(payloads, maxFrameSize).valueOrNull();
        if (data == null) {
            count(DropReason.UNASSEMBLABLE, count);
            declareLoss();
            return;
        }
        final boolean keyframe = frame.keyframe();
        if (keyframe) {
            waitingForKeyframe = false;
            keyframeRequested = false;
        }
        framesReleased++;
        ready.add(new AssembledFrame(frame.first().timestamp(), (int) (frame.first().seq() & 0xFFFF),
                                     (int) (frame.last().seq() & 0xFFFF), keyframe, data,
                                     receivedNanos));
    }

    private void declareLoss() {
        if (!waitingForKeyframe || !keyframeRequested) {
            keyframeRequests++;
        }
        waitingForKeyframe = true;
        keyframeRequested = true;
        blockedSinceNanos = NONE;
    }

    private void dropBefore(long seq, DropReason reason) {
        int dropped = 0;
        for (Iterator<Held> it = held.headMap(seq, false).values().iterator(); it.hasNext(); ) {
            final Held packet = it.next();
            heldBytes -= packet.payload().length();
            it.remove();
            if (!packet.isPadding()) {
                dropped++;
            }
        }
        count(reason, dropped);
        nextSeq = Math.max(nextSeq, seq);
    }

    private Held remove(long seq) {
        final Held packet = held.remove(seq);
        heldBytes -= packet.payload().length();
        return packet;
    }

    private void count(DropReason reason, int packets) {
        if (packets > 0) {
            drops.merge(reason, (long) packets, Long::sum);
        }
    }

    /** Builds a {@link FrameAssembler}. */
    public static final class Builder {
        private final VideoDepacketizer depacketizer;
        private int maxPackets = 2048;
        private long maxBytes = 16L << 20;
        private int maxFrameSize = 8 << 20;
        private long lossTimeoutNanos = 500_000_000L;

        private Builder(VideoDepacketizer depacketizer) {
            this.depacketizer = requireNonNull(depacketizer, "depacketizer");
        }

        /** Sets how many packets may be held; 2048 by default. */
        public Builder maxPackets(int maxPackets) {
            this.maxPackets = Checks.checkRange("maxPackets", maxPackets, 1, 1 << 20);
            return this;
        }

        /** Sets how many payload bytes may be held; 16 MiB by default. */
        public Builder maxBytes(long maxBytes) {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: > 0)");
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /** Sets the largest frame released, in payload bytes and assembled bytes; 8 MiB by default. */
        public Builder maxFrameSize(int maxFrameSize) {
            this.maxFrameSize = Checks.checkRange("maxFrameSize", maxFrameSize, 1, Integer.MAX_VALUE);
            return this;
        }

        /** Sets how long a gap may hold frames back before it is declared lost; 500 ms by default. */
        public Builder lossTimeoutNanos(long lossTimeoutNanos) {
            if (lossTimeoutNanos < 0) {
                throw new IllegalArgumentException("lossTimeoutNanos: " + lossTimeoutNanos + " (expected: >= 0)");
            }
            this.lossTimeoutNanos = lossTimeoutNanos;
            return this;
        }

        /** Returns the assembler. */
        public FrameAssembler build() {
            return new FrameAssembler(this);
        }
    }
}
