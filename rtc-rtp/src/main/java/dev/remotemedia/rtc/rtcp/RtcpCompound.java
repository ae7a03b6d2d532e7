package dev.remotemedia.rtc.rtcp;

import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A compound RTCP packet, <a href="https://www.rfc-editor.org/rfc/rfc3550#section-6.1">RFC 3550
 * §6.1</a>: RTCP packets back to back in one datagram, each with its own header and length.
 *
 * <p>Parsing accepts any first packet, so reduced-size RTCP (<a
 * href="https://www.rfc-editor.org/rfc/rfc5506">RFC 5506</a>: a lone feedback message with no SR
 * or RR before it) parses like a full compound. Every length must land inside the datagram and
 * the packets must fill it exactly; a packet that does not parse makes the whole compound an
 * error, to be dropped and counted. APP, XR and any other type not modelled here come back as
 * {@link UnknownRtcp}.
 */
public final class RtcpCompound {

    private RtcpCompound() {}

    /** Parses the compound packet that fills {@code buf[off .. off + len)}; parsed packets share {@code buf}. */
    public static ParseResult<List<RtcpPacket>> parse(byte[] buf, int off, int len) {
        Checks.checkSrc(buf, off, len);
        if (len == 0) {
            return ParseResult.error("RTCP compound packet: empty");
        }
        final List<RtcpPacket> packets = new ArrayList<>(4);
        int pos = off;
        final int end = off + len;
        while (pos < end) {
            final ParseResult<RtcpHeader> headerResult = RtcpHeader.parse(buf, pos, end - pos);
            if (!(headerResult instanceof ParseResult.Ok<RtcpHeader> ok)) {
                return ParseResult.error("RTCP compound packet: at byte " + (pos - off) + ": "
                                         + headerResult.errorOrNull());
            }
            final RtcpHeader header = ok.value();
            final ParseResult<? extends RtcpPacket> packet = parseOne(header, buf);
            if (!(packet instanceof ParseResult.Ok<? extends RtcpPacket> parsed)) {
                return ParseResult.error("RTCP compound packet: at byte " + (pos - off) + ": " + packet.errorOrNull());
            }
            packets.add(parsed.value());
            pos += header.packetLength();
        }
        return ParseResult.ok(Collections.unmodifiableList(packets));
    }

    private static ParseResult<? extends RtcpPacket> parseOne(RtcpHeader header, byte[] buf) {
        switch (header.packetType()) {
            case RtcpPacket.TYPE_SR:
                return SenderReport.parseBody(header, buf);
            case RtcpPacket.TYPE_RR:
                return ReceiverReport.parseBody(header, buf);
            case RtcpPacket.TYPE_SDES:
                return SourceDescription.parseBody(header, buf);
            case RtcpPacket.TYPE_BYE:
                return Goodbye.parseBody(header, buf);
            case RtcpPacket.TYPE_RTPFB:
                if (header.count() == GenericNack.FMT) {
                    return GenericNack.parseBody(header, buf);
                }
                if (header.count() == TransportWideFeedback.FMT) {
                    return TransportWideFeedback.parseBody(header, buf);
                }
                break;
            case RtcpPacket.TYPE_PSFB:
                if (header.count() == PictureLossIndication.FMT) {
                    return PictureLossIndication.parseBody(header, buf);
                }
                if (header.count() == FullIntraRequest.FMT) {
                    return FullIntraRequest.parseBody(header, buf);
                }
                if (header.count() == Remb.FMT && Remb.isRemb(header, buf)) {
                    return Remb.parseBody(header, buf);
                }
                break;
            default:
                break;
        }
        return ParseResult.ok(UnknownRtcp.of(header, buf));
    }

    /** Returns the size of {@code packets} written back to back. */
    public static int serializedSize(List<? extends RtcpPacket> packets) {
        int size = 0;
        for (RtcpPacket packet : packets) {
            size += packet.serializedSize();
        }
        return size;
    }

    /** Writes {@code packets} back to back at {@code buf[off]}; returns the number of bytes written. */
    public static int serializeTo(List<? extends RtcpPacket> packets, byte[] buf, int off) {
        Checks.checkDst(buf, off, serializedSize(packets));
        int pos = off;
        for (RtcpPacket packet : packets) {
            pos += packet.serializeTo(buf, pos);
        }
        return pos - off;
    }

    /** Returns {@code packets} written back to back in a new array. */
    public static byte[] serialize(List<? extends RtcpPacket> packets) {
        final byte[] bytes = new byte[serializedSize(packets)];
        serializeTo(packets, bytes, 0);
        return bytes;
    }
}
