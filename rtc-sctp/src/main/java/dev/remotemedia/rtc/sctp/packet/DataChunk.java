package dev.remotemedia.rtc.sctp.packet;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.common.ByteView;

/**
 * DATA chunk, <a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.1">RFC 9260 §3.3.1</a>:
 * one fragment (or all) of a user message on a stream. Data channel messages carry the PPIDs of
 * {@link Ppid}.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 0    |  Res  |I|U|B|E|            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              TSN                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Stream Identifier S      |   Stream Sequence Number n    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Payload Protocol Identifier                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /                 User Data (seq n of Stream S)                 /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>A DATA chunk without user data parses: the association answers it with an ABORT carrying
 * {@link NoUserDataCause} (§6.2), which it can only do if it sees the chunk. The reserved flag bits
 * are dropped.
 *
 * @param tsn the transmission sequence number, {@code 0..4294967295}
 * @param streamId the stream identifier, {@code 0..65535}
 * @param ssn the stream sequence number, {@code 0..65535}; meaningless when {@code unordered}
 * @param ppid the payload protocol identifier, {@code 0..4294967295} (see {@link Ppid})
 * @param payload the user data; a parsed one shares the input array
 * @param unordered the U bit: deliver without regard to the SSN
 * @param beginning the B bit: the first fragment of a message
 * @param end the E bit: the last fragment of a message
 * @param immediate the I bit (RFC 9260 §3.3.1, from RFC 7053): the sender asks for a SACK at once
 */
public record DataChunk(long tsn, int streamId, int ssn, long ppid, ByteView payload,
                        boolean unordered, boolean beginning, boolean end, boolean immediate)
        implements Chunk {

    public static final int TYPE = 0;
    /** The Length of a DATA chunk without user data. */
    public static final int HEADER_LENGTH = 16;
    static final int FLAG_END = 0x01;
    static final int FLAG_BEGINNING = 0x02;
    static final int FLAG_UNORDERED = 0x04;
    static final int FLAG_IMMEDIATE = 0x08;
    private static final String NAME = "DATA chunk";

    public DataChunk {
        Tlv.checkUint32("tsn", tsn);
        Tlv.checkUint16("streamId", streamId);
        Tlv.checkUint16("ssn", ssn);
        Tlv.checkUint32("ppid", ppid);
        requireNonNull(payload, "payload");
        Tlv.checkFits(NAME, HEADER_LENGTH + payload.length());
    }

    /** Parses the chunk at {@code buf[off .. off + len)}; bytes past its Length are ignored. */
    public static ParseResult<DataChunk> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkChunkHeader(NAME, TYPE, buf, off, len, HEADER_LENGTH, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        final int flags = buf[off + 1];
        final int length = Tlv.lengthField(buf, off);
        return ParseResult.ok(new DataChunk(
                BigEndian.getUint32(buf, off + 4), BigEndian.getUint16(buf, off + 8),
                BigEndian.getUint16(buf, off + 10), BigEndian.getUint32(buf, off + 12),
                ByteView.of(buf, off + HEADER_LENGTH, length - HEADER_LENGTH),
                (flags & FLAG_UNORDERED) != 0, (flags & FLAG_BEGINNING) != 0,
                (flags & FLAG_END) != 0, (flags & FLAG_IMMEDIATE) != 0));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int length() {
        return HEADER_LENGTH + payload.length();
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        final int limit = Tlv.checkDst(dst, off, serializedSize());
        final int flags = (immediate ? FLAG_IMMEDIATE : 0) | (unordered ? FLAG_UNORDERED : 0)
                          | (beginning ? FLAG_BEGINNING : 0) | (end ? FLAG_END : 0);
        int pos = Tlv.putChunkHeader(dst, off, TYPE, flags, length());
        pos = BigEndian.putUint32(dst, pos, tsn);
        pos = BigEndian.putUint16(dst, pos, streamId);
        pos = BigEndian.putUint16(dst, pos, ssn);
        pos = BigEndian.putUint32(dst, pos, ppid);
        pos = payload.copyTo(dst, pos);
        return Tlv.pad(dst, pos, limit);
    }
}
