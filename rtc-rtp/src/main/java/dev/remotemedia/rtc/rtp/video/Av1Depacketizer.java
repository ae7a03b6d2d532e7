package dev.remotemedia.rtc.rtp.video;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.rtp.ParseResult;
import java.util.List;

/**
 * Depacketizes AV1 (<a href="https://aomediacodec.github.io/av1-rtp-spec/">AV1 RTP
 * specification</a> §4.4 to §5): joins OBU elements continued across packets (Y, Z), and writes
 * each OBU back in the low overhead bitstream format with its size field; temporal delimiters and
 * tile lists are ignored (§5). A packet starts a temporal unit when its first element is not a
 * continuation and is a sequence header, frame header, metadata or frame OBU; it starts a keyframe
 * when N = 1 or it carries a sequence header.
 */
public final class Av1Depacketizer implements VideoDepacketizer {

    private static final String NAME = "AV1 payload: ";

    /** Receives the OBU elements of a payload; returns an error message, or null to go on. */
    private interface ElementSink {
        @Nullable String element(int index, boolean last, byte[] buf, int off, int len);
    }

    @Override
    public ParseResult<PayloadInfo> inspect(ByteView payload) {
        requireNonNull(payload, "payload");
        if (payload.isEmpty()) {
            return ParseResult.error(NAME + "empty (expected: the aggregation header and an OBU element)");
        }
        final Av1AggregationHeader header = Av1AggregationHeader.of(payload.getUint8(0));
        final boolean[] info = new boolean[2]; // start, sequence header
        final String error = forEachElement(payload, header, (index, last, buf, off, len) -> {
            final boolean whole = index > 0 || !header.continuation();
            final int type = Av1Obu.type(buf[off]);
            if (index == 0 && whole) {
                info[0] = type == Av1Obu.SEQUENCE_HEADER || type == Av1Obu.FRAME_HEADER
                          || type == Av1Obu.METADATA || type == Av1Obu.FRAME;
            }
            info[1] |= whole && type == Av1Obu.SEQUENCE_HEADER;
            return null;
        });
        if (error != null) {
            return ParseResult.error(error);
        }
        return ParseResult.ok(new PayloadInfo(info[0], info[0] && (header.newCodedVideoSequence() || info[1])));
    }

    @Override
    public ParseResult<byte[]> assemble(List<ByteView> payloads, int maxFrameSize) {
        requireNonNull(payloads, "payloads");
        if (payloads.isEmpty()) {
            return ParseResult.error(NAME + "no payloads (expected: the packets of one temporal unit)");
        }
        final String tooLarge = NAME + "temporal unit larger than " + maxFrameSize + " bytes (the maximum frame size)";
        final FrameWriter out = new FrameWriter(maxFrameSize);
        final FrameWriter[] pending = new FrameWriter[1];
        for (ByteView payload : payloads) {
            if (payload.isEmpty()) {
                return ParseResult.error(NAME + "empty (expected: the aggregation header and an OBU element)");
            }
            final Av1AggregationHeader header = Av1AggregationHeader.of(payload.getUint8(0));
            if (header.continuation() != (pending[0] != null)) {
                return ParseResult.error(NAME + (header.continuation()
                        ? "Z=1 but no OBU element to continue (expected: Z=0 after Y=0 or at a temporal unit's start)"
                        : "Z=0 after a packet with Y=1 (expected: the continuation of its last OBU element)"));
            }
            final String error = forEachElement(payload, header, (index, last, buf, off, len) -> {
                if (index == 0 && header.continuation()) {
                    if (!pending[0].write(buf, off, len)) {
                        return tooLarge;
                    }
                } else {
                    pending[0] = new FrameWriter(maxFrameSize);
                    if (!pending[0].write(buf, off, len)) {
                        return tooLarge;
                    }
                }
                if (last && header.continues()) {
                    return null;
                }
                final byte[] element = pending[0].toByteArray();
                pending[0] = null;
                return writeObu(element, out, tooLarge);
            });
            if (error != null) {
                return ParseResult.error(error);
            }
        }
        if (pending[0] != null) {
            return ParseResult.error(NAME + "the last packet has Y=1 (expected: Y=0, the temporal unit's end)");
        }
        return ParseResult.ok(out.toByteArray());
    }

    /** Writes OBU element {@code element} with its size field, unless the type is to be ignored. */
    private static @Nullable String writeObu(byte[] element, FrameWriter out, String tooLarge) {
        final int header = element[0] & 0xFF;
        if ((header & 0x80) != 0) {
            return NAME + "OBU header with the forbidden bit set";
        }
        final int headerSize = (header & Av1Obu.HAS_EXTENSION) != 0 ? 2 : 1;
        if (element.length < headerSize) {
            return NAME + "OBU of 1 byte with an extension flag (expected: the extension byte)";
        }
        final int type = Av1Obu.type(header);
        if (type == Av1Obu.TEMPORAL_DELIMITER || type == Av1Obu.TILE_LIST) {
            return null;
        }
        int payloadStart = headerSize;
        int payloadSize = element.length - headerSize;
        if ((header & Av1Obu.HAS_SIZE) != 0) {
            // Allowed though discouraged (§5): trust it only within the element.
            final long read = Leb128.read(element, headerSize, element.length);
            if (read == Leb128.INVALID || Leb128.value(read) > element.length - headerSize - Leb128.length(read)) {
                return NAME + "OBU size field past the end of its element";
            }
            payloadStart += Leb128.length(read);
            payloadSize = (int) Leb128.value(read);
        }
        final byte[] prefix = new byte[headerSize + Leb128.MAX_BYTES];
        prefix[0] = (byte) (header | Av1Obu.HAS_SIZE);
        if (headerSize == 2) {
            prefix[1] = element[1];
        }
        final int prefixSize = Leb128.write(prefix, headerSize, payloadSize);
        if (!out.write(prefix, 0, prefixSize) || !out.write(element, payloadStart, payloadSize)) {
            return tooLarge;
        }
        return null;
    }

    /** Walks the OBU elements of {@code payload}; returns the first error, or null. */
    private static @Nullable String forEachElement(ByteView payload, Av1AggregationHeader header, ElementSink sink) {
        final byte[] buf = payload.array();
        final int end = payload.arrayOffset() + payload.length();
        int pos = payload.arrayOffset() + 1;
        if (pos == end) {
            return NAME + "no OBU element after the aggregation header";
        }
        int index = 0;
        for (; pos < end; index++) {
            final boolean last = header.elementCount() != 0 && index == header.elementCount() - 1;
            final int len;
            if (last) {
                len = end - pos;
            } else {
                final long read = Leb128.read(buf, pos, end);
                if (read == Leb128.INVALID) {
                    return NAME + "OBU element " + index + " has a malformed length (expected: LEB128 of at most "
                           + Leb128.MAX_BYTES + " bytes, below 2^32, within the payload)";
                }
                pos += Leb128.length(read);
                if (Leb128.value(read) == 0 || Leb128.value(read) > end - pos) {
                    return NAME + "OBU element " + index + " of " + Leb128.value(read) + " bytes (expected: 1.."
                           + (end - pos) + ", the bytes left)";
                }
                len = (int) Leb128.value(read);
            }
            final String error = sink.element(index, last || pos + len == end, buf, pos, len);
            if (error != null) {
                return error;
            }
            pos += len;
            if (last) {
                index++;
                break;
            }
        }
        if (header.elementCount() != 0 && index != header.elementCount()) {
            return NAME + "W=" + header.elementCount() + " but " + index + " OBU element(s) (expected: "
                   + header.elementCount() + ')';
        }
        return null;
    }
}
