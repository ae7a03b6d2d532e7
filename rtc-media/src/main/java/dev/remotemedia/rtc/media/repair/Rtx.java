package dev.remotemedia.rtc.media.repair;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.RtpPacket;

/**
 * The RTP retransmission payload format (RFC 4588, SSRC-multiplexed as WebRTC uses it): a
 * retransmitted packet travels on the RTX stream (its own SSRC, sequence numbers and payload type,
 * associated by {@code a=fmtp:<rtx> apt=<original>}) with the original sequence number (OSN) in
 * the first two bytes of its payload, followed by the original payload. The timestamp, marker,
 * CSRCs and header extensions are the original's (§4); padding is not carried over.
 */
public final class Rtx {
    private Rtx() {}

    /** The size of the original sequence number that prefixes an RTX payload. */
    public static final int OSN_SIZE = 2;

    /** {@code original} as an RTX packet with {@code rtxSsrc}, {@code rtxPayloadType} and {@code rtxSequenceNumber}. */
    public static RtpPacket wrap(RtpPacket original, long rtxSsrc, int rtxPayloadType, int rtxSequenceNumber) {
        final ByteView payload = original.payload();
        final byte[] rtx = new byte[OSN_SIZE + payload.length()];
        rtx[0] = (byte) (original.sequenceNumber() >>> 8);
        rtx[1] = (byte) original.sequenceNumber();
        payload.copyTo(rtx, OSN_SIZE);
        return original.toBuilder()
                       .ssrc(rtxSsrc)
                       .payloadType(rtxPayloadType)
                       .sequenceNumber(rtxSequenceNumber)
                       .payload(rtx)
                       .paddingSize(0)
                       .build();
    }

    /**
     * The original packet an RTX packet carries, on {@code mediaSsrc} with
     * {@code originalPayloadType} (the {@code apt} of the RTX payload type). An RTX packet with no
     * payload at all, or less than an OSN, is refused: a sender may send RTX packets of padding
     * only (bandwidth probes), which carry nothing to repair.
     */
    public static ParseResult<RtpPacket> unwrap(RtpPacket rtx, long mediaSsrc, int originalPayloadType) {
        final ByteView payload = rtx.payload();
        if (payload.length() < OSN_SIZE) {
            return ParseResult.error("RTX packet: " + payload.length() + "-byte payload (expected: a 2-byte original "
                                     + "sequence number and the original payload; padding-only packets carry none)");
        }
        return ParseResult.ok(rtx.toBuilder()
                                 .ssrc(mediaSsrc)
                                 .payloadType(originalPayloadType)
                                 .sequenceNumber(payload.getUint16(0))
                                 .payload(payload.slice(OSN_SIZE, payload.length() - OSN_SIZE))
                                 .paddingSize(0)
                                 .build());
    }
}
