package dev.remotemedia.rtc.rtcp;

/**
 * One RTCP packet of a compound packet (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6">RFC
 * 3550 §6</a>); {@link RtcpCompound} parses and writes them. Each is an immutable record with a
 * {@code parse(byte[], int, int)} for a single packet, which never throws on malformed input.
 */
public sealed interface RtcpPacket
        permits SenderReport, ReceiverReport, SourceDescription, Goodbye, GenericNack,
                PictureLossIndication, FullIntraRequest, Remb, TransportWideFeedback, UnknownRtcp {

    /** Sender report, RFC 3550 §6.4.1. */
    int TYPE_SR = 200;
    /** Receiver report, RFC 3550 §6.4.2. */
    int TYPE_RR = 201;
    /** Source description, RFC 3550 §6.5. */
    int TYPE_SDES = 202;
    /** Goodbye, RFC 3550 §6.6. */
    int TYPE_BYE = 203;
    /** Application-defined, RFC 3550 §6.7. */
    int TYPE_APP = 204;
    /** Transport-layer feedback, RFC 4585 §6.2. */
    int TYPE_RTPFB = 205;
    /** Payload-specific feedback, RFC 4585 §6.3. */
    int TYPE_PSFB = 206;
    /** Extended report, RFC 3611. */
    int TYPE_XR = 207;

    /** Returns the packet type (PT) field. */
    int packetType();

    /** Returns the size on the wire, a multiple of 4. */
    int serializedSize();

    /** Writes the packet at {@code buf[off]}; returns the number of bytes written. */
    int serializeTo(byte[] buf, int off);

    /** Returns the packet as a new array. */
    default byte[] toByteArray() {
        final byte[] bytes = new byte[serializedSize()];
        serializeTo(bytes, 0);
        return bytes;
    }
}
