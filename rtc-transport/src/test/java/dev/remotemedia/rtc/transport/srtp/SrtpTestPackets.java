package dev.remotemedia.rtc.transport.srtp;

import java.util.HexFormat;

/** Packets for the SRTP tests, each in an array with {@link SrtpSession#MAX_OVERHEAD} to spare. */
final class SrtpTestPackets {

    private SrtpTestPackets() {}

    /** An RTP packet: version 2, payload type 111, the given SSRC and sequence number. */
    static byte[] rtp(int ssrc, int seq, int payloadLength) {
        final byte[] packet = new byte[12 + payloadLength + SrtpSession.MAX_OVERHEAD];
        packet[0] = (byte) 0x80;
        packet[1] = 111;
        packet[2] = (byte) (seq >>> 8);
        packet[3] = (byte) seq;
        writeInt(packet, 4, seq * 960);
        writeInt(packet, 8, ssrc);
        for (int i = 0; i < payloadLength; i++) {
            packet[12 + i] = (byte) (seq + i);
        }
        return packet;
    }

    /** An RTCP sender report (RFC 3550 §6.4.1) with no report blocks, 28 bytes. */
    static byte[] senderReport(int ssrc, int rtpTimestamp) {
        final byte[] packet = new byte[28 + SrtpSession.MAX_OVERHEAD];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) 200;
        packet[3] = 6; // length in 32-bit words minus one
        writeInt(packet, 4, ssrc);
        writeInt(packet, 8, 0xE8A4_0000);
        writeInt(packet, 12, 0x1234_5678);
        writeInt(packet, 16, rtpTimestamp);
        writeInt(packet, 20, 50);
        writeInt(packet, 24, 8000);
        return packet;
    }

    /** The bytes of {@code hex}, ignoring whitespace: RFCs print their vectors in groups. */
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    /** {@code bytes} in an array with {@link SrtpSession#MAX_OVERHEAD} to spare. */
    static byte[] withRoom(byte[] bytes) {
        final byte[] packet = new byte[bytes.length + SrtpSession.MAX_OVERHEAD];
        System.arraycopy(bytes, 0, packet, 0, bytes.length);
        return packet;
    }

    static void writeInt(byte[] buf, int at, int value) {
        buf[at] = (byte) (value >>> 24);
        buf[at + 1] = (byte) (value >>> 16);
        buf[at + 2] = (byte) (value >>> 8);
        buf[at + 3] = (byte) value;
    }
}
