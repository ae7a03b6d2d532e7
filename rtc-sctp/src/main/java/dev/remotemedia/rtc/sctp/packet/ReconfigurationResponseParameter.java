package dev.remotemedia.rtc.sctp.packet;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.common.Nullable;

/**
 * Re-configuration Response parameter of a RE-CONFIG chunk, <a
 * href="https://www.rfc-editor.org/rfc/rfc6525#section-4.4">RFC 6525 §4.4</a>: the outcome of a
 * request. The two next-TSN fields come together or not at all; they answer an SSN/TSN Reset
 * Request.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Parameter Type = 16       |      Parameter Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Re-configuration Response Sequence Number             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            Result                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   Sender's Next TSN (optional)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Receiver's Next TSN (optional)               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param responseSequenceNumber the request sequence number of the request answered
 * @param result the outcome
 * @param nextTsns the optional next-TSN pair, or {@code null}
 */
public record ReconfigurationResponseParameter(long responseSequenceNumber, Result result,
                                               @Nullable NextTsns nextTsns) implements Parameter {

    public static final int TYPE = 16;
    private static final int SHORT_LENGTH = 12;
    private static final int LONG_LENGTH = 20;
    private static final String NAME = "Re-configuration Response parameter";

    /** The Result field, RFC 6525 §4.4. */
    public enum Result {
        SUCCESS_NOTHING_TO_DO(0),
        SUCCESS_PERFORMED(1),
        DENIED(2),
        ERROR_WRONG_SSN(3),
        ERROR_REQUEST_ALREADY_IN_PROGRESS(4),
        ERROR_BAD_SEQUENCE_NUMBER(5),
        IN_PROGRESS(6);

        private final int code;

        Result(int code) {
            this.code = code;
        }

        /** Returns the value on the wire. */
        public int code() {
            return code;
        }

        /** Returns the result with {@code code}, or {@code null} if RFC 6525 defines none. */
        public static @Nullable Result fromCode(long code) {
            final Result[] results = values();
            return code >= 0 && code < results.length ? results[(int) code] : null;
        }
    }

    /** The Sender's and Receiver's Next TSN fields, each {@code 0..4294967295}. */
    public record NextTsns(long sendersNextTsn, long receiversNextTsn) {
        public NextTsns {
            Tlv.checkUint32("sendersNextTsn", sendersNextTsn);
            Tlv.checkUint32("receiversNextTsn", receiversNextTsn);
        }
    }

    public ReconfigurationResponseParameter {
        Tlv.checkUint32("responseSequenceNumber", responseSequenceNumber);
        requireNonNull(result, "result");
    }

    /** Parses the parameter at {@code buf[off .. off + len)}; its Length must be 12 or 20. */
    public static ParseResult<ReconfigurationResponseParameter> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, TYPE, buf, off, len, SHORT_LENGTH, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        final int length = Tlv.lengthField(buf, off);
        if (length != SHORT_LENGTH && length != LONG_LENGTH) {
            return ParseResult.error(NAME + ": length " + length + " (expected: 12 or 20)");
        }
        final long code = BigEndian.getUint32(buf, off + 8);
        final Result result = Result.fromCode(code);
        if (result == null) {
            return ParseResult.error(NAME + ": result " + code + " (expected: 0..6)");
        }
        final NextTsns nextTsns = length == SHORT_LENGTH ? null : new NextTsns(
                BigEndian.getUint32(buf, off + 12), BigEndian.getUint32(buf, off + 16));
        return ParseResult.ok(new ReconfigurationResponseParameter(
                BigEndian.getUint32(buf, off + 4), result, nextTsns));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int length() {
        return nextTsns == null ? SHORT_LENGTH : LONG_LENGTH;
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        final int end = Tlv.checkDst(dst, off, length());
        int pos = Tlv.putHeader(dst, off, TYPE, length());
        pos = BigEndian.putUint32(dst, pos, responseSequenceNumber);
        pos = BigEndian.putUint32(dst, pos, result.code());
        if (nextTsns != null) {
            pos = BigEndian.putUint32(dst, pos, nextTsns.sendersNextTsn());
            pos = BigEndian.putUint32(dst, pos, nextTsns.receiversNextTsn());
        }
        return end;
    }
}
