package dev.remotemedia.rtc.sctp.packet;

import dev.remotemedia.rtc.common.BigEndian;

/**
 * Add Outgoing Streams Request parameter of a RE-CONFIG chunk, <a
 * href="https://www.rfc-editor.org/rfc/rfc6525#section-4.5">RFC 6525 §4.5</a>: the sender adds
 * {@code newStreams} outgoing streams (and so the peer as many incoming ones).
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Parameter Type = 17       |      Parameter Length = 12    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Re-configuration Request Sequence Number             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Number of new streams    |         Reserved              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param requestSequenceNumber this request's sequence number, {@code 0..4294967295}
 * @param newStreams how many streams to add, {@code 0..65535}
 */
public record AddOutgoingStreamsRequestParameter(long requestSequenceNumber, int newStreams)
        implements Parameter {

    public static final int TYPE = 17;
    private static final int LENGTH = 12;
    private static final String NAME = "Add Outgoing Streams Request parameter";

    public AddOutgoingStreamsRequestParameter {
        Tlv.checkUint32("requestSequenceNumber", requestSequenceNumber);
        Tlv.checkUint16("newStreams", newStreams);
    }

    /** Parses the parameter at {@code buf[off .. off + len)}; its Length must be 12. */
    public static ParseResult<AddOutgoingStreamsRequestParameter> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, TYPE, buf, off, len, LENGTH, true);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        return ParseResult.ok(new AddOutgoingStreamsRequestParameter(
                BigEndian.getUint32(buf, off + 4), BigEndian.getUint16(buf, off + 8)));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int length() {
        return LENGTH;
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        final int end = Tlv.checkDst(dst, off, LENGTH);
        int pos = Tlv.putHeader(dst, off, TYPE, LENGTH);
        pos = BigEndian.putUint32(dst, pos, requestSequenceNumber);
        pos = BigEndian.putUint16(dst, pos, newStreams);
        return Tlv.pad(dst, pos, end);
    }
}
