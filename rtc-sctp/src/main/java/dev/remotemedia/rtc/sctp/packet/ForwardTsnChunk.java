package dev.remotemedia.rtc.sctp.packet;

import dev.remotemedia.rtc.common.BigEndian;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * FORWARD TSN chunk, <a href="https://www.rfc-editor.org/rfc/rfc3758#section-3.2">RFC 3758
 * §3.2</a>: the sender abandoned the TSNs up to {@code newCumulativeTsn} (partial reliability); the
 * receiver moves its cumulative TSN there and, on each listed ordered stream, stops waiting for
 * messages up to the given SSN.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Type = 192  |  Flags = 0x00 |        Length = Variable      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      New Cumulative TSN                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Stream-1              |       Stream Sequence-1       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               /
 * /                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Stream-N              |       Stream Sequence-N       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param newCumulativeTsn the TSN the receiver should consider received, with all before it
 * @param skippedStreams the ordered streams with skipped messages, and the last SSN skipped on each
 */
public record ForwardTsnChunk(long newCumulativeTsn, List<SkippedStream> skippedStreams)
        implements Chunk {

    public static final int TYPE = 192;
    private static final int FIXED_LENGTH = 8;
    private static final String NAME = "FORWARD TSN chunk";

    /**
     * A stream and the largest SSN skipped on it.
     *
     * @param streamId the stream identifier, {@code 0..65535}
     * @param ssn the stream sequence number, {@code 0..65535}
     */
    public record SkippedStream(int streamId, int ssn) {
        public SkippedStream {
            Tlv.checkUint16("streamId", streamId);
            Tlv.checkUint16("ssn", ssn);
        }
    }

    public ForwardTsnChunk {
        Tlv.checkUint32("newCumulativeTsn", newCumulativeTsn);
        skippedStreams = List.copyOf(skippedStreams);
        Tlv.checkFits(NAME, FIXED_LENGTH + 4 * skippedStreams.size());
    }

    /** Parses the chunk at {@code buf[off .. off + len)}; its Length must be 8 + 4 * streams. */
    public static ParseResult<ForwardTsnChunk> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkChunkHeader(NAME, TYPE, buf, off, len, FIXED_LENGTH, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        final int length = Tlv.lengthField(buf, off);
        if ((length - FIXED_LENGTH) % 4 != 0) {
            return ParseResult.error(NAME + ": length " + length + " (expected: 8 + 4 * streams)");
        }
        final List<SkippedStream> streams = new ArrayList<>((length - FIXED_LENGTH) / 4);
        for (int pos = off + FIXED_LENGTH; pos < off + length; pos += 4) {
            streams.add(new SkippedStream(BigEndian.getUint16(buf, pos), BigEndian.getUint16(buf, pos + 2)));
        }
        return ParseResult.ok(new ForwardTsnChunk(BigEndian.getUint32(buf, off + 4),
                                                  Collections.unmodifiableList(streams)));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int length() {
        return FIXED_LENGTH + 4 * skippedStreams.size();
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        final int end = Tlv.checkDst(dst, off, length());
        int pos = Tlv.putChunkHeader(dst, off, TYPE, 0, length());
        pos = BigEndian.putUint32(dst, pos, newCumulativeTsn);
        for (SkippedStream stream : skippedStreams) {
            pos = BigEndian.putUint16(dst, pos, stream.streamId());
            pos = BigEndian.putUint16(dst, pos, stream.ssn());
        }
        return end;
    }
}
