package dev.remotemedia.rtc.rtp.video;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.rtp.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * H.264 NAL unit facts the payload format needs (<a
 * href="https://www.rfc-editor.org/rfc/rfc6184#section-1.3">RFC 6184 §1.3</a>): the header's type,
 * the Annex B byte stream an encoder writes and a decoder reads, and which NAL units make a
 * keyframe.
 *
 * <pre>{@code
 * +---------------+
 * |0|1|2|3|4|5|6|7|
 * +-+-+-+-+-+-+-+-+
 * |F|NRI|  Type   |
 * +---------------+
 * }</pre>
 */
public final class H264 {

    /** A coded slice of a non-IDR picture. */
    public static final int NAL_SLICE = 1;
    /** A coded slice of an IDR picture: a keyframe. */
    public static final int NAL_IDR = 5;
    /** Supplemental enhancement information. */
    public static final int NAL_SEI = 6;
    /** Sequence parameter set. */
    public static final int NAL_SPS = 7;
    /** Picture parameter set. */
    public static final int NAL_PPS = 8;
    /** Access unit delimiter. */
    public static final int NAL_AUD = 9;
    /** Single-time aggregation packet, RFC 6184 §5.7.1. */
    public static final int STAP_A = 24;
    /** Fragmentation unit, RFC 6184 §5.8. */
    public static final int FU_A = 28;

    private static final byte[] START_CODE = {0, 0, 0, 1};

    private H264() {}

    /** Returns the type field of NAL unit header byte {@code header}. */
    public static int nalType(int header) {
        return header & 0x1F;
    }

    /** Returns whether a NAL unit of {@code type} makes its access unit a keyframe (IDR or SPS). */
    public static boolean isKeyframeNal(int type) {
        return type == NAL_IDR || type == NAL_SPS;
    }

    /**
     * Returns whether a NAL unit whose header is {@code header}, followed by {@code next} (or
     * {@code -1} if unknown), opens an access unit: a delimiter, SEI or parameter set, or the
     * slice with first_mb_in_slice 0, whose ue(v) code is the single bit 1 (H.264 §7.4.1.2.3).
     */
    static boolean opensAccessUnit(int header, int next) {
        final int type = nalType(header);
        switch (type) {
            case NAL_SEI:
            case NAL_SPS:
            case NAL_PPS:
            case NAL_AUD:
                return true;
            case NAL_SLICE:
            case NAL_IDR:
                return next >= 0 && (next & 0x80) != 0;
            default:
                return false;
        }
    }

    /**
     * Splits an Annex B byte stream (NAL units each after a {@code 00 00 01} or {@code 00 00 00 01}
     * start code) into its NAL units, without start codes and trailing zero bytes. Bytes before the
     * first start code and empty NAL units are skipped.
     */
    public static List<byte[]> splitAnnexB(byte[] stream) {
        requireNonNull(stream, "stream");
        final List<byte[]> nals = new ArrayList<>();
        int nalStart = -1;
        int i = 0;
        while (i + 2 < stream.length) {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1) {
                if (nalStart >= 0) {
                    addTrimmed(nals, stream, nalStart, i);
                }
                i += 3;
                nalStart = i;
            } else {
                i++;
            }
        }
        if (nalStart >= 0) {
            addTrimmed(nals, stream, nalStart, stream.length);
        }
        return nals;
    }

    private static void addTrimmed(List<byte[]> nals, byte[] stream, int from, int to) {
        // A NAL unit never ends in a zero byte (its RBSP stop bit), so trailing zeros belong to the
        // next start code or are trailing_zero_8bits.
        while (to > from && stream[to - 1] == 0) {
            to--;
        }
        if (to > from) {
            nals.add(Arrays.copyOfRange(stream, from, to));
        }
    }

    /** Joins NAL units into an Annex B byte stream with four-byte start codes. */
    public static byte[] joinAnnexB(List<byte[]> nals) {
        int size = 0;
        for (byte[] nal : nals) {
            size = Math.addExact(size, START_CODE.length + nal.length);
        }
        final byte[] stream = new byte[size];
        int pos = 0;
        for (byte[] nal : nals) {
            System.arraycopy(START_CODE, 0, stream, pos, START_CODE.length);
            System.arraycopy(nal, 0, stream, pos + START_CODE.length, nal.length);
            pos += START_CODE.length + nal.length;
        }
        return stream;
    }

    /** Returns whether NAL units {@code nals} (without start codes) hold an IDR slice or an SPS. */
    public static boolean isKeyframe(List<byte[]> nals) {
        for (byte[] nal : nals) {
            if (nal.length > 0 && isKeyframeNal(nalType(nal[0]))) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether Annex B access unit {@code stream} holds an IDR slice or an SPS. */
    public static boolean isKeyframeAnnexB(byte[] stream) {
        return isKeyframe(splitAnnexB(stream));
    }

    static void checkMaxPayloadSize(int maxPayloadSize, int min) {
        Checks.checkRange("maxPayloadSize", maxPayloadSize, min, Integer.MAX_VALUE);
    }
}
