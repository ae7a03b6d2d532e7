package dev.remotemedia.rtc.sctp.packet;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;
import java.nio.charset.StandardCharsets;

/**
 * User-Initiated Abort error cause, <a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10.12">RFC 9260 §3.3.10.12</a>: the
 * upper layer aborted the association, optionally saying why.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Cause Code = 12        |          Cause Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                    Upper Layer Abort Reason                   /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param reason the reason, opaque to SCTP; WebRTC stacks send UTF-8 text; a parsed one shares the
 *     input array
 */
public record UserInitiatedAbortCause(ByteView reason) implements ErrorCause {

    public static final int CODE = 12;
    private static final String NAME = "User-Initiated Abort cause";

    public UserInitiatedAbortCause {
        requireNonNull(reason, "reason");
        Tlv.checkFits(NAME, Tlv.HEADER_SIZE + reason.length());
    }

    /** Parses the cause at {@code buf[off .. off + len)}; bytes past its Length are ignored. */
    public static ParseResult<UserInitiatedAbortCause> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, CODE, buf, off, len, Tlv.HEADER_SIZE, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new UserInitiatedAbortCause(Tlv.value(buf, off)));
    }

    /** Returns a cause carrying {@code text} in UTF-8. */
    public static UserInitiatedAbortCause of(String text) {
        return new UserInitiatedAbortCause(
                ByteView.of(requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8)));
    }

    /** Returns the reason decoded as UTF-8, with malformed bytes replaced, for logs. */
    public String text() {
        return new String(reason.array(), reason.arrayOffset(), reason.length(),
                          StandardCharsets.UTF_8);
    }

    @Override
    public int code() {
        return CODE;
    }

    @Override
    public int length() {
        return Tlv.HEADER_SIZE + reason.length();
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        return Tlv.putOpaque(dst, off, CODE, reason);
    }
}
