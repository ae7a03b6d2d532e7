package dev.remotemedia.rtc.transport.ice;

import java.util.Locale;

/**
 * How far gathering of local candidates has gone, named as W3C's
 * <a href="https://www.w3.org/TR/webrtc/#rtcicegathererstate">RTCIceGathererState</a>.
 */
public enum IceGatheringState {
    /** {@link IceTransport#gather()} has not been called. */
    NEW,
    /** Host candidates are out; server-reflexive ones are being asked for. */
    GATHERING,
    /** Every local candidate has been signalled, followed by end-of-candidates. */
    COMPLETE;

    /** The W3C name: {@code "new"}, {@code "gathering"}, {@code "complete"}. */
    public String w3cName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
