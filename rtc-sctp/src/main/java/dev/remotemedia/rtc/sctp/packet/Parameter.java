package dev.remotemedia.rtc.sctp.packet;

/**
 * A parameter of an INIT, INIT ACK, HEARTBEAT or RE-CONFIG chunk, <a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.2.1">RFC 9260 §3.2.1</a>. Types this
 * package does not model parse as {@link UnknownParameter}, kept whole so the association can apply
 * the rules of the type's upper two bits (stop or skip, report or not).
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Parameter Type         |       Parameter Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                        Parameter Value                        /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 */
public sealed interface Parameter
        permits HeartbeatInfoParameter, StateCookieParameter, UnrecognizedParameterParameter,
                SupportedExtensionsParameter, ForwardTsnSupportedParameter,
                ZeroChecksumAcceptableParameter, OutgoingSsnResetRequestParameter,
                IncomingSsnResetRequestParameter, ReconfigurationResponseParameter,
                AddOutgoingStreamsRequestParameter, AddIncomingStreamsRequestParameter,
                UnknownParameter {

    /** Returns the Parameter Type, {@code 0..65535}. */
    int type();

    /** Returns the Parameter Length field: header and value, without padding. */
    int length();

    /** Returns how many bytes {@link #serializeTo} writes: {@link #length()} padded to 4. */
    default int serializedSize() {
        return Tlv.padded(length());
    }

    /**
     * Writes the parameter and its zero padding at {@code dst[off]}; returns {@code off +
     * serializedSize()}.
     *
     * @throws IndexOutOfBoundsException before writing anything if it does not fit
     */
    int serializeTo(byte[] dst, int off);
}
