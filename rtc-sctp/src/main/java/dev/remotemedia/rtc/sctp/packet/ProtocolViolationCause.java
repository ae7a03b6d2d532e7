package dev.remotemedia.rtc.sctp.packet;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;
import java.nio.charset.StandardCharsets;

/**
 * Protocol Violation error cause, <a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.13">RFC 9260 §3.3.10.13</a>: the peer
 * broke a protocol rule that no other cause covers.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Cause Code = 13        |          Cause Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                     Additional Information                    /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param additionalInformation what was violated, opaque to SCTP; implementations send UTF-8 text;
 *     a parsed one shares the input array
 */
public record ProtocolViolationCause(ByteView additionalInformation) implements ErrorCause {

    public static final int CODE = 13;
    private static final String NAME = "Protocol Violation cause";

    public ProtocolViolationCause {
        requireNonNull(additionalInformation, "additionalInformation");
        Tlv.checkFits(NAME, Tlv.HEADER_SIZE + additionalInformation.length());
    }

    /** Parses the cause at {@code buf[off .. off + len)}; bytes past its Length are ignored. */
    public static ParseResult<ProtocolViolationCause> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, CODE, buf, off, len, Tlv.HEADER_SIZE, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new ProtocolViolationCause(Tlv.value(buf, off)));
    }

    /** Returns a cause carrying {@code text} in UTF-8. */
    public static ProtocolViolationCause of(String text) {
        return new ProtocolViolationCause(
                ByteView.of(requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8)));
    }

    /** Returns the additional information decoded as UTF-8, with malformed bytes replaced, for logs. */
    public String text() {
        return new String(additionalInformation.array(), additionalInformation.arrayOffset(),
                          additionalInformation.length(), StandardCharsets.UTF_8);
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public int length() {
        return Tlv.HEADER_SIZE + additionalInformation.length();
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        return Tlv.putOpaque(dst, off, CODE, additionalInformation);
    }
}
