package dev.remotemedia.rtc.media.jitter;

/**
 * How long a packet must wait so that almost every packet arrives in time: the jitter buffer's
 * target, on NetEq's model (libwebrtc {@code DelayManager} with its relative-arrival-delay
 * histogram), written for this project.
 *
 * <p>Each packet's transit — arrival time minus the send time its RTP timestamp says — is kept for
 * {@link JitterBufferConfig#historyMillis()}. A packet's <em>relative delay</em> is its transit
 * minus the smallest transit of the last {@link #FASTEST_WINDOW_NANOS} (the fastest recent packet,
 * which defines the path's current base delay). The target is the {@code quantile} of the history
 * expressed against that base, bounded by the floor and the ceiling. Because the history is kept as
 * absolute transits and only compared with the base when the target is computed, a change of the
 * base (a route change, a delay step) moves every past packet with it and the target follows at
 * once: upward as soon as a {@code 1 - quantile} share of the history is slower, downward as the
 * history forgets the old path.
 *
 * <p>Past transits are corrected for the sender clock's drift ({@link DriftEstimator}) before
 * they are compared, so a fast or slow sender does not smear the history over the window.
 *
 * <p>Packets weigh less as they age (half-life {@link #HALF_LIFE_NANOS}), so a burst of late
 * packets — a machine's hiccup at the start of a call, say — stops counting in a few half-lives
 * rather than after the whole window.
 *
 * <p>The quantile comes from a histogram with {@link #BUCKET_NANOS} buckets rebuilt from the
 * history when a packet arrives, in O(history) — a few hundred packets.
 *
 * <p>Not thread-safe. Sans-I/O: time comes in as arguments.
 */
final class DelayEstimator {
    /** The fastest packet of this window sets the base delay. */
    static final long FASTEST_WINDOW_NANOS = 2_000_000_000L;
    /**
     * When even the fastest packet of this (short) window is slower than the base by more than the
     * ceiling, the path itself got slower (a route change, a delay step): the base moves up at once.
     */
    static final long PATH_CHANGE_WINDOW_NANOS = 200_000_000L;
    static final long BUCKET_NANOS = 500_000L;
    /** The share of packets the target gets in time, late ones that only make playout wait included (NetEq's 0.95). */
    static final double STALL_QUANTILE = 0.95;

    private final long historyNanos;
    private final double quantile;
    private final long floorNanos;
    private final long ceilingNanos;
    // The history: a ring of (send time, transit) in arrival order.
    private long[] sendNanos = new long[256];
    private long[] transitNanos = new long[256];
    /** Transits corrected for drift to the latest send time, in history order (rebuilt per packet). */
    private long[] scratch = new long[256];
    private boolean[] overtaken = new boolean[256];
    private int head;
    private int size;
    private double[] histogram = new double[64];
    private double[] overtakenHistogram = new double[64];
    private static final int RECOMPUTE_EVERY = 5;
    /** Half-life of a packet's weight in the history. */
    static final long HALF_LIFE_NANOS = 10_000_000_000L;
    private static final double DECAY_PER_NANO = Math.log(2) / HALF_LIFE_NANOS;
    private int sinceRecompute;
    private long baseNanos = Long.MAX_VALUE;
    /** How transit changes per nanosecond of send time: minus the sender's drift (clock skew). */
    private double transitSlope;
    private long targetAbsoluteNanos = Long.MIN_VALUE;
    private long targetRelativeNanos;
    /** The least target while learning: the start target within floor and ceiling. */
    private final long startNanos;
    private static final long LEARNING_NANOS = JitterBufferConfig.LEARNING_MILLIS * 1_000_000L;
    /** The send time of the first packet since the last reset: learning lasts {@link #LEARNING_NANOS} from it. */
    private long firstSendNanos;

    DelayEstimator(JitterBufferConfig config) {
        historyNanos = config.historyMillis() * 1_000_000L;
        quantile = config.quantile();
        floorNanos = config.floorMillis() * 1_000_000L;
        ceilingNanos = config.ceilingMillis() * 1_000_000L;
        startNanos = Math.max(floorNanos, Math.min(ceilingNanos, config.startMillis() * 1_000_000L));
        targetRelativeNanos = floorNanos;
    }

    /**
     * Records a packet sent at {@code sendNanos} (sender timeline) that arrived with
     * {@code transitNanos}; {@code overtaken}: a packet sent after it arrived before it.
     */
    void onPacket(long sendNanos, long transitNanos, boolean overtaken, double transitSlope) {
        this.transitSlope = transitSlope;
        // Forget what left the history (by send time, so that reordering does not matter much).
        while (size > 0 && sendNanos - this.sendNanos[head] > historyNanos) {
            head = (head + 1) % this.sendNanos.length;
            size--;
        }
        if (size == 0 && baseNanos == Long.MAX_VALUE) {
            firstSendNanos = sendNanos;
        }
        if (size == this.sendNanos.length) {
            grow();
        }
        final int tail = (head + size) % this.sendNanos.length;
        this.sendNanos[tail] = sendNanos;
        this.transitNanos[tail] = transitNanos;
        this.overtaken[tail] = overtaken;
        size++;
        // The target moves slowly, except upward when a packet is slower than it: recompute on
        // every packet then, otherwise on every RECOMPUTE_EVERY-th (the histogram costs O(history)).
        if (++sinceRecompute >= RECOMPUTE_EVERY || sendNanos - firstSendNanos < 2 * LEARNING_NANOS
            || transitNanos > targetAbsoluteNanos
            || transitNanos < baseNanos) {
            sinceRecompute = 0;
            recompute(sendNanos);
        }
    }

