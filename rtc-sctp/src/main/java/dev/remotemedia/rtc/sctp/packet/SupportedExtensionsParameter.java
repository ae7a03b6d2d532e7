package dev.remotemedia.rtc.sctp.packet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Supported Extensions parameter of an INIT or INIT ACK, <a
 * href="https://www.rfc-editor.org/rfc/rfc5061#section-4.2.7">RFC 5061 §4.2.7</a>: the chunk types
 * beyond RFC 9260 that the sender understands. WebRTC peers list RE-CONFIG (130) and FORWARD TSN
 * (192), and I-DATA (64) and I-FORWARD-TSN (194) where they support message interleaving.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Parameter Type = 0x8008   |      Parameter Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | CHUNK TYPE 1  |  CHUNK TYPE 2 |  CHUNK TYPE 3 |  CHUNK TYPE 4 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | CHUNK TYPE N  |      PAD      |      PAD      |      PAD      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param chunkTypes the chunk types, each {@code 0..255}, in wire order
 */
public record SupportedExtensionsParameter(List<Integer> chunkTypes) implements Parameter {

    public static final int TYPE = 0x8008;
    private static final String NAME = "Supported Extensions parameter";

    public SupportedExtensionsParameter {
        chunkTypes = List.copyOf(chunkTypes);
        chunkTypes.forEach(chunkType -> Tlv.checkUint8("chunkType", chunkType));
        Tlv.checkFits(NAME, Tlv.HEADER_SIZE + chunkTypes.size());
    }

    /** Parses the parameter at {@code buf[off .. off + len)}; bytes past its Length are ignored. */
    public static ParseResult<SupportedExtensionsParameter> parse(byte[] buf, int off, int len) {
        final String problem = Tlv.checkHeader(NAME, TYPE, buf, off, len, Tlv.HEADER_SIZE, false);
        if (problem != null) {
            return ParseResult.error(problem);
        }
        final int end = off + Tlv.lengthField(buf, off);
        final List<Integer> chunkTypes = new ArrayList<>(end - off - Tlv.HEADER_SIZE);
        for (int pos = off + Tlv.HEADER_SIZE; pos < end; pos++) {
            chunkTypes.add(buf[pos] & 0xFF);
        }
        return ParseResult.ok(new SupportedExtensionsParameter(Collections.unmodifiableList(chunkTypes)));
    }

    /** Returns whether {@code chunkType} is listed. */
    public boolean supports(int chunkType) {
        return chunkTypes.contains(chunkType);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int length() {
        return Tlv.HEADER_SIZE + chunkTypes.size();
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        final int end = Tlv.checkDst(dst, off, serializedSize());
        int pos = Tlv.putHeader(dst, off, TYPE, length());
        for (int chunkType : chunkTypes) {
            dst[pos++] = (byte) chunkType;
        }
        return Tlv.pad(dst, pos, end);
    }
}
