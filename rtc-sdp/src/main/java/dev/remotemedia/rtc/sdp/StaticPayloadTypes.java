package dev.remotemedia.rtc.sdp;

import dev.remotemedia.rtc.common.Nullable;
import java.util.Map;

/**
 * RFC 3551 §6 static payload types, which need no {@code a=rtpmap} (RFC 8866 §6.6); JSEP peers
 * may offer {@code 0}, {@code 8}, {@code 9} and {@code 13} this way.
 */
final class StaticPayloadTypes {
    private static final Map<Integer, RtpMap> TABLE = Map.ofEntries(
            entry(0, "PCMU", 8000, 1), entry(3, "GSM", 8000, 1), entry(4, "G723", 8000, 1),
            entry(5, "DVI4", 8000, 1), entry(6, "DVI4", 16000, 1), entry(7, "LPC", 8000, 1),
            entry(8, "PCMA", 8000, 1), entry(9, "G722", 8000, 1), entry(10, "L16", 44100, 2),
            entry(11, "L16", 44100, 1), entry(12, "QCELP", 8000, 1), entry(13, "CN", 8000, 1),
            entry(14, "MPA", 90000, null), entry(15, "G728", 8000, 1), entry(16, "DVI4", 11025, 1),
            entry(17, "DVI4", 22050, 1), entry(18, "G729", 8000, 1), entry(25, "CelB", 90000, null),
            entry(26, "JPEG", 90000, null), entry(28, "nv", 90000, null), entry(31, "H261", 90000, null),
            entry(32, "MPV", 90000, null), entry(33, "MP2T", 90000, null), entry(34, "H263", 90000, null));

    private StaticPayloadTypes() {}

    static @Nullable RtpMap lookup(int payloadType) {
        return TABLE.get(payloadType);
    }

    private static Map.Entry<Integer, RtpMap> entry(int pt, String name, int clockRate, @Nullable Integer channels) {
        return Map.entry(pt, new RtpMap(pt, name, clockRate, channels));
    }
}
