package dev.remotemedia.rtc.media.repair;

import dev.remotemedia.rtc.common.SeqNumUnwrapper16;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The receiver's half of retransmission (RFC 4585 generic NACK): notes the sequence numbers a
 * stream skipped, asks for each of them, asks again every round trip while it stays missing, and
 * gives up on it after {@link Config#maxRetries()} requests or {@link Config#maxAgeNanos()}. When
 * more packets are missing than it tracks, it first forgets those older than the newest keyframe
 * (the decoder no longer needs them), then all of them, and asks for a keyframe instead
 * ({@link #takeKeyframeRequest()}): repair by retransmission has failed.
 *
 * <p>Written for this project on the model of libwebrtc's {@code NackRequester}: the first request
 * goes out at the first {@link #poll} after the gap is seen, after {@link Config#reorderNanos()} (a
 * packet merely reordered arrives in that time), and the retries are spaced by the round-trip time
 * (at least {@link Config#minRetryNanos()}), so a retransmission in flight is not asked for twice.
 *
 * <p>Sans-I/O and not thread-safe: the stream's loop calls {@link #onPacket} per packet (RTX
 * repairs included, with their original sequence number) and {@link #poll} when
 * {@link #nextPollNanos} comes, and sends what {@code poll} returns as one generic NACK.
 */
public final class NackGenerator {
    /**
     * @param maxTracked how many missing packets are tracked at once (libwebrtc: 1000)
     * @param maxRetries how many times a missing packet is asked for (libwebrtc: 10)
     * @param minRetryNanos the least time between two requests for one packet, whatever the RTT
     * @param maxAgeNanos how long after it was found missing a packet is still asked for
     * @param reorderNanos how long a packet found missing may still arrive by reordering before it is
     *     asked for (0: ask at once, as libwebrtc does by default)
     */
    public record Config(int maxTracked, int maxRetries, long minRetryNanos, long maxAgeNanos, long reorderNanos) {
        /** 1000 tracked, 10 requests each, retries at least 20 ms apart, for at most 1 s, first request at once. */
        public static final Config DEFAULT = new Config(1_000, 10, 20_000_000L, 1_000_000_000L, 0);

        public Config {
            if (maxTracked < 1 || maxTracked > 32_767) {
                throw new IllegalArgumentException("maxTracked: " + maxTracked + " (expected: 1..32767)");
            }
            if (maxRetries < 1 || maxRetries > 100) {
                throw new IllegalArgumentException("maxRetries: " + maxRetries + " (expected: 1..100)");
            }
            if (minRetryNanos < 0 || maxAgeNanos <= 0 || reorderNanos < 0) {
                throw new IllegalArgumentException("minRetryNanos, maxAgeNanos, reorderNanos: " + minRetryNanos + ", "
                                                   + maxAgeNanos + ", " + reorderNanos + " (expected: >= 0, > 0, >= 0)");
            }
        }
    }

    private static final class Missing {
        final long foundNanos;
        long lastAskedNanos = Long.MIN_VALUE;
        int asked;

        Missing(long foundNanos) {
            this.foundNanos = foundNanos;
        }
    }

    private final Config config;
    private final SeqNumUnwrapper16 unwrapper = new SeqNumUnwrapper16();
    /** Missing packets by unwrapped sequence number. */
    private final TreeMap<Long, Missing> missing = new TreeMap<>();
    private long highest = Long.MIN_VALUE;
    private long newestKeyframe = Long.MIN_VALUE;
    private boolean keyframeWanted;
    private long requests;
    private long recovered;
    private long givenUp;
    private long keyframeRequests;

    public NackGenerator(Config config) {
        this.config = config;
    }

    /**
     * A packet arrived (an original or a repaired one, by its original sequence number);
     * {@code keyframe}: it starts a keyframe. Returns whether it was one this generator had asked
     * for (a repair).
     */
    public boolean onPacket(int sequenceNumber, boolean keyframe, long nowNanos) {
        final long seq = unwrapper.unwrap(sequenceNumber);
        if (keyframe && seq > newestKeyframe) {
            newestKeyframe = seq;
        }
        if (highest == Long.MIN_VALUE) {
            highest = seq;
            return false;
        }
        if (seq <= highest) {
            final Missing m = missing.remove(seq);
            if (m != null && m.asked > 0) {
                recovered++;
                return true;
            }
            return false;
        }
        final long gap = seq - highest - 1;
        if (gap > config.maxTracked()) {
            // More lost at once than can be asked for: only a keyframe repairs this.
            missing.clear();
            requestKeyframe();
        } else {
            for (long s = highest + 1; s < seq; s++) {
                missing.put(s, new Missing(nowNanos));
            }
        }
        highest = seq;
        trim();
        return false;
    }

    private void trim() {
        if (missing.size() <= config.maxTracked()) {
            return;
        }
        // What precedes the newest keyframe is not needed to decode what follows it.
        missing.headMap(newestKeyframe).clear();
        if (missing.size() > config.maxTracked()) {
            missing.clear();
            requestKeyframe();
        }
    }

    private void requestKeyframe() {
        if (!keyframeWanted) {
            keyframeWanted = true;
            keyframeRequests++;
        }
    }

    /**
     * The sequence numbers to ask for now (possibly none), oldest first; drops those asked for
     * {@link Config#maxRetries()} times or missing for longer than {@link Config#maxAgeNanos()}.
     *
     * @param rttNanos the current round-trip time estimate (0 if unknown)
     */
    public List<Integer> poll(long nowNanos, long rttNanos) {
        final List<Integer> due = new ArrayList<>();
        final long retry = Math.max(config.minRetryNanos(), rttNanos);
        for (Iterator<Map.Entry<Long, Missing>> it = missing.entrySet().iterator(); it.hasNext();) {
            final Map.Entry<Long, Missing> e = it.next();
            final Missing m = e.getValue();
            if (m.asked >= config.maxRetries() || nowNanos - m.foundNanos > config.maxAgeNanos()) {
                it.remove();
                givenUp++;
                continue;
            }
            final long dueNanos = m.asked == 0 ? m.foundNanos + config.reorderNanos() : m.lastAskedNanos + retry;
            if (nowNanos >= dueNanos) {
                m.asked++;
                m.lastAskedNanos = nowNanos;
                requests++;
                due.add((int) (e.getKey() & 0xFFFF));
            }
        }
        return due;
    }

    /** When {@link #poll} has something to do next ({@link Long#MAX_VALUE}: nothing is missing). */
    public long nextPollNanos(long rttNanos) {
        final long retry = Math.max(config.minRetryNanos(), rttNanos);
        long next = Long.MAX_VALUE;
        for (Missing m : missing.values()) {
            final long due = m.asked == 0 ? m.foundNanos + config.reorderNanos() : m.lastAskedNanos + retry;
            next = Math.min(next, Math.min(due, m.foundNanos + config.maxAgeNanos() + 1));
        }
        return next;
    }

    /** True once after repair by retransmission failed: the caller sends a PLI (or FIR). */
    public boolean takeKeyframeRequest() {
        final boolean wanted = keyframeWanted;
        keyframeWanted = false;
        return wanted;
    }

    /** Packets missing now. */
    public int missingCount() {
        return missing.size();
    }

    /** Sequence numbers asked for, retries included (what a NACK counter in stats counts). */
    public long requests() {
        return requests;
    }

    /** Packets that arrived after they were asked for. */
    public long recovered() {
        return recovered;
    }

    /** Packets no longer asked for: too old or asked for too often. */
    public long givenUp() {
        return givenUp;
    }

    /** How often a keyframe was wanted because too much was missing. */
    public long keyframeRequests() {
        return keyframeRequests;
    }

    /** Forgets the stream (a new SSRC). */
    public void reset() {
        unwrapper.reset();
        missing.clear();
        highest = Long.MIN_VALUE;
        newestKeyframe = Long.MIN_VALUE;
        keyframeWanted = false;
    }
}
