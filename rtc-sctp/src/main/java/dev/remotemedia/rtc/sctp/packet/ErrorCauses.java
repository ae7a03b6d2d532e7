package dev.remotemedia.rtc.sctp.packet;

import java.util.List;

/** Parsing and writing lists of {@link ErrorCause}s, for ABORT and ERROR chunks. */
final class ErrorCauses {

    private ErrorCauses() {}

    /** Parses the error causes in {@code buf[off .. off + len)}. */
    static ParseResult<List<ErrorCause>> parseAll(String what, byte[] buf, int off, int len) {
        return Tlv.parseList(what + " error cause", buf, off, len, ErrorCauses::parse);
    }

    /** Parses the cause at {@code buf[off .. off + len)}, {@code len} being its checked length. */
    static ParseResult<? extends ErrorCause> parse(byte[] buf, int off, int len) {
        final int code = (buf[off] & 0xFF) << 8 | buf[off + 1] & 0xFF;
        switch (code) {
            case InvalidStreamIdentifierCause.CODE:
                return InvalidStreamIdentifierCause.parse(buf, off, len);
            case MissingMandatoryParameterCause.CODE:
                return MissingMandatoryParameterCause.parse(buf, off, len);
            case StaleCookieCause.CODE:
                return StaleCookieCause.parse(buf, off, len);
            case OutOfResourceCause.CODE:
                return OutOfResourceCause.parse(buf, off, len);
            case UnrecognizedChunkTypeCause.CODE:
                return UnrecognizedChunkTypeCause.parse(buf, off, len);
            case InvalidMandatoryParameterCause.CODE:
                return InvalidMandatoryParameterCause.parse(buf, off, len);
            case UnrecognizedParametersCause.CODE:
                return UnrecognizedParametersCause.parse(buf, off, len);
            case NoUserDataCause.CODE:
                return NoUserDataCause.parse(buf, off, len);
            case CookieReceivedWhileShuttingDownCause.CODE:
                return CookieReceivedWhileShuttingDownCause.parse(buf, off, len);
            case UserInitiatedAbortCause.CODE:
                return UserInitiatedAbortCause.parse(buf, off, len);
            case ProtocolViolationCause.CODE:
                return ProtocolViolationCause.parse(buf, off, len);
            default:
                return UnknownErrorCause.parse(buf, off, len);
        }
    }

    /** Returns the Length a chunk gives to {@code causes}: every one padded but the last. */
    static int length(List<ErrorCause> causes) {
        if (causes.isEmpty()) {
            return 0;
        }
        int length = 0;
        for (ErrorCause cause : causes) {
            length += cause.serializedSize();
        }
        final ErrorCause last = causes.get(causes.size() - 1);
        return length - last.serializedSize() + last.length();
    }

    /** Writes {@code causes}, each padded, at {@code dst[pos]}; returns the end. */
    static int writeAll(List<ErrorCause> causes, byte[] dst, int pos) {
        for (ErrorCause cause : causes) {
            pos = cause.serializeTo(dst, pos);
        }
        return pos;
    }
}
