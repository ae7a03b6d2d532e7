package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;

/**
 * {@code a=rtcp-fb:<payload type or *> <type> [<parameter>]} (RFC 4585 §4.2), such as
 * {@code nack}, {@code nack pli}, {@code ccm fir}, {@code transport-cc} or {@code goog-remb}.
 */
public record RtcpFeedback(int payloadType, String type, @Nullable String parameter) {
    /** The payload type of {@code a=rtcp-fb:*}, feedback that applies to every format. */
    public static final int ANY_PAYLOAD_TYPE = -1;

    public RtcpFeedback {
        Tokens.checkRange(payloadType, ANY_PAYLOAD_TYPE, 127, "payloadType");
        Tokens.checkToken(requireNonNull(type, "type"), "type");
        if (parameter != null) {
            Tokens.checkText(parameter, "parameter");
            if (parameter.isBlank()) {
                throw new IllegalArgumentException("parameter: blank (expected: null or text)");
            }
        }
    }

    public boolean appliesToAnyPayloadType() {
        return payloadType == ANY_PAYLOAD_TYPE;
    }

    public String toSdpValue() {
        final String pt = payloadType == ANY_PAYLOAD_TYPE ? "*" : Integer.toString(payloadType);
        return parameter == null ? pt + ' ' + type : pt + ' ' + type + ' ' + parameter;
    }
}
