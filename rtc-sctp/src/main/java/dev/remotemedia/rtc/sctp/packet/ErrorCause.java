package dev.remotemedia.rtc.sctp.packet;

/**
 * An error cause of an ERROR or ABORT chunk, <a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.10">RFC 9260 §3.3.10</a>. Codes this
 * package does not model parse as {@link UnknownErrorCause}.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Cause Code           |          Cause Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                    Cause-Specific Information                 /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 */
public sealed interface ErrorCause
        permits InvalidStreamIdentifierCause, MissingMandatoryParameterCause, StaleCookieCause,
                OutOfResourceCause, UnrecognizedChunkTypeCause, InvalidMandatoryParameterCause,
                UnrecognizedParametersCause, NoUserDataCause, CookieReceivedWhileShuttingDownCause,
                UserInitiatedAbortCause, ProtocolViolationCause, UnknownErrorCause {

    /** Returns the Cause Code, {@code 0..65535}. */
    int code();

    /** Returns the Cause Length field: header and value, without padding. */
    int length();

    /** Returns how many bytes {@link #serializeTo} writes: {@link #length()} padded to 4. */
    default int serializedSize() {
        return Tlv.padded(length());
    }

    /**
     * Writes the cause and its zero padding at {@code dst[off]}; returns {@code off +
     * serializedSize()}.
     *
     * @throws IndexOutOfBoundsException before writing anything if it does not fit
     */
    int serializeTo(byte[] dst, int off);
}
