package dev.remotemedia.rtc.rtp;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.rtp.internal.Checks;

/**
 * The transport-wide sequence number that transport-wide congestion control feedback (see {@code
 * TransportWideFeedback}) reports on, counted across every stream of the transport (<a
 * href="https://datatracker.ietf.org/doc/html/draft-holmer-rmcat-transport-wide-cc-extensions-01#section-2">draft-holmer-rmcat-transport-wide-cc-extensions-01
 * §2</a>). It wraps at 65535; compare with {@code SeqNum16}.
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | L=1   |transport-wide sequence number | zero padding  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * @param sequenceNumber {@code 0..65535}
 */
public record TransportSequenceNumberExtension(int sequenceNumber) implements HeaderExtensionValue {

    /** The {@code a=extmap} URI. */
    public static final String URI =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    /** The size of the element's data. */
    public static final int SIZE = 2;

    public TransportSequenceNumberExtension {
        Checks.checkRange("sequenceNumber", sequenceNumber, 0, 0xFFFF);
    }

    /** Parses an element's data, which must be 2 bytes. */
    public static ParseResult<TransportSequenceNumberExtension> parse(ByteView data) {
        if (data.length() != SIZE) {
            return ParseResult.error("transport-wide-cc extension: " + data.length() + " bytes (expected: 2)");
        }
        return ParseResult.ok(new TransportSequenceNumberExtension(data.getUint16(0)));
    }

    @Override
    public String uri() {
        return URI;
    }

    @Override
    public byte[] toBytes() {
        return new byte[] {(byte) (sequenceNumber >>> 8), (byte) sequenceNumber};
    }
}
