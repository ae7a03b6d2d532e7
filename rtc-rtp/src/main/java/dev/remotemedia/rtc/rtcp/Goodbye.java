package dev.remotemedia.rtc.rtcp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Goodbye (BYE), <a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.6">RFC 3550 §6.6</a>:
 * the sources are leaving, optionally with a reason.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    SC   |   PT=BYE=203  |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           SSRC/CSRC                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :                              ...                              :
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |     length    |               reason for leaving            ...   (opt)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>The reason is padded with zeros to a 32-bit boundary. An empty reason is not written.
 *
 * @param ssrcs up to 31 sources leaving
 * @param reason the reason's UTF-8 bytes, {@code 0..255} of them; empty for none
 */
public record Goodbye(List<Long> ssrcs, ByteView reason) implements RtcpPacket {

    private static final String NAME = "RTCP BYE";

    public Goodbye {
        ssrcs = List.copyOf(ssrcs);
        Checks.checkRange("ssrcs.size()", ssrcs.size(), 0, RtcpHeader.MAX_COUNT);
        ssrcs.forEach(ssrc -> Checks.checkUint32("ssrc", ssrc));
        requireNonNull(reason, "reason");
        Checks.checkRange("reason.length()", reason.length(), 0, 255);
    }

    /** Returns a BYE for {@code ssrcs} with {@code reason} (empty for none) in UTF-8. */
    public static Goodbye of(List<Long> ssrcs, String reason) {
        return new Goodbye(ssrcs, ByteView.of(reason.getBytes(StandardCharsets.UTF_8)));
    }

    /** Returns the reason decoded as UTF-8; empty if none was given. */
    public String reasonText() {
        return new String(reason.array(), reason.arrayOffset(), reason.length(), StandardCharsets.UTF_8);
    }

    /** Parses the BYE that fills {@code buf[off .. off + len)}. */
    public static ParseResult<Goodbye> parse(byte[] buf, int off, int len) {
        final ParseResult<RtcpHeader> header = RtcpHeader.parseSingle(NAME, TYPE_BYE, -1, buf, off, len);
        if (!(header instanceof ParseResult.Ok<RtcpHeader> ok)) {
            return RtcpHeader.failure(header);
        }
        return parseBody(ok.value(), buf);
    }

    static ParseResult<Goodbye> parseBody(RtcpHeader header, byte[] buf) {
        final String error = header.checkBodyLength(NAME + " with " + header.count() + " sources", 4 * header.count());
        if (error != null) {
            return ParseResult.error(error);
        }
        final Long[] ssrcs = new Long[header.count()];
        int pos = header.bodyOffset();
        for (int i = 0; i < ssrcs.length; i++, pos += 4) {
            ssrcs[i] = BigEndian.getUint32(buf, pos);
        }
        final int left = header.bodyOffset() + header.bodyLength() - pos;
        ByteView reason = ByteView.of(buf, pos, 0);
        if (left > 0) {
            final int length = buf[pos] & 0xFF;
            if (length > left - 1) {
                return ParseResult.error(NAME + ": reason of " + length + " bytes (expected: <= " + (left - 1)
                                         + ", what is left of the packet)");
            }
            reason = ByteView.of(buf, pos + 1, length);
        }
        return ParseResult.ok(new Goodbye(List.of(ssrcs), reason));
    }

    @Override
    public int packetType() {
        return TYPE_BYE;
    }

    @Override
    public int serializedSize() {
        final int reasonSize = reason.isEmpty() ? 0 : (1 + reason.length() + 3) & ~3;
        return RtcpHeader.SIZE + 4 * ssrcs.size() + reasonSize;
    }

    @Override
    public int serializeTo(byte[] buf, int off) {
        final int size = serializedSize();
        final int end = Checks.checkDst(buf, off, size);
        int pos = RtcpHeader.write(buf, off, ssrcs.size(), TYPE_BYE, size);
        for (long ssrc : ssrcs) {
            pos = BigEndian.putUint32(buf, pos, ssrc);
        }
        if (!reason.isEmpty()) {
            buf[pos++] = (byte) reason.length();
            pos = reason.copyTo(buf, pos);
            while (pos < end) {
                buf[pos++] = 0;
            }
        }
        return size;
    }
}
