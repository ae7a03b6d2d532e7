package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One RTP payload format of a media section with what the section says about it: its
 * {@code a=rtpmap} (or the RFC 3551 static assignment), {@code a=fmtp} and {@code a=rtcp-fb}
 * lines (including {@code a=rtcp-fb:*}). A view made by {@link MediaDescription#codecs()}.
 */
public record RtpCodec(int payloadType, String name, int clockRate, @Nullable Integer channels,
                       @Nullable Fmtp fmtp, List<RtcpFeedback> feedback) {
    public RtpCodec {
        requireNonNull(name, "name");
        feedback = List.copyOf(feedback);
    }

    /** Whether the encoding name is {@code name}, ignoring case as RFC 4855 §3 says to. */
    public boolean is(String name) {
        return this.name.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
    }

    /** The format parameters ({@link Fmtp#parameterMap()}), empty without {@code a=fmtp}. */
    public Map<String, String> parameters() {
        return fmtp == null ? Map.of() : fmtp.parameterMap();
    }

    /** Whether some {@code a=rtcp-fb} of this codec has this type and parameter ({@code null} for none). */
    public boolean hasFeedback(String type, @Nullable String parameter) {
        for (RtcpFeedback each : feedback) {
            if (each.type().equals(type) && Objects.equals(each.parameter(), parameter)) {
                return true;
            }
        }
        return false;
    }
}