    private void grow() {
        final int n = sendNanos.length;
        final long[] s = new long[n * 2];
        final long[] t = new long[n * 2];
        final boolean[] o = new boolean[n * 2];
        for (int i = 0; i < size; i++) {
            s[i] = sendNanos[(head + i) % n];
            t[i] = transitNanos[(head + i) % n];
            o[i] = overtaken[(head + i) % n];
        }
        sendNanos = s;
        transitNanos = t;
        overtaken = o;
        head = 0;
    }

    private void recompute(long latestSendNanos) {
        if (scratch.length < size) {
            scratch = new long[sendNanos.length];
        }
        long base = Long.MAX_VALUE;
        long recentBase = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        final int n = sendNanos.length;
        for (int i = 0, k = head; i < size; i++, k = k + 1 == n ? 0 : k + 1) {
            final long age = latestSendNanos - sendNanos[k];
            final long transit = transitNanos[k] + (long) (transitSlope * age);
            scratch[i] = transit;
            if (age <= FASTEST_WINDOW_NANOS) {
                base = Math.min(base, transit);
                if (age <= PATH_CHANGE_WINDOW_NANOS) {
                    recentBase = Math.min(recentBase, transit);
                }
            }
            max = Math.max(max, transit);
        }
        if (recentBase != Long.MAX_VALUE && base != Long.MAX_VALUE && recentBase - base > ceilingNanos) {
            base = recentBase;
        }
        if (base == Long.MAX_VALUE) { // only reordered stragglers are recent: take all of them
            for (int i = 0; i < size; i++) {
                base = Math.min(base, scratch[i]);
            }
        }
        baseNanos = base;
        // Histograms of transit relative to the base; packets faster than it (older than the window) count as 0.
        final int buckets = (int) Math.min(100_000, Math.max(0, (max - base) / BUCKET_NANOS) + 1);
        if (histogram.length < buckets) {
            histogram = new double[Math.max(buckets, histogram.length * 2)];
            overtakenHistogram = new double[histogram.length];
        }
        java.util.Arrays.fill(histogram, 0, buckets, 0);
        java.util.Arrays.fill(overtakenHistogram, 0, buckets, 0);
        // Each packet weighs 2^(-age / half-life): the history forgets a burst of late packets in a
        // few half-lives instead of holding it for the whole window.
        double total = 0;
        for (int i = 0, k = head; i < size; i++, k = k + 1 == n ? 0 : k + 1) {
            final int bucket = (int) Math.min(buckets - 1, Math.max(0, (scratch[i] - base) / BUCKET_NANOS));
            final double weight = Math.exp(-(latestSendNanos - sendNanos[k]) * DECAY_PER_NANO);
            histogram[bucket] += weight;
            total += weight;
            if (overtaken[k]) {
                overtakenHistogram[bucket] += weight;
            }
        }
        // Stalls: a packet later than the target that nothing overtook only makes the buffer wait
        // (concealment, no loss). Keep those to 1 - STALL_QUANTILE.
        final double stallRank = STALL_QUANTILE * total;
        double seen = 0;
        int stallBucket = 0;
        for (; stallBucket < buckets; stallBucket++) {
            seen += histogram[stallBucket];
            if (seen >= stallRank) {
                break;
            }
        }
        // Losses: a late packet that a later one overtook is concealed and dropped. Keep those to
        // 1 - quantile of all packets.
        final double allowedLost = (1 - quantile) * total;
        double lost = 0;
        int lossBucket = buckets - 1;
        for (; lossBucket >= 0; lossBucket--) {
            lost += overtakenHistogram[lossBucket];
            if (lost > allowedLost) {
                break;
            }
        }
        final int bucket = Math.max(stallBucket, lossBucket);
        final long relative = (bucket + 1) * BUCKET_NANOS; // the bucket's upper edge: a packet in it still makes it
        final long least = Math.max(floorNanos, learningFloorNanos(latestSendNanos));
        targetRelativeNanos = Math.max(least, Math.min(ceilingNanos, relative));
        targetAbsoluteNanos = base + targetRelativeNanos;
    }

    /**
     * The least target while the path is learned: the start target for the first
     * {@link JitterBufferConfig#LEARNING_MILLIS} of send time after a reset, then falling linearly
     * to nothing over as long again, so that a second of history does not set the target alone
     * and the surplus is shed gradually rather than in a burst of cuts.
     */
    long learningFloorNanos(long latestSendNanos) {
        final long since = latestSendNanos - firstSendNanos;
        if (since < LEARNING_NANOS) {
            return startNanos;
        }
        if (since >= 2 * LEARNING_NANOS) {
            return 0;
        }
        return startNanos - startNanos * (since - LEARNING_NANOS) / LEARNING_NANOS;
    }

    /** True once a packet has been seen. */
    boolean hasData() {
        return size > 0;
    }

    /** The base delay: the smallest transit of the fastest window. */
    long baseNanos() {
        return baseNanos;
    }

    /** The target as a transit: a packet whose transit is at most this plays in time. */
    long targetTransitNanos() {
        return targetAbsoluteNanos;
    }

    /** The target relative to the base delay (what W3C calls the jitter buffer's target delay). */
    long targetRelativeNanos() {
        return targetRelativeNanos;
    }

    /** Forgets every packet (a new stream). */
    void reset() {
        head = 0;
        size = 0;
        baseNanos = Long.MAX_VALUE;
        targetAbsoluteNanos = Long.MIN_VALUE;
        targetRelativeNanos = floorNanos;
    }
}
