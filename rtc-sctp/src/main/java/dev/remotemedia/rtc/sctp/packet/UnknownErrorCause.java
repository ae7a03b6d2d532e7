package dev.remotemedia.rtc.sctp.packet;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;

/**
 * An error cause of a code this package does not model (Unresolvable Address, Restart of an
 * Association with New Addresses, or codes from other RFCs), kept whole. See <a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10">RFC 9260 §3.3.10</a>.
 *
 * @param code the Cause Code, {@code 0..65535}
 * @param value the bytes after the header; a parsed one shares the input array
 */
public record UnknownErrorCause(int code, ByteView value) implements ErrorCause {

    private static final String NAME = "error cause";

    public UnknownErrorCause {
        Tlv.checkUint16("code", code);
        requireNonNull(value, "value");
        Tlv.checkFits(NAME, Tlv.HEADER_SIZE + value.length());
    }

    /** Parses the cause at {@code buf[off .. off + len)}, whatever its code. */
    public static ParseResult<UnknownErrorCause> parse(byte[] buf, int off, int len) {
        if (len < Tlv.HEADER_SIZE) {
            return ParseResult.error(NAME + ": " + len + " bytes (expected: >= 4, the header)");
        }
        final int code = (buf[off] & 0xFF) << 8 | buf[off + 1] & 0xFF;
        final String problem = Tlv.checkHeader(NAME, code, buf, off, len, Tlv.HEADER_SIZE, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new UnknownErrorCause(code, Tlv.value(buf, off)));
    }

    @Override
    public int length() {
        return Tlv.HEADER_SIZE + value.length();
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        return Tlv.putOpaque(dst, off, code, value);
    }
}
