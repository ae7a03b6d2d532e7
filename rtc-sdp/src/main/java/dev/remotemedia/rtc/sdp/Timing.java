package dev.remotemedia.rtc.sdp;

/** The first {@code t=} line (RFC 8866 §5.9): NTP start and stop times; JSEP writes {@code t=0 0}. */
public record Timing(long startTime, long stopTime) {
    /** {@code t=0 0}: an unbounded, permanent session. */
    public static final Timing UNBOUNDED = new Timing(0, 0);

    public Timing {
        Tokens.checkRange(startTime, 0, Long.MAX_VALUE, "startTime");
        Tokens.checkRange(stopTime, 0, Long.MAX_VALUE, "stopTime");
    }

    public String toSdpValue() {
        return startTime + " " + stopTime;
    }
}
