package dev.remotemedia.rtc.sctp.packet;

import dev.remotemedia.rtc.common.BigEndian;
import java.util.List;

/**
 * Incoming SSN Reset Request parameter of a RE-CONFIG chunk, <a
 * href="https://www.rfc-editor.org/rfc/rfc6525#section-4.2">RFC 6525 §4.2</a>: asks the peer to
 * reset the listed streams in its outgoing direction (it answers with an Outgoing SSN Reset
 * Request).
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Parameter Type = 14       |  Parameter Length = 8 + 2 * N |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Re-configuration Request Sequence Number             |
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
 * @param streamIds the streams to reset; empty means all of them
 */
public record IncomingSsnResetRequestParameter(long requestSequenceNumber, List<Integer> streamIds)
        implements Parameter {

    public static final int TYPE = 14;
    private static final int FIXED_LENGTH = 8;
    private static final String NAME = "Incoming SSN Reset Request parameter";

    public IncomingSsnResetRequestParameter {
        Tlv.checkUint32("requestSequenceNumber", requestSequenceNumber);
        streamIds = Tlv.copyUint16List("streamId", streamIds);
        Tlv.checkFits(NAME, FIXED_LENGTH + 2 * streamIds.size());
    }

    /** Parses the parameter at {@code buf[off .. off + len)}; bytes past its Length are ignored. */
    public static ParseResult<IncomingSsnResetRequestParameter> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, TYPE, buf, off, len, FIXED_LENGTH, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        final int length = Tlv.lengthField(buf, off);
        if (length % 2 != 0) {
            return ParseResult.error(NAME + ": length " + length + " (expected: 8 + 2 * streams)");
        }
        return ParseResult.ok(new IncomingSsnResetRequestParameter(
                BigEndian.getUint32(buf, off + 4), Tlv.uint16List(buf, off + FIXED_LENGTH, off + length)));
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
        pos = Tlv.putUint16List(dst, pos, streamIds);
        return Tlv.pad(dst, pos, end);
    }
}
