package dev.remotemedia.rtc.rtcp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Source description (SDES), <a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.5">RFC 3550
 * §6.5</a>: for each source, items such as the CNAME that ties its streams together.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    SC   |  PT=SDES=202  |             length            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                          SSRC/CSRC_1                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           SDES items                          |
 * |                              ...                              |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                          SSRC/CSRC_2                          |
 * |                              ...                              |
 *
 * An item; a chunk's items end with a zero byte (END), then zeros up to a 32-bit boundary:
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    type=1     |     length    | user and domain name ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param chunks up to 31 chunks, one per source
 */
public record SourceDescription(List<Chunk> chunks) implements RtcpPacket {

    /** Item type of the canonical end-point identifier, RFC 3550 §6.5.1. */
    public static final int CNAME = 1;
    /** Item type of the user name, RFC 3550 §6.5.2. */
    public static final int NAME = 2;
    /** Item type of the e-mail address, RFC 3550 §6.5.3. */
    public static final int EMAIL = 3;
    /** Item type of the phone number, RFC 3550 §6.5.4. */
    public static final int PHONE = 4;
    /** Item type of the geographic location, RFC 3550 §6.5.5. */
    public static final int LOC = 5;
    /** Item type of the application or tool name, RFC 3550 §6.5.6. */
    public static final int TOOL = 6;
    /** Item type of a notice, RFC 3550 §6.5.7. */
    public static final int NOTE = 7;
    /** Item type of a private extension, RFC 3550 §6.5.8 (its prefix is kept in the value). */
    public static final int PRIV = 8;

    private static final String PACKET_NAME = "RTCP SDES";

    public SourceDescription {
        chunks = List.copyOf(chunks);
        Checks.checkRange("chunks.size()", chunks.size(), 0, RtcpHeader.MAX_COUNT);
    }

    /** Returns an SDES with one chunk: {@code ssrc}'s CNAME. */
    public static SourceDescription ofCname(long ssrc, String cname) {
        return new SourceDescription(List.of(new Chunk(ssrc, List.of(Item.of(CNAME, cname)))));
    }

    /** Returns the CNAME given for {@code ssrc}, or {@code null} if there is none. */
    public @Nullable String cname(long ssrc) {
        for (Chunk chunk : chunks) {
            if (chunk.ssrc() == ssrc) {
                final String cname = chunk.cname();
                if (cname != null) {
                    return cname;
                }
            }
        }
        return null;
    }

    /**
     * The items describing one source.
     *
     * @param ssrc the SSRC or CSRC described
     * @param items the items, in order
     */
    public record Chunk(long ssrc, List<Item> items) {
        public Chunk {
            Checks.checkUint32("ssrc", ssrc);
            items = List.copyOf(items);
        }

        /** Returns the text of the first CNAME item, or {@code null} if there is none. */
        public @Nullable String cname() {
            for (Item item : items) {
                if (item.type() == CNAME) {
                    return item.text();
                }
            }
            return null;
        }

        /** Items, the END byte and the zeros to the next 32-bit boundary. */
        int serializedSize() {
            int size = 4;
            for (Item item : items) {
                size += 2 + item.value().length();
            }
            return (size + 1 + 3) & ~3;
        }
    }

    /**
     * One SDES item.
     *
     * @param type {@code 1..255} (0 is the END marker, not an item)
     * @param value the item's bytes, {@code 0..255} of them; text is UTF-8 (RFC 3550 §6.5)
     */
    public record Item(int type, ByteView value) {
        public Item {
            Checks.checkRange("type", type, 1, 255);
            requireNonNull(value, "value");
            Checks.checkRange("value.length()", value.length(), 0, 255);
        }

        /** Returns an item holding {@code text} in UTF-8. */
        public static Item of(int type, String text) {
            return new Item(type, ByteView.of(text.getBytes(StandardCharsets.UTF_8)));
        }

        /** Returns the value decoded as UTF-8. */
        public String text() {
            return new String(value.array(), value.arrayOffset(), value.length(), StandardCharsets.UTF_8);
        }
    }

    /** Parses the SDES that fills {@code buf[off .. off + len)}. */
    public static ParseResult<SourceDescription> parse(byte[] buf, int off, int len) {
        final ParseResult<RtcpHeader> header = RtcpHeader.parseSingle(PACKET_NAME, TYPE_SDES, -1, buf, off, len);
        if (!(header instanceof ParseResult.Ok<RtcpHeader> ok)) {
            return RtcpHeader.failure(header);
        }
        return parseBody(ok.value(), buf);
    }

    static ParseResult<SourceDescription> parseBody(RtcpHeader header, byte[] buf) {
        final List<Chunk> chunks = new ArrayList<>(header.count());
        final int end = header.bodyOffset() + header.bodyLength();
        int pos = header.bodyOffset();
        for (int c = 0; c < header.count(); c++) {
            final int chunkStart = pos;
            if (end - pos < 8) {
                return ParseResult.error(PACKET_NAME + ": chunk " + (c + 1) + " of " + header.count() + " has "
                                         + Math.max(0, end - pos) + " bytes (expected: >= 8)");
            }
            final long ssrc = BigEndian.getUint32(buf, pos);
            pos += 4;
            final List<Item> items = new ArrayList<>();
            while (true) {
                if (pos >= end) {
                    return ParseResult.error(PACKET_NAME + ": chunk " + (c + 1) + " (SSRC " + ssrc
                                             + ") has no END item");
                }
                final int type = buf[pos] & 0xFF;
                if (type == 0) {
                    pos = chunkStart + ((pos + 1 - chunkStart + 3) & ~3);
                    if (pos > end) {
                        return ParseResult.error(PACKET_NAME + ": chunk " + (c + 1) + " (SSRC " + ssrc
                                                 + ") is not padded to a 32-bit boundary");
                    }
                    break;
                }
                if (end - pos < 2 || (buf[pos + 1] & 0xFF) > end - pos - 2) {
                    return ParseResult.error(PACKET_NAME + ": item type " + type + " in chunk " + (c + 1)
                                             + " runs past the packet");
                }
                final int length = buf[pos + 1] & 0xFF;
                items.add(new Item(type, ByteView.of(buf, pos + 2, length)));
                pos += 2 + length;
            }
            chunks.add(new Chunk(ssrc, Collections.unmodifiableList(items)));
        }
        return ParseResult.ok(new SourceDescription(Collections.unmodifiableList(chunks)));
    }

    @Override
    public int packetType() {
        return TYPE_SDES;
    }

    @Override
    public int serializedSize() {
        int size = RtcpHeader.SIZE;
        for (Chunk chunk : chunks) {
            size += chunk.serializedSize();
        }
        return size;
    }

    @Override
    public int serializeTo(byte[] buf, int off) {
        final int size = serializedSize();
        Checks.checkDst(buf, off, size);
        int pos = RtcpHeader.write(buf, off, chunks.size(), TYPE_SDES, size);
        for (Chunk chunk : chunks) {
            final int chunkEnd = pos + chunk.serializedSize();
            pos = BigEndian.putUint32(buf, pos, chunk.ssrc());
            for (Item item : chunk.items()) {
                buf[pos++] = (byte) item.type();
                buf[pos++] = (byte) item.value().length();
                pos = item.value().copyTo(buf, pos);
            }
            while (pos < chunkEnd) {
                buf[pos++] = 0;
            }
        }
        return size;
    }
}
