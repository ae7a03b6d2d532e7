package dev.remotemedia.rtc.rtp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.rtp.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An RTP packet, <a href="https://www.rfc-editor.org/rfc/rfc3550#section-5.1">RFC 3550 §5.1</a>,
 * with the header extensions of <a href="https://www.rfc-editor.org/rfc/rfc8285">RFC 8285</a>.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      header extension (X = 1), see HeaderExtensions           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            payload                            |
 * |                               +-------------------------------+
 * |                               | padding (P = 1) ...   | count |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>Parsing copies nothing: {@link #payload()} and the extension data are views of the input
 * array, so the caller must not reuse it while the packet is in use. The padding is not part of the
 * payload; its size is kept so a packet writes back as it came. Sequence numbers and timestamps
 * wrap: compare them with {@code SeqNum16} and {@code SeqNum32} of rtc-common.
 *
 * @param marker the M bit
 * @param payloadType {@code 0..127}
 * @param sequenceNumber {@code 0..65535}
 * @param timestamp {@code 0..4294967295}, in the payload format's clock
 * @param ssrc {@code 0..4294967295}
 * @param csrcs up to 15 contributing sources
 * @param extensions the header extension block, or {@code null} if the X bit is clear
 * @param payload the payload without padding
 * @param paddingSize how many bytes of padding follow the payload, counting the final count byte
 *     ({@code 0} for none, {@code 1..255})
 */
public record RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
                        List<Long> csrcs, @Nullable HeaderExtensions extensions, ByteView payload,
                        int paddingSize) {

    /** The RTP version this stack speaks. */
    public static final int VERSION = 2;
    /** The size of the fixed header, without CSRCs or extensions. */
    public static final int FIXED_HEADER_SIZE = 12;
    /** How many CSRCs the 4-bit CC field can count. */
    public static final int MAX_CSRCS = 15;

    private static final String NAME = "RTP packet: ";

    public RtpPacket {
        Checks.checkRange("payloadType", payloadType, 0, 127);
        Checks.checkRange("sequenceNumber", sequenceNumber, 0, 0xFFFF);
        Checks.checkUint32("timestamp", timestamp);
        Checks.checkUint32("ssrc", ssrc);
        csrcs = List.copyOf(csrcs);
        if (csrcs.size() > MAX_CSRCS) {
            throw new IllegalArgumentException("csrcs: " + csrcs.size() + " (expected: 0.." + MAX_CSRCS + ')');
        }
        csrcs.forEach(csrc -> Checks.checkUint32("csrc", csrc));
        requireNonNull(payload, "payload");
        Checks.checkRange("paddingSize", paddingSize, 0, 255);
    }

    /** Returns a builder for a packet with no fields set (payload type 0, empty payload). */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder holding this packet's fields, to make a changed copy. */
    public Builder toBuilder() {
        final Builder builder = new Builder()
                .marker(marker).payloadType(payloadType).sequenceNumber(sequenceNumber)
                .timestamp(timestamp).ssrc(ssrc).csrcs(csrcs).payload(payload).paddingSize(paddingSize);
        if (extensions != null) {
            if (extensions.isOneByteForm() || extensions.isTwoByteForm()) {
                extensions.elements().forEach(builder::extension);
            } else {
                builder.rawExtensions = extensions;
            }
        }
        return builder;
    }

    /**
     * Parses the packet that fills {@code buf[off .. off + len)}. Errors: shorter than its headers,
     * a version other than 2, a CSRC list or extension block past the end, a truncated extension
     * element, a padding count of zero or larger than what follows the headers. The payload type
     * is not checked: on a port shared with RTCP, tell the two apart first with {@link
     * RtpHeader#isRtcp}.
     */
    public static ParseResult<RtpPacket> parse(byte[] buf, int off, int len) {
        Checks.checkSrc(buf, off, len);
        if (len < FIXED_HEADER_SIZE) {
            return ParseResult.error(NAME + len + " bytes (expected: >= " + FIXED_HEADER_SIZE + ')');
        }
        final int first = buf[off] & 0xFF;
        final int version = first >>> 6;
        if (version != VERSION) {
            return ParseResult.error(NAME + "version " + version + " (expected: 2)");
        }
        final boolean hasPadding = (first & 0x20) != 0;
        final boolean hasExtension = (first & 0x10) != 0;
        final int csrcCount = first & 0x0F;
        int pos = off + FIXED_HEADER_SIZE;
        final int end = off + len;
        if (csrcCount * 4 > end - pos) {
            return ParseResult.error(NAME + len + " bytes (expected: >= " + (FIXED_HEADER_SIZE + 4 * csrcCount)
                                     + " for " + csrcCount + " CSRCs)");
        }
        final List<Long> csrcs;
        if (csrcCount == 0) {
            csrcs = List.of();
        } else {
            final List<Long> list = new ArrayList<>(csrcCount);
            for (int i = 0; i < csrcCount; i++, pos += 4) {
                list.add(BigEndian.getUint32(buf, pos));
            }
            csrcs = Collections.unmodifiableList(list);
        }
        HeaderExtensions extensions = null;
        if (hasExtension) {
            final ParseResult<HeaderExtensions> result = HeaderExtensions.parse(buf, pos, end - pos);
            if (result instanceof ParseResult.Error<HeaderExtensions> error) {
                return ParseResult.error(NAME + error.message());
            }
            extensions = result.valueOrNull();
            // The wire length, not serializedSize(): a parsed block may be padded differently.
            pos += 4 + 4 * BigEndian.getUint16(buf, pos + 2);
        }
        int paddingSize = 0;
        if (hasPadding) {
            if (pos == end) {
                return ParseResult.error(NAME + "padding bit set but no byte after the header");
            }
            paddingSize = buf[end - 1] & 0xFF;
            if (paddingSize == 0 || paddingSize > end - pos) {
                return ParseResult.error(NAME + "padding count " + paddingSize + " (expected: 1.." + (end - pos)
                                         + ", the bytes after the header)");
            }
        }
        return ParseResult.ok(new RtpPacket(
                (buf[off + 1] & 0x80) != 0, buf[off + 1] & 0x7F, BigEndian.getUint16(buf, off + 2),
                BigEndian.getUint32(buf, off + 4), BigEndian.getUint32(buf, off + 8), csrcs, extensions,
                ByteView.of(buf, pos, end - pos - paddingSize), paddingSize));
    }

    /** Returns the data of header extension {@code id}, or {@code null} if the packet has none. */
    public @Nullable ByteView extension(int id) {
        return extensions == null ? null : extensions.find(id);
    }

    /** Returns the size of the header: fixed part, CSRCs and extension block. */
    public int headerSize() {
        return FIXED_HEADER_SIZE + 4 * csrcs.size() + (extensions == null ? 0 : extensions.serializedSize());
    }

    /** Returns the size on the wire: header, payload and padding. */
    public int serializedSize() {
        return headerSize() + payload.length() + paddingSize;
    }

    /** Writes the packet at {@code buf[off]}; returns the number of bytes written. */
    public int serializeTo(byte[] buf, int off) {
        final int size = serializedSize();
        final int end = Checks.checkDst(buf, off, size);
        buf[off] = (byte) (VERSION << 6 | (paddingSize > 0 ? 0x20 : 0) | (extensions != null ? 0x10 : 0)
                           | csrcs.size());
        buf[off + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        int pos = BigEndian.putUint16(buf, off + 2, sequenceNumber);
        pos = BigEndian.putUint32(buf, pos, timestamp);
        pos = BigEndian.putUint32(buf, pos, ssrc);
        for (long csrc : csrcs) {
            pos = BigEndian.putUint32(buf, pos, csrc);
        }
        if (extensions != null) {
            pos += extensions.serializeTo(buf, pos);
        }
        pos = payload.copyTo(buf, pos);
        if (paddingSize > 0) {
            while (pos < end - 1) {
                buf[pos++] = 0;
            }
            buf[pos] = (byte) paddingSize;
        }
        return size;
    }

    /** Returns the packet as a new array. */
    public byte[] toByteArray() {
        final byte[] bytes = new byte[serializedSize()];
        serializeTo(bytes, 0);
        return bytes;
    }

    /** Builds an {@link RtpPacket}; header extensions go in the one-byte form when they all fit it. */
    public static final class Builder {
        private boolean marker;
        private int payloadType;
        private int sequenceNumber;
        private long timestamp;
        private long ssrc;
        private List<Long> csrcs = List.of();
        private final List<HeaderExtension> extensions = new ArrayList<>();
        private @Nullable HeaderExtensions rawExtensions;
        private ByteView payload = ByteView.of(new byte[0]);
        private int paddingSize;

        private Builder() {}

        public Builder marker(boolean marker) {
            this.marker = marker;
            return this;
        }

        public Builder payloadType(int payloadType) {
            this.payloadType = payloadType;
            return this;
        }

        public Builder sequenceNumber(int sequenceNumber) {
            this.sequenceNumber = sequenceNumber;
            return this;
        }

        public Builder timestamp(long timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder ssrc(long ssrc) {
            this.ssrc = ssrc;
            return this;
        }

        public Builder csrcs(List<Long> csrcs) {
            this.csrcs = List.copyOf(csrcs);
            return this;
        }

        /** Sets header extension {@code element.id()}, replacing one with the same id. */
        public Builder extension(HeaderExtension element) {
            requireNonNull(element, "element");
            rawExtensions = null;
            extensions.removeIf(existing -> existing.id() == element.id());
            extensions.add(element);
            return this;
        }

        /** Sets header extension {@code id} to a copy of {@code data}, replacing one with the same id. */
        public Builder extension(int id, byte[] data) {
            return extension(HeaderExtension.of(id, data));
        }

        /** Removes header extension {@code id}, if set. */
        public Builder removeExtension(int id) {
            extensions.removeIf(existing -> existing.id() == id);
            return this;
        }

        /** Sets the whole extension block (any form), replacing the elements set so far. */
        public Builder extensions(@Nullable HeaderExtensions block) {
            extensions.clear();
            rawExtensions = null;
            if (block != null) {
                if (block.isOneByteForm() || block.isTwoByteForm()) {
                    extensions.addAll(block.elements());
                } else {
                    rawExtensions = block;
                }
            }
            return this;
        }

        /** Sets the payload to {@code payload}, shared, not copied. */
        public Builder payload(ByteView payload) {
            this.payload = requireNonNull(payload, "payload");
            return this;
        }

        /** Sets the payload to a view of {@code payload}, shared, not copied. */
        public Builder payload(byte[] payload) {
            return payload(ByteView.of(payload));
        }

        public Builder paddingSize(int paddingSize) {
            this.paddingSize = paddingSize;
            return this;
        }

        /**
         * Returns the packet.
         *
         * @throws IllegalArgumentException if a field is out of range
         */
        public RtpPacket build() {
            final HeaderExtensions block = rawExtensions != null ? rawExtensions
                    : extensions.isEmpty() ? null : HeaderExtensions.of(extensions);
            return new RtpPacket(marker, payloadType, sequenceNumber, timestamp, ssrc, csrcs, block, payload,
                                 paddingSize);
        }
    }
}
