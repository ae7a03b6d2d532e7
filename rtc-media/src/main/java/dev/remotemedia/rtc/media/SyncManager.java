package dev.remotemedia.rtc.media;

import java.util.HashMap;
import java.util.Map;

/**
 * One remote peer's media timeline (seed 002 §1): every stream's RTP timestamps mapped to the
 * sender's wall clock through its RTCP sender reports (RFC 3550 §6.4.1), so that all of a peer's
 * streams sit on one timeline; which sample of each stream is playing out; and from those the query
 * lip sync needs — when, on our clock, a frame of one stream should be shown so that it lines up
 * with the audio the peer sent at the same moment ({@link #alignedPlayoutNanos}).
 *
 * <p>Time on our side is the caller's {@code nowNanos} (the connection's clock); sender time is
 * Unix nanoseconds from the reports' NTP timestamps. Sans-I/O. Thread-safe through its monitor
 * (reports come from the network loop, playout from the codec executors, queries from anywhere);
 * every call is short.
 */
public final class SyncManager {
    private static final class Stream {
        final int clockRate;
        long reportNtp;
        long reportRtp = -1;
        long playedRtp = -1;
        long playedAtNanos;

        Stream(int clockRate) {
            this.clockRate = clockRate;
        }
    }

    private final Map<Long, Stream> streams = new HashMap<>();
    private long audioMaster = -1;

    /** Declares stream {@code ssrc} with its RTP clock rate; the first audio stream is the master for lip sync. */
    public synchronized void register(long ssrc, int clockRate, boolean audio) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate: " + clockRate + " (expected: > 0)");
        }
        streams.putIfAbsent(ssrc, new Stream(clockRate));
        if (audio && audioMaster < 0) {
            audioMaster = ssrc;
        }
    }

    /** A sender report of stream {@code ssrc}: its 64-bit NTP time and the RTP timestamp it maps. Unknown streams are ignored. */
    public synchronized void onSenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp) {
        final Stream stream = streams.get(ssrc);
        if (stream != null) {
            stream.reportNtp = ntpTimestamp;
            stream.reportRtp = rtpTimestamp & 0xFFFF_FFFFL;
        }
    }

    /** The sample of stream {@code ssrc} with {@code rtpTimestamp} started playing out at {@code nowNanos}. */
    public synchronized void onPlayout(long ssrc, long rtpTimestamp, long nowNanos) {
        final Stream stream = streams.get(ssrc);
        if (stream != null) {
            stream.playedRtp = rtpTimestamp & 0xFFFF_FFFFL;
            stream.playedAtNanos = nowNanos;
        }
    }

    /**
     * The sender's wall-clock time (Unix nanos) of {@code rtpTimestamp} on stream {@code ssrc}, or
     * -1 before its first sender report. Timestamps within 2^31 of the report's either side map
     * (RTP timestamps wrap).
     */
    public synchronized long captureTimeNanos(long ssrc, long rtpTimestamp) {
        final Stream stream = streams.get(ssrc);
        return stream == null ? -1 : captureTime(stream, rtpTimestamp);
    }

    private static long captureTime(Stream stream, long rtpTimestamp) {
        if (stream.reportRtp < 0) {
            return -1;
        }
        final long units = (int) ((rtpTimestamp - stream.reportRtp) & 0xFFFF_FFFFL); // signed 32-bit distance
        return NtpTime.toUnixNanos(stream.reportNtp) + Math.floorDiv(units * 1_000_000_000L, stream.clockRate);
    }

    /**
     * The sender's wall-clock time of what stream {@code ssrc} plays out at {@code nowNanos}
     * (W3C {@code estimatedPlayoutTimestamp}), or -1 before a report and a played sample.
     */
    public synchronized long playoutCaptureTimeNanos(long ssrc, long nowNanos) {
        final Stream stream = streams.get(ssrc);
        if (stream == null || stream.playedRtp < 0) {
            return -1;
        }
        final long capture = captureTime(stream, stream.playedRtp);
        return capture < 0 ? -1 : capture + (nowNanos - stream.playedAtNanos);
    }

    /**
     * Lip sync: when (our clock) the sample or frame of stream {@code ssrc} with
     * {@code rtpTimestamp} should play so that it lines up with the peer's audio — the audio
     * master plays, at {@code nowNanos}, what was captured at some moment C; a frame captured at
     * C + d plays d from now. -1 when either stream has no report yet or no audio plays.
     */
    public synchronized long alignedPlayoutNanos(long ssrc, long rtpTimestamp, long nowNanos) {
        final Stream stream = streams.get(ssrc);
        final Stream master = audioMaster < 0 ? null : streams.get(audioMaster);
        if (stream == null || master == null || master.playedRtp < 0) {
            return -1;
        }
        final long capture = captureTime(stream, rtpTimestamp);
        final long masterCapture = captureTime(master, master.playedRtp);
        if (capture < 0 || masterCapture < 0) {
            return -1;
        }
        final long masterNow = masterCapture + (nowNanos - master.playedAtNanos);
        return nowNanos + (capture - masterNow);
    }

    @Override
    public synchronized String toString() {
        return "SyncManager{" + streams.size() + " streams, audio master " + audioMaster + '}';
    }
}
