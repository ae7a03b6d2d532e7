package dev.remotemedia.rtc.sctp.tx;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The tunables of an SCTP association for WebRTC. {@link #defaults()} suits data channels; build
 * others with {@link #builder()}. The defaults follow RFC 9260 §15 where WebRTC stacks do, and
 * dcSCTP (the SCTP of Chromium) where they depart from it:
 *
 * <ul>
 *   <li>{@code mtu} 1200: the largest SCTP packet, as Chromium's usrsctp used; it leaves room
 *       for DTLS, UDP, IPv6 and TURN within the 1280-byte IPv6 minimum MTU.</li>
 *   <li>{@code receiveWindowBytes} 1 MiB (dcSCTP advertises 5 MiB), {@code maxMessageSize} 256
 *       KiB (RFC 8841 {@code max-message-size} that Chromium advertises), {@code
 *       maxSendBufferBytes} 16 MiB (Chromium's RTCDataChannel buffer limit).</li>
 *   <li>{@code initialCwndBytes} min(4 MTU, max(2 MTU, 4380)) = 4380 (RFC 9260 §7.2.1).</li>
 *   <li>RTO initial 500 ms, min 400 ms, max 60 s, floor on the variance term 220 ms (dcSCTP;
 *       RFC 9260 says 1 s, 1 s, 60 s): WebRTC peers are mostly close, and the floor stays above
 *       the peer's 200 ms delayed SACK. RTT samples above 60 s are ignored.</li>
 *   <li>{@code maxTimerBackoff} 3 s: backed-off T1/T2/T3 timers grow no further (Chromium's
 *       setting), so a path that recovers is used again quickly.</li>
 *   <li>T1-init, T1-cookie and T2-shutdown 1 s; delayed SACK 200 ms (RFC 9260 §6.2); heartbeat
 *       every 30 s; Association.Max.Retrans 10, Max.Init.Retransmits 8, Max.Burst 4; 65535
 *       streams each way (as dcSCTP: no per-stream cost).</li>
 * </ul>
 *
 * @param mtu the largest SCTP packet, common header included, in bytes
 * @param maxMessageSize the largest message sent or received, in bytes
 * @param receiveWindowBytes the receive buffer, advertised as a_rwnd
 * @param maxSendBufferBytes the most message bytes queued for sending over all streams
 * @param initialCwndBytes the congestion window before any data is acknowledged
 * @param rtoInitial RTO.Initial
 * @param rtoMin RTO.Min
 * @param rtoMax RTO.Max
 * @param minRttVariance the least the variance term (4 × RTTVAR) adds to SRTT in the RTO
 * @param maxRtt RTT samples above this are ignored as bogus
 * @param maxTimerBackoff the most a backed-off timer duration grows to (at least {@code rtoMin})
 * @param t1InitTimeout the first T1-init duration
 * @param t1CookieTimeout the first T1-cookie duration
 * @param t2ShutdownTimeout the first T2-shutdown duration
 * @param delayedAckTimeout how long a SACK may be delayed, at most 500 ms (RFC 9260 §6.2)
 * @param heartbeatInterval HB.interval on an idle path
 * @param maxRetransmissions Association.Max.Retrans: consecutive failures before abort
 * @param maxInitRetransmits Max.Init.Retransmits
 * @param maxBurst Max.Burst: the most new packets sent at once (RFC 9260 §6.1)
 * @param inboundStreams the number of inbound streams announced in INIT
 * @param outboundStreams the number of outbound streams announced in INIT
 */
public record SctpOptions(int mtu, int maxMessageSize, int receiveWindowBytes, long maxSendBufferBytes,
                          int initialCwndBytes, Duration rtoInitial, Duration rtoMin, Duration rtoMax,
                          Duration minRttVariance, Duration maxRtt, Duration maxTimerBackoff,
                          Duration t1InitTimeout, Duration t1CookieTimeout, Duration t2ShutdownTimeout,
                          Duration delayedAckTimeout, Duration heartbeatInterval, int maxRetransmissions,
                          int maxInitRetransmits, int maxBurst, int inboundStreams, int outboundStreams) {

    private static final SctpOptions DEFAULTS = builder().build();

    public SctpOptions {
        checkRange("mtu", mtu, 256, 65535);
        checkRange("maxMessageSize", maxMessageSize, 1, Integer.MAX_VALUE);
        checkRange("receiveWindowBytes", receiveWindowBytes, 1500, Integer.MAX_VALUE);
        if (maxSendBufferBytes < maxMessageSize) {
            throw new IllegalArgumentException("maxSendBufferBytes: " + maxSendBufferBytes
                                               + " (expected: >= maxMessageSize " + maxMessageSize + ')');
        }
        checkRange("initialCwndBytes", initialCwndBytes, mtu, Integer.MAX_VALUE);
        checkPositive("rtoInitial", rtoInitial);
        checkPositive("rtoMin", rtoMin);
        checkPositive("rtoMax", rtoMax);
        if (rtoMin.compareTo(rtoInitial) > 0 || rtoInitial.compareTo(rtoMax) > 0) {
            throw new IllegalArgumentException("rtoInitial: " + rtoInitial + " (expected: rtoMin " + rtoMin
                                               + " <= rtoInitial <= rtoMax " + rtoMax + ')');
        }
        requireNonNull(minRttVariance, "minRttVariance");
        if (minRttVariance.isNegative()) {
            throw new IllegalArgumentException("minRttVariance: " + minRttVariance + " (expected: >= 0)");
        }
        checkPositive("maxRtt", maxRtt);
        checkPositive("maxTimerBackoff", maxTimerBackoff);
        if (maxTimerBackoff.compareTo(rtoMin) < 0) {
            throw new IllegalArgumentException("maxTimerBackoff: " + maxTimerBackoff
                                               + " (expected: >= rtoMin " + rtoMin + ')');
        }
        checkPositive("t1InitTimeout", t1InitTimeout);
        checkPositive("t1CookieTimeout", t1CookieTimeout);
        checkPositive("t2ShutdownTimeout", t2ShutdownTimeout);
        checkPositive("delayedAckTimeout", delayedAckTimeout);
        if (delayedAckTimeout.toMillis() > 500) {
            throw new IllegalArgumentException("delayedAckTimeout: " + delayedAckTimeout
                                               + " (expected: <= 500 ms, RFC 9260 §6.2)");
        }
        checkPositive("heartbeatInterval", heartbeatInterval);
        checkRange("maxRetransmissions", maxRetransmissions, 0, Integer.MAX_VALUE);
        checkRange("maxInitRetransmits", maxInitRetransmits, 0, Integer.MAX_VALUE);
        checkRange("maxBurst", maxBurst, 1, Integer.MAX_VALUE);
        checkRange("inboundStreams", inboundStreams, 1, 65535);
        checkRange("outboundStreams", outboundStreams, 1, 65535);
    }

    /** Returns the defaults described above. */
    public static SctpOptions defaults() {
        return DEFAULTS;
    }

    /** Returns a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder holding these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The initial congestion window of RFC 9260 §7.2.1 for {@code mtu}: min(4 MTU, max(2 MTU, 4380)). */
    public static int rfcInitialCwnd(int mtu) {
        return Math.min(4 * mtu, Math.max(2 * mtu, 4380));
    }

    private static void checkRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".."
                                               + max + ')');
        }
    }

    private static void checkPositive(String name, Duration value) {
        requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }

    /** Builds {@link SctpOptions}; unset values keep their defaults. */
    public static final class Builder {
        private int mtu = 1200;
        private int maxMessageSize = 256 * 1024;
        private int receiveWindowBytes = 1024 * 1024;
        private long maxSendBufferBytes = 16L * 1024 * 1024;
        private int initialCwndBytes = -1;
        private Duration rtoInitial = Duration.ofMillis(500);
        private Duration rtoMin = Duration.ofMillis(400);
        private Duration rtoMax = Duration.ofSeconds(60);
        private Duration minRttVariance = Duration.ofMillis(220);
        private Duration maxRtt = Duration.ofSeconds(60);
        private Duration maxTimerBackoff = Duration.ofSeconds(3);
        private Duration t1InitTimeout = Duration.ofSeconds(1);
        private Duration t1CookieTimeout = Duration.ofSeconds(1);
        private Duration t2ShutdownTimeout = Duration.ofSeconds(1);
        private Duration delayedAckTimeout = Duration.ofMillis(200);
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private int maxRetransmissions = 10;
        private int maxInitRetransmits = 8;
        private int maxBurst = 4;
        private int inboundStreams = 65535;
        private int outboundStreams = 65535;

        private Builder() {}

        private Builder(SctpOptions o) {
            mtu = o.mtu;
            maxMessageSize = o.maxMessageSize;
            receiveWindowBytes = o.receiveWindowBytes;
            maxSendBufferBytes = o.maxSendBufferBytes;
            initialCwndBytes = o.initialCwndBytes;
            rtoInitial = o.rtoInitial;
            rtoMin = o.rtoMin;
            rtoMax = o.rtoMax;
            minRttVariance = o.minRttVariance;
            maxRtt = o.maxRtt;
            maxTimerBackoff = o.maxTimerBackoff;
            t1InitTimeout = o.t1InitTimeout;
            t1CookieTimeout = o.t1CookieTimeout;
            t2ShutdownTimeout = o.t2ShutdownTimeout;
            delayedAckTimeout = o.delayedAckTimeout;
            heartbeatInterval = o.heartbeatInterval;
            maxRetransmissions = o.maxRetransmissions;
            maxInitRetransmits = o.maxInitRetransmits;
            maxBurst = o.maxBurst;
            inboundStreams = o.inboundStreams;
            outboundStreams = o.outboundStreams;
        }

        public Builder mtu(int mtu) { this.mtu = mtu; return this; }

        public Builder maxMessageSize(int bytes) { maxMessageSize = bytes; return this; }

        public Builder receiveWindowBytes(int bytes) { receiveWindowBytes = bytes; return this; }

        public Builder maxSendBufferBytes(long bytes) { maxSendBufferBytes = bytes; return this; }

        /** Sets the initial congestion window; unset, it is {@link #rfcInitialCwnd} of the MTU. */
        public Builder initialCwndBytes(int bytes) { initialCwndBytes = bytes; return this; }

        public Builder rtoInitial(Duration value) { rtoInitial = value; return this; }

        public Builder rtoMin(Duration value) { rtoMin = value; return this; }

        public Builder rtoMax(Duration value) { rtoMax = value; return this; }

        public Builder minRttVariance(Duration value) { minRttVariance = value; return this; }

        public Builder maxRtt(Duration value) { maxRtt = value; return this; }

        public Builder maxTimerBackoff(Duration value) { maxTimerBackoff = value; return this; }

        public Builder t1InitTimeout(Duration value) { t1InitTimeout = value; return this; }

        public Builder t1CookieTimeout(Duration value) { t1CookieTimeout = value; return this; }

        public Builder t2ShutdownTimeout(Duration value) { t2ShutdownTimeout = value; return this; }

        public Builder delayedAckTimeout(Duration value) { delayedAckTimeout = value; return this; }

        public Builder heartbeatInterval(Duration value) { heartbeatInterval = value; return this; }

        public Builder maxRetransmissions(int count) { maxRetransmissions = count; return this; }

        public Builder maxInitRetransmits(int count) { maxInitRetransmits = count; return this; }

        public Builder maxBurst(int packets) { maxBurst = packets; return this; }

        public Builder inboundStreams(int count) { inboundStreams = count; return this; }

        public Builder outboundStreams(int count) { outboundStreams = count; return this; }

        /** Returns the options. @throws IllegalArgumentException naming the first invalid value */
        public SctpOptions build() {
            return new SctpOptions(mtu, maxMessageSize, receiveWindowBytes, maxSendBufferBytes,
                                   initialCwndBytes < 0 ? rfcInitialCwnd(mtu) : initialCwndBytes,
                                   rtoInitial, rtoMin, rtoMax, minRttVariance, maxRtt, maxTimerBackoff,
                                   t1InitTimeout, t1CookieTimeout, t2ShutdownTimeout, delayedAckTimeout,
                                   heartbeatInterval, maxRetransmissions, maxInitRetransmits, maxBurst,
                                   inboundStreams, outboundStreams);
        }
    }
}
