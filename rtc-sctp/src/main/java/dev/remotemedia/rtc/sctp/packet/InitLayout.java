package dev.remotemedia.rtc.sctp.packet;

import dev.remotemedia.rtc.common.BigEndian;
import java.util.List;

/** The layout INIT and INIT ACK share (RFC 9260 §3.3.2, §3.3.3): 16 fixed bytes, then parameters. */
final class InitLayout {

    /** The Length of an INIT or INIT ACK without parameters. */
    static final int FIXED_LENGTH = 20;

    /** Makes the chunk from its fields. */
    @FunctionalInterface
    interface Factory<C> {
        C create(long initiateTag, long advertisedReceiverWindowCredit, int outboundStreams,
                 int inboundStreams, long initialTsn, List<Parameter> parameters);
    }

    private InitLayout() {}

    static <C> ParseResult<C> parse(String name, int type, byte[] buf, int off, int len, Factory<C> factory) {
        final String problem = Tlv.checkChunkHeader(name, type, buf, off, len, FIXED_LENGTH, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        final int length = Tlv.lengthField(buf, off);
        final ParseResult<List<Parameter>> parameters =
                Parameters.parseAll(name, buf, off + FIXED_LENGTH, length - FIXED_LENGTH);
        if (parameters instanceof ParseResult.Error<List<Parameter>> error) {
            return error.withContext("");
        }
        return ParseResult.ok(factory.create(
                BigEndian.getUint32(buf, off + 4), BigEndian.getUint32(buf, off + 8),
                BigEndian.getUint16(buf, off + 12), BigEndian.getUint16(buf, off + 14),
                BigEndian.getUint32(buf, off + 16), parameters.orElseThrow()));
    }

    /** Checks the fields a constructor was given; returns {@code parameters}, copied. */
    static List<Parameter> check(String name, long initiateTag, long advertisedReceiverWindowCredit,
                                 int outboundStreams, int inboundStreams, long initialTsn,
                                 List<Parameter> parameters) {
        Tlv.checkUint32("initiateTag", initiateTag);
        Tlv.checkUint32("advertisedReceiverWindowCredit", advertisedReceiverWindowCredit);
        Tlv.checkUint16("outboundStreams", outboundStreams);
        Tlv.checkUint16("inboundStreams", inboundStreams);
        Tlv.checkUint32("initialTsn", initialTsn);
        final List<Parameter> copy = List.copyOf(parameters);
        Tlv.checkFits(name, FIXED_LENGTH + Parameters.length(copy));
        return copy;
    }

    static int serialize(byte[] dst, int off, int type, int length, int size, long initiateTag,
                         long advertisedReceiverWindowCredit, int outboundStreams, int inboundStreams,
                         long initialTsn, List<Parameter> parameters) {
        Tlv.checkDst(dst, off, size);
        int pos = Tlv.putChunkHeader(dst, off, type, 0, length);
        pos = BigEndian.putUint32(dst, pos, initiateTag);
        pos = BigEndian.putUint32(dst, pos, advertisedReceiverWindowCredit);
        pos = BigEndian.putUint16(dst, pos, outboundStreams);
        pos = BigEndian.putUint16(dst, pos, inboundStreams);
        pos = BigEndian.putUint32(dst, pos, initialTsn);
        return Parameters.writeAll(parameters, dst, pos);
    }
}
