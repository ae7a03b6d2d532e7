package dev.remotemedia.rtc.media.jitter;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.SeqNumUnwrapper16;
import dev.remotemedia.rtc.common.SeqNumUnwrapper32;
import java.util.Map;
import java.util.TreeMap;

/**
 * An adaptive audio jitter buffer on NetEq's model: packets go in as they arrive ({@link #insert}),
 * and a playout clock takes a frame of PCM out every 10 ms ({@link #pull}).
 *
 * <ul>
 *   <li><b>Target.</b> {@link DelayEstimator}: the delay that gets a {@code quantile} of recent
 *       packets in time, above the fastest recent packet, bounded by floor and ceiling.
 *   <li><b>Following it.</b> Each pull compares the current playout delay — now minus the send time
 *       of the sample about to play — with the target. Too late: accelerate (take out a pitch
 *       period); too early: preemptive expand (put one in); both by {@link TimeStretcher}, never as
 *       a step in the waveform. This is also what absorbs clock drift: a fast sender's samples pile
 *       up and are taken out a period at a time.
 *   <li><b>Missing packets.</b> When the next packet is missing and a later one is there, the gap is
 *       concealed and play goes on — from the later packet's in-band FEC when it directly follows
 *       the gap, otherwise by PLC; the missing packet, if it comes, is late and dropped. When the
 *       buffer is empty (the path got slower), concealment is played <em>without</em> moving on, so
 *       the late packet still plays and the delay grows by what the path needs. After
 *       {@code maxConcealMillis} of that the concealment turns to silence, and after a second the
 *       buffer stops giving frames until packets come again.
 *   <li><b>Resets.</b> A new SSRC, a timestamp jump of more than 10 s, or a packet far ahead of an
 *       empty buffer (the sender paused, or sends faster than real time) restarts the timeline.
 *       Duplicates, late packets, unparsable packets and packets beyond the buffer's bound are
 *       dropped and counted.
 * </ul>
 *
 * <p>Sans-I/O and not thread-safe: one thread inserts and pulls, passing the time in.
 */
public final class AudioJitterBuffer {
    private static final long JUMP_NANOS = 10_000_000_000L;
    private static final long PAUSE_AFTER_NANOS = 1_000_000_000L;
    private static final int MAX_PACKETS = 1_000;
    /** How far {@link #nextPullNanos()} moves a pull from the frame cadence, at most. */
    static final long MAX_NUDGE_NANOS = 2_000_000L;
    /** Accelerate when the delay is this much over the target; preemptively expand when under by {@link #EXPAND_BAND_NANOS}. */
    static final long ACCELERATE_BAND_NANOS = 4_000_000L;
    /**
     * A cut may leave the next packet needed up to this much before the target (the nudges make it
     * up, and the target's margin over the typical packet covers the rest) — but no more than half
     * the target: a near-perfect path has no margin, and there only a nudge's worth is safe.
     */
    static final long CUT_ALLOWANCE_NANOS = 5_000_000L;
    static final long EXPAND_BAND_NANOS = 2_000_000L;

    private record Packet(long seq, long timestamp, byte[] payload, long arrivalNanos, int samples) {}

    private final JitterBufferConfig config;
    private final PacketDecoder decoder;
    private final JitterBufferObserver observer;
    private final int channels;
    private final int frameSamples;
    private final long frameNanos;
    private final int rate;
    private final TimeStretcher stretcher;
    private final DelayEstimator estimator;
    private final DriftEstimator drift = new DriftEstimator();
    private final TreeMap<Long, Packet> packets = new TreeMap<>();
    private final SeqNumUnwrapper16 seqs = new SeqNumUnwrapper16();
    private final SeqNumUnwrapper32 timestamps = new SeqNumUnwrapper32();

    private long ssrc = -1;
    private boolean hasOrigin;
    private long originTimestamp;
    private long largestTimestamp;
    private boolean hasLargestSeq;
    private long largestSeq;
    private boolean playing;
    private long decodedEndTimestamp;
    /** Timeline samples (per channel) still in the sync buffer: what is queued minus what stretching and concealment made up. */
    private double pendingTimeline;
    private final short[] sync;
    private int syncStart; // in samples per channel
    private int syncLength;
    private int lastFrameSamples;
    private long underrunSamples;
    private boolean concealing;
    private boolean frameConcealed;
    private long frameTimestamp;
    private long recentDecodedSeq = Long.MIN_VALUE;
    private long recentDecodedSeqBits;

