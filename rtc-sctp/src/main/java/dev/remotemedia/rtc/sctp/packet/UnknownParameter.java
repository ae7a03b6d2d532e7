package dev.remotemedia.rtc.sctp.packet;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;

/**
 * A parameter of a type this package does not model (IPv4/IPv6 address, Cookie Preservative,
 * Supported Address Types, ...), kept whole. What to do with it depends on the upper two bits of
 * its type, <a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.2.1">RFC 9260 §3.2.1</a>;
 * {@link #stopsProcessing()} and {@link #isReported()} read them.
 *
 * @param type the Parameter Type, {@code 0..65535}
 * @param value the bytes after the header; a parsed one shares the input array
 */
public record UnknownParameter(int type, ByteView value) implements Parameter {

    private static final String NAME = "parameter";

    public UnknownParameter {
        Tlv.checkUint16("type", type);
        requireNonNull(value, "value");
        Tlv.checkFits(NAME, Tlv.HEADER_SIZE + value.length());
    }

    /** Parses the parameter at {@code buf[off .. off + len)}, whatever its type. */
    public static ParseResult<UnknownParameter> parse(byte[] buf, int off, int len) {
        if (len < Tlv.HEADER_SIZE) {
            return ParseResult.error(NAME + ": " + len + " bytes (expected: >= 4, the header)");
        }
        final int type = (buf[off] & 0xFF) << 8 | buf[off + 1] & 0xFF;
        final String problem = Tlv.checkHeader(NAME, type, buf, off, len, Tlv.HEADER_SIZE, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new UnknownParameter(type, Tlv.value(buf, off)));
    }

    /**
     * Returns whether the type's highest bit is 0: the receiver stops processing the chunk's
     * remaining parameters (and, for an INIT, does not set up an association).
     */
    public boolean stopsProcessing() {
        return (type & 0x8000) == 0;
    }

    /** Returns whether the type's second-highest bit is 1: the receiver reports the parameter. */
    public boolean isReported() {
        return (type & 0x4000) != 0;
    }

    @Override
    public int length() {
        return Tlv.HEADER_SIZE + value.length();
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        return Tlv.putOpaque(dst, off, type, value);
    }
}
