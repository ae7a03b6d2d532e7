package dev.remotemedia.rtc.sctp.packet;

import dev.remotemedia.rtc.common.BigEndian;
import java.util.List;

/**
 * Outgoing SSN Reset Request parameter of a RE-CONFIG chunk, <a
 * href="https://www.rfc-editor.org/rfc/rfc6525#section-4.1">RFC 6525 §4.1</a>: the sender will
 * restart the listed outgoing streams at SSN 0 once the peer has received every TSN up to {@code
 * sendersLastAssignedTsn}. Closing a data channel resets its stream this way (RFC 8831 §6.7).
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Parameter Type = 13       | Parameter Length = 16 + 2 * N |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Re-configuration Request Sequence Number            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Re-configuration Response Sequence Number           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Sender's Last Assigned TSN                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Stream Number 1 (optional)   |    Stream Number 2 (optional) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                            ......                             /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Stream Number N-1 (optional) |    Stream Number N (optional) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param requestSequenceNumber this request's sequence number, {@code 0..4294967295}
 * @param responseSequenceNumber the sequence number of the Incoming SSN Reset Request this answers,
 *     if any; otherwise the sender's last received request sequence number minus one (§4.1)
 * @param sendersLastAssignedTsn the last TSN the sender assigned
 * @param streamIds the streams to reset; empty means all of them
 */
public record OutgoingSsnResetRequestParameter(long requestSequenceNumber, long responseSequenceNumber,
                                               long sendersLastAssignedTsn, List<Integer> streamIds)
        implements Parameter {

    public static final int TYPE = 13;
    private static final int FIXED_LENGTH = 16;
    private static final String NAME = "Outgoing SSN Reset Request parameter";

    public OutgoingSsnResetRequestParameter {
        Tlv.checkUint32("requestSequenceNumber", requestSequenceNumber);
        Tlv.checkUint32("responseSequenceNumber", responseSequenceNumber);
        Tlv.checkUint32("sendersLastAssignedTsn", sendersLastAssignedTsn);
        streamIds = Tlv.copyUint16List("streamId", streamIds);
        Tlv.checkFits(NAME, FIXED_LENGTH + 2 * streamIds.size());
    }

    /** Parses the parameter at {@code buf[off .. off + len)}; bytes past its Length are ignored. */
    public static ParseResult<OutgoingSsnResetRequestParameter> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, TYPE, buf, off, len, FIXED_LENGTH, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        final int length = Tlv.lengthField(buf, off);
        if (length % 2 != 0) {
            return ParseResult.error(NAME + ": length " + length + " (expected: 16 + 2 * streams)");
        }
        return ParseResult.ok(new OutgoingSsnResetRequestParameter(
                BigEndian.getUint32(buf, off + 4), BigEndian.getUint32(buf, off + 8),
                BigEndian.getUint32(buf, off + 12), Tlv.uint16List(buf, off + FIXED_LENGTH, off + length)));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int length() {
        return FIXED_LENGTH + 2 * streamIds.size();
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        final int end = Tlv.checkDst(dst, off, serializedSize());
        int pos = Tlv.putHeader(dst, off, TYPE, length());
        pos = BigEndian.putUint32(dst, pos, requestSequenceNumber);
        pos = BigEndian.putUint32(dst, pos, responseSequenceNumber);
        pos = BigEndian.putUint32(dst, pos, sendersLastAssignedTsn);
        pos = Tlv.putUint16List(dst, pos, streamIds);
        return Tlv.pad(dst, pos, end);
    }
}
