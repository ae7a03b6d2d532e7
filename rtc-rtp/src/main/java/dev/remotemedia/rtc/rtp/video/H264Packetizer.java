package dev.remotemedia.rtc.rtp.video;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Packetizes H.264 access units in packetization mode 1 (<a
 * href="https://www.rfc-editor.org/rfc/rfc6184#section-6.3">RFC 6184 §6.3</a>): a NAL unit that
 * fits goes alone (§5.6) or, with its small neighbours, in one STAP-A (§5.7.1); one that does not
 * fit is cut into FU-As (§5.8) of nearly equal size. NAL units keep their order.
 *
 * <pre>{@code
 * STAP-A:  | STAP-A NAL HDR | NALU 1 Size (16) | NALU 1 HDR | NALU 1 Data | NALU 2 Size | ...
 * FU-A:    | FU indicator (F|NRI|28) | FU header (S|E|R|Type) | FU payload ... |
 * }</pre>
 *
 * <p>Stateless: one instance may serve any number of streams.
 */
public final class H264Packetizer implements VideoPacketizer {

    /** The smallest payload that carries an FU-A: two header bytes and one byte of data. */
    public static final int MIN_PAYLOAD_SIZE = 3;
    /** The largest NAL unit a STAP-A's 16-bit size field can carry. */
    private static final int MAX_AGGREGATED = 0xFFFF;

    /** Packetizes Annex B access unit {@code frame}, as an encoder writes it. */
    @Override
    public List<byte[]> packetize(byte[] frame, int maxPayloadSize) {
        requireNonNull(frame, "frame");
        final List<byte[]> nals = H264.splitAnnexB(frame);
        if (nals.isEmpty()) {
            throw new IllegalArgumentException("frame: " + frame.length + " bytes with no NAL unit "
                                               + "(expected: an Annex B access unit with start codes)");
        }
        return packetizeNals(nals, maxPayloadSize);
    }

    /** Packetizes the NAL units of one access unit, each without start code. */
    public List<byte[]> packetizeNals(List<byte[]> nals, int maxPayloadSize) {
        H264.checkMaxPayloadSize(maxPayloadSize, MIN_PAYLOAD_SIZE);
        if (nals.isEmpty()) {
            throw new IllegalArgumentException("nals: empty (expected: at least one NAL unit)");
        }
        for (byte[] nal : nals) {
            if (nal.length == 0) {
                throw new IllegalArgumentException("nals: an empty NAL unit (expected: at least the header byte)");
            }
        }
        final List<byte[]> payloads = new ArrayList<>();
        int i = 0;
        while (i < nals.size()) {
            final byte[] nal = nals.get(i);
            if (nal.length > maxPayloadSize) {
                fragment(nal, maxPayloadSize, payloads);
                i++;
                continue;
            }
            // Aggregate the run of following NAL units that fit with this one (and its 16-bit size).
            int end = i + 1;
            long size = 1 + 2 + nal.length;
            while (end < nals.size() && nal.length <= MAX_AGGREGATED && nals.get(end).length <= MAX_AGGREGATED
                   && size + 2 + nals.get(end).length <= maxPayloadSize) {
                size += 2 + nals.get(end).length;
                end++;
            }
            if (end - i == 1) {
                payloads.add(nal.clone());
            } else {
                payloads.add(aggregate(nals.subList(i, end), (int) size));
            }
            i = end;
        }
        return payloads;
    }

    private static byte[] aggregate(List<byte[]> nals, int size) {
        final byte[] payload = new byte[size];
        int nri = 0;
        int forbidden = 0;
        int pos = 1;
        for (byte[] nal : nals) {
            nri = Math.max(nri, nal[0] & 0x60); // RFC 6184 §5.7: the maximum NRI of the units
            forbidden |= nal[0] & 0x80;
            payload[pos] = (byte) (nal.length >>> 8);
            payload[pos + 1] = (byte) nal.length;
            System.arraycopy(nal, 0, payload, pos + 2, nal.length);
            pos += 2 + nal.length;
        }
        payload[0] = (byte) (forbidden | nri | H264.STAP_A);
        return payload;
    }

    private static void fragment(byte[] nal, int maxPayloadSize, List<byte[]> payloads) {
        final int data = nal.length - 1; // the header travels in the FU indicator and header
        final int perPacket = maxPayloadSize - 2;
        final int count = (data - 1) / perPacket + 1;
        final int base = data / count;
        final int larger = data % count; // the first `larger` fragments carry one byte more
        int pos = 1;
        for (int k = 0; k < count; k++) {
            final int len = base + (k < larger ? 1 : 0);
            final byte[] payload = new byte[2 + len];
            payload[0] = (byte) (nal[0] & 0xE0 | H264.FU_A);
            payload[1] = (byte) ((k == 0 ? 0x80 : 0) | (k == count - 1 ? 0x40 : 0) | H264.nalType(nal[0]));
            System.arraycopy(nal, pos, payload, 2, len);
            pos += len;
            payloads.add(payload);
        }
    }
}