    // Statistics (see JitterBufferStats).
    private double delaySeconds;
    private double targetDelaySeconds;
    private long emitted;
    private long samplesOut;
    private long concealed;
    private long silentConcealed;
    private long concealmentEvents;
    private long inserted;
    private long removed;
    private long late;
    private long duplicated;
    private long discarded;
    private long fecRecovered;
    private long resets;
    private long lastDelayNanos;
    private long nextPullNanos = Long.MIN_VALUE;
    /** The sum of the nudges: where the pulls sit against a grid of whole frames, within ±half a frame. */
    private long phaseNanos;
    private long lastFrameNanos = Long.MIN_VALUE;
    private long lastCutNanos = Long.MIN_VALUE / 2;
    private long cutBackoffUntilNanos = Long.MIN_VALUE;
    static final long CUT_BACKOFF_NANOS = 1_000_000_000L;
    private static final int EARLINESS_PACKETS = 8;
    private final long[] earliness = new long[EARLINESS_PACKETS];
    private int earlinessNext;

    public AudioJitterBuffer(JitterBufferConfig config, PacketDecoder decoder, JitterBufferObserver observer) {
        this.config = requireNonNull(config, "config");
        this.decoder = requireNonNull(decoder, "decoder");
        this.observer = requireNonNull(observer, "observer");
        channels = decoder.channels();
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("decoder channels: " + channels + " (expected: 1 or 2)");
        }
        rate = config.clockRate();
        frameSamples = config.frameSamples();
        frameNanos = config.frameMillis() * 1_000_000L;
        stretcher = new TimeStretcher(rate, channels);
        estimator = new DelayEstimator(config);
        lastFrameSamples = rate / 50;
        final int maxPacket = rate * 120 / 1000;
        sync = new short[(2 * frameSamples + 4 * stretcher.maxPeriod() + 2 * maxPacket) * channels];
    }

    public AudioJitterBuffer(JitterBufferConfig config, PacketDecoder decoder) {
        this(config, decoder, new JitterBufferObserver() {});
    }

    /** Channels of the frames {@link #pull} gives (the decoder's). */
    public int channels() {
        return channels;
    }

    /** Samples per channel of each frame {@link #pull} gives. */
    public int frameSamples() {
        return frameSamples;
    }

    // ---- Input ---------------------------------------------------------------------------------------------------

    /**
     * A packet arrived at {@code arrivalNanos}. Never throws on bad input: a packet the decoder
     * cannot parse, a duplicate, a late packet or one beyond the buffer's bound is dropped and counted.
     */
    public void insert(long ssrc, int sequenceNumber, long timestamp, byte[] payload, long arrivalNanos) {
        requireNonNull(payload, "payload");
        if (this.ssrc != ssrc) {
            if (this.ssrc != -1) {
                resetStream();
            }
            this.ssrc = ssrc;
        }
        final int samples = payload.length == 0 ? -1 : decoder.samplesOf(payload);
        if (samples <= 0) {
            discarded++;
            return;
        }
        final long seq = seqs.unwrap(sequenceNumber & 0xFFFF);
        final long ts = timestamps.unwrap(timestamp & 0xFFFF_FFFFL);
        if (!hasOrigin) {
            hasOrigin = true;
            originTimestamp = ts;
            largestTimestamp = ts;
        } else if (Math.abs(nanosOf(ts - largestTimestamp)) > JUMP_NANOS) {
            resetTimeline(ts); // the sender restarted its clock
        }
        largestTimestamp = Math.max(largestTimestamp, ts);
        final long sendNanos = sendNanosOf(ts);
        final long transitNanos = arrivalNanos - sendNanos;
        final boolean overtaken = hasLargestSeq && seq < largestSeq;
        if (!hasLargestSeq || seq > largestSeq) {
            largestSeq = seq;
            hasLargestSeq = true;
        }
        drift.onPacket(sendNanos, transitNanos);
        estimator.onPacket(sendNanos, transitNanos, overtaken, -drift.ppm() * 1e-6);
        if (playing && ts < decodedEndTimestamp) {
            if (wasDecoded(seq)) {
                duplicated++;
            } else {
                late++;
                observer.onLate(ts, arrivalNanos);
            }
            return;
        }
        if (packets.containsKey(ts)) {
            duplicated++;
            return;
        }
        if (playing && sendNanos - sendNanosOf(playTimestamp()) > config.maxBufferNanos()) {
            if (packets.isEmpty()) {
                resets++;
                playing = false; // far ahead of an empty buffer: start again from this packet
                syncLength = 0;
                pendingTimeline = 0;
            } else {
                discarded++; // a sender faster than real time: keep what is queued, drop the excess
                return;
            }
        }
        if (packets.size() >= MAX_PACKETS) {
            discarded++;
            return;
        }
        packets.put(ts, new Packet(seq, ts, payload, arrivalNanos, samples));
    }

    private void resetStream() {
        resets++;
        seqs.reset();
        timestamps.reset();
        hasOrigin = false;
        hasLargestSeq = false;
        estimator.reset();
        drift.reset();
        packets.clear();
        playing = false;
        syncLength = 0;
        pendingTimeline = 0;
        recentDecodedSeq = Long.MIN_VALUE;
    }

    private void resetTimeline(long ts) {
        resets++;
        originTimestamp = ts;
        largestTimestamp = ts;
        estimator.reset();
        drift.reset();
        packets.clear();
        playing = false;
        syncLength = 0;
        pendingTimeline = 0;
        recentDecodedSeq = Long.MIN_VALUE;
    }

    // ---- Output --------------------------------------------------------------------------------------------------

    /**
     * Gives the next frame, {@link #frameSamples()} per channel, into {@code out} (interleaved when
     * stereo). Returns false, leaving {@code out} alone, while there is nothing to play: before the
     * first packet, while the first packets wait for the target delay, and after a long silence.
     */
    public boolean pull(long nowNanos, short[] out) {
        if (out.length < frameSamples * channels) {
            throw new IllegalArgumentException("out: " + out.length + " samples (expected: >= " + frameSamples * channels + ")");
        }
        if (!playing && (lastFrameNanos != Long.MIN_VALUE && nowNanos < lastFrameNanos + frameNanos || !start(nowNanos))) {
            nextPullNanos = nowNanos + frameNanos;
            return false;
        }
        frameConcealed = false;
        final long needDelayNanos = needDelayTransitNanos(nowNanos);
        final long slackNanos = needDelayNanos - estimator.targetTransitNanos();
        lastDelayNanos = needDelayNanos - estimator.baseNanos();
        if (slackNanos > ACCELERATE_BAND_NANOS) {
            final int want = (int) Math.min(stretcher.maxPeriod(), samplesOf(slackNanos));
            // Only from a surplus: by no more than the recent packets were early for, so that the cut
            // does not just make the next pull conceal (as when the target is capped below the path).
            final long surplus = samplesOf(recentEarlinessNanos());
            final boolean backingOff = nowNanos < cutBackoffUntilNanos && slackNanos < frameNanos;
            if (want >= stretcher.minPeriod() && surplus >= stretcher.minPeriod() && !backingOff) {
                fill(frameSamples + 2 * want, nowNanos, false);
                // A cut of p makes the next packet needed floor((S - p) / frame) pulls from now: a whole
                // frame earlier each time it crosses a frame. Cut only as far as keeps that packet's
                // delay at the target, less what the next nudge can make up.
                final long allowance = Math.max(MAX_NUDGE_NANOS, Math.min(CUT_ALLOWANCE_NANOS, estimator.targetRelativeNanos() / 2));
                final long short_ = estimator.targetTransitNanos() - allowance - (nowNanos - sendNanosOf(decodedEndTimestamp));
                final long minPulls = Math.max(1, short_ <= 0 ? 0 : (short_ + frameNanos - 1) / frameNanos);
                final long maxCut = syncLength - minPulls * frameSamples;
                final int room = (int) Math.max(0, Math.min(Math.min(Math.min(syncLength / 2, syncLength - frameSamples), surplus), maxCut));
                final int cut = stretcher.accelerate(sync, syncStart * channels, syncLength, Math.min(want, room));
                syncLength -= cut;
                removed += cut;
                if (cut > 0) {
                    lastCutNanos = nowNanos;
                }
            }
        } else if (slackNanos < -EXPAND_BAND_NANOS) {
            final int want = (int) Math.min(stretcher.maxPeriod(), Math.max(stretcher.minPeriod(), samplesOf(-slackNanos)));
            fill(frameSamples, nowNanos, true);
            if (!frameConcealed) { // stretch decoded audio only; concealment already adds delay
                compact(want);
                final int added = stretcher.expand(sync, syncStart * channels, syncLength, want);
                syncLength += added;
                inserted += added;
            }
        }
        fill(frameSamples, nowNanos, true);
        frameTimestamp = playTimestamp();
        System.arraycopy(sync, syncStart * channels, out, 0, frameSamples * channels);
        consume(frameSamples);
        samplesOut += frameSamples;
        targetDelaySeconds += estimator.targetRelativeNanos() / 1e9 * frameSamples;
        lastFrameNanos = nowNanos;
        nextPullNanos = nowNanos + frameNanos;
        if (syncLength < frameSamples) {
            // The next pull decodes the next packet: time it so that packet's delay is the target.
            // Only the phase within a frame is chosen so: the pulls keep their cadence on average,
            // and delay changes beyond a frame are the stretcher's.
            final long desired = sendNanosOf(decodedEndTimestamp) + estimator.targetTransitNanos();
            long nudge = Math.max(-MAX_NUDGE_NANOS, Math.min(MAX_NUDGE_NANOS, desired - nextPullNanos));
            nudge = Math.max(-frameNanos / 2 - phaseNanos, Math.min(frameNanos / 2 - phaseNanos, nudge));
            phaseNanos += nudge;
            nextPullNanos += nudge;
        }
        if (underrunSamples > nanosToSamplesLong(PAUSE_AFTER_NANOS)) {
            playing = false; // a long silence: give no more frames until packets come
            syncLength = 0;
            pendingTimeline = 0;
            underrunSamples = 0;
        }
        return true;
    }

    /**
     * When the driver should pull next: one frame after the last pull, moved by up to
     * {@link #MAX_NUDGE_NANOS} so that the next packet is needed exactly at the target delay
     * (without this, a packet's delay could only take values a whole frame apart). Before play
     * starts: when the first packet has waited the target delay (or one frame from the last pull if
     * there is no packet). A driver with its own fixed clock (a sound card) may ignore it and pull
     * every frame; the buffer still follows the target, to within a frame.
     */
    public long nextPullNanos() {
        if (!playing) {
            if (packets.isEmpty() || !estimator.hasData()) {
                return nextPullNanos;
            }
            // Never sooner than a frame after the last frame given: a restart keeps real time.
            final long start = Math.max(sendNanosOf(packets.firstKey()) + estimator.targetTransitNanos(),
                                        packets.firstEntry().getValue().arrivalNanos());
            return lastFrameNanos == Long.MIN_VALUE ? start : Math.max(start, lastFrameNanos + frameNanos);
        }
        return nextPullNanos;
    }

    /** The RTP timestamp (low 32 bits) of the first sample of the frame {@link #pull} gave last. */
    public long lastFrameTimestamp() {
        return frameTimestamp & 0xFFFF_FFFFL;
    }

    /** Whether the frame {@link #pull} gave last holds concealment. */
    public boolean lastFrameConcealed() {
        return frameConcealed;
    }

    /** True while the buffer is giving frames. */
    public boolean playing() {
        return playing;
    }

    private boolean start(long nowNanos) {
        if (packets.isEmpty()) {
            return false;
        }
        final long first = packets.firstKey();
        if (nowNanos - sendNanosOf(first) < estimator.targetTransitNanos()) {
            return false; // let the first packets wait for the target delay
        }
        playing = true;
        decodedEndTimestamp = first;
        syncStart = 0;
        syncLength = 0;
        pendingTimeline = 0;
        underrunSamples = 0;
        return true;
    }

    /** How long before they were needed the last {@link #EARLINESS_PACKETS} decoded packets arrived, at least. */
    private long recentEarlinessNanos() {
        long min = Long.MAX_VALUE;
        for (long e : earliness) {
            min = Math.min(min, e);
        }
        return min;
    }

    /** Decodes (or conceals) until {@code need} samples per channel are queued; without {@code conceal}, only from packets present. */
    private void fill(int need, long nowNanos, boolean conceal) {
        while (syncLength < need) {
            Map.Entry<Long, Packet> first = packets.firstEntry();
            while (first != null && first.getKey() < decodedEndTimestamp) { // overlapped by what was played
                packets.pollFirstEntry();
                late++;
                observer.onLate(first.getKey(), first.getValue().arrivalNanos());
                first = packets.firstEntry();
            }
            if (first != null && first.getKey() == decodedEndTimestamp) {
                packets.pollFirstEntry();
                decode(first.getValue(), nowNanos);
                continue;
            }
            if (!conceal) {
                return;
            }
            compact(lastFrameSamples + need);
            if (first != null) {
                // A gap, and packets after it: conceal the first missing frame and go on.
                final long gap = first.getKey() - decodedEndTimestamp;
                final int n = (int) Math.min(gap, lastFrameSamples);
                final int write = (syncStart + syncLength) * channels;
                final int fec = gap <= lastFrameSamples ? decoder.decodeFec(first.getValue().payload(), sync, write, n) : -1;
                if (fec == n) {
                    fecRecovered++;
                    concealing = false;
                } else {
                    decoder.conceal(sync, write, n);
                    countConcealed(n, false);
                }
                observer.onConcealedMissing(decodedEndTimestamp, nowNanos, fec == n);
                syncLength += n;
                pendingTimeline += n;
                decodedEndTimestamp += n;
                underrunSamples = 0;
            } else {
                // Empty: the path is slower than we play. Conceal without moving on.
                if (nowNanos - lastCutNanos <= 2 * frameNanos) {
                    // A cut that ran the buffer dry: the target is below what the path gives (it is
                    // capped, or just moved). Stop cutting for a while; the nudges settle the phase.
                    cutBackoffUntilNanos = nowNanos + CUT_BACKOFF_NANOS;
                }
                final int step = rate / 400; // Opus conceals in 2.5 ms steps
                final int n = Math.max(step, (need - syncLength + step - 1) / step * step);
                final int write = (syncStart + syncLength) * channels;
                final boolean silent = underrunSamples >= nanosToSamplesLong(config.maxConcealMillis() * 1_000_000L);
                if (silent) {
                    java.util.Arrays.fill(sync, write, write + n * channels, (short) 0);
                } else {
                    decoder.conceal(sync, write, n);
                }
                countConcealed(n, silent);
                syncLength += n;
                underrunSamples += n;
            }
        }
    }

    private void countConcealed(int n, boolean silent) {
        concealed += n;
        if (silent) {
            silentConcealed += n;
        }
        if (!concealing) {
            concealmentEvents++;
            concealing = true;
        }
        frameConcealed = true;
    }

    private void decode(Packet packet, long nowNanos) {
        compact(rate * 120 / 1000);
        final int write = (syncStart + syncLength) * channels;
        int n = decoder.decode(packet.payload(), sync, write);
        final int expected = decoder.samplesOf(packet.payload());
        if (n < 0) {
            n = expected; // corrupt: conceal its place
            decoder.conceal(sync, write, n);
            countConcealed(n, false);
        } else {
            concealing = false;
            emitted += n;
            delaySeconds += (nowNanos - packet.arrivalNanos()) / 1e9 * n;
            earliness[earlinessNext] = nowNanos - packet.arrivalNanos();
            earlinessNext = (earlinessNext + 1) % earliness.length;
            observer.onPlayed(packet.timestamp(), packet.arrivalNanos(), nowNanos);
        }
        lastFrameSamples = n;
        syncLength += n;
        pendingTimeline += n;
        decodedEndTimestamp = packet.timestamp() + n;
        underrunSamples = 0;
        rememberDecoded(packet.seq());
    }

    /** Moves the queued samples to the front when fewer than {@code room} samples per channel are free after them. */
    private void compact(int room) {
        if ((syncStart + syncLength + room) * channels > sync.length && syncStart > 0) {
            System.arraycopy(sync, syncStart * channels, sync, 0, syncLength * channels);
            syncStart = 0;
        }
    }

    private void consume(int n) {
        pendingTimeline -= syncLength == 0 ? 0 : pendingTimeline * n / syncLength;
        syncStart += n;
        syncLength -= n;
        if (syncLength == 0) {
            syncStart = 0;
            pendingTimeline = 0;
        }
    }

    // ---- Time ----------------------------------------------------------------------------------------------------

    /** The RTP timestamp (unwrapped) of the next sample to play. */
    private long playTimestamp() {
        return decodedEndTimestamp - Math.round(pendingTimeline);
    }

    /**
     * The delay the next packet to decode will have when a pull needs it, as a transit: the time of
     * that pull minus the packet's send time. This is what decides whether a packet is in time (a
     * pull needs a packet as soon as any of its samples falls in its frame), so it is what follows
     * the target. With {@code L} samples queued, the next packet is needed {@code floor(L / frame)}
     * pulls from now.
     */
    private long needDelayTransitNanos(long nowNanos) {
        final long pullsAhead = syncLength / frameSamples;
        return nowNanos + pullsAhead * frameNanos - sendNanosOf(decodedEndTimestamp);
    }

    private long sendNanosOf(long ts) {
        return nanosOf(ts - originTimestamp);
    }

    private long nanosOf(long units) {
        return Math.floorDiv(units, rate) * 1_000_000_000L + Math.floorMod(units, rate) * 1_000_000_000L / rate;
    }

    private long samplesOf(long nanos) {
        return nanos / 1_000_000_000L * rate + nanos % 1_000_000_000L * rate / 1_000_000_000L;
    }

    private long nanosToSamplesLong(long nanos) {
        return samplesOf(nanos);
    }

    // ---- Duplicates ------------------------------------------------------------------------------------------------

    /** Bit i of {@code recentDecodedSeqBits} says whether sequence number {@code recentDecodedSeq - i} was decoded. */
    private void rememberDecoded(long seq) {
        if (recentDecodedSeq == Long.MIN_VALUE || seq > recentDecodedSeq) {
            final long shift = recentDecodedSeq == Long.MIN_VALUE ? 64 : seq - recentDecodedSeq;
            recentDecodedSeqBits = shift >= 64 ? 0 : recentDecodedSeqBits << shift;
            recentDecodedSeq = seq;
        }
        if (recentDecodedSeq - seq < 64) {
            recentDecodedSeqBits |= 1L << (recentDecodedSeq - seq);
        }
    }

    private boolean wasDecoded(long seq) {
        return recentDecodedSeq != Long.MIN_VALUE && seq <= recentDecodedSeq && recentDecodedSeq - seq < 64
               && (recentDecodedSeqBits & 1L << (recentDecodedSeq - seq)) != 0;
    }

    // ---- Statistics ------------------------------------------------------------------------------------------------

    public JitterBufferStats stats() {
        return new JitterBufferStats(delaySeconds, targetDelaySeconds, emitted, samplesOut, concealed, silentConcealed,
                                     concealmentEvents, inserted, removed, late, duplicated, discarded, fecRecovered,
                                     resets, estimator.targetRelativeNanos() / 1e6, lastDelayNanos / 1e6, drift.ppm());
    }

    /** The current target delay above the fastest recent packet, in nanoseconds. */
    public long targetDelayNanos() {
        return estimator.targetRelativeNanos();
    }

    /** The playout delay above the fastest recent packet at the last pull, in nanoseconds. */
    public long currentDelayNanos() {
        return lastDelayNanos;
    }

    /** The sender clock's drift against ours in ppm (0 until about a minute of packets). */
    public double driftPpm() {
        return drift.ppm();
    }

    /** Packets waiting to be decoded (for bounds checks and tests). */
    public int packetCount() {
        return packets.size();
    }

    @Override
    public String toString() {
        return "AudioJitterBuffer{ssrc=" + ssrc + ", packets=" + packets.size() + ", playing=" + playing + ", target="
               + estimator.targetRelativeNanos() / 1_000_000 + " ms}";
    }
}
