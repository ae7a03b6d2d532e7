package dev.remotemedia.rtc.rtp;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.rtp.internal.Checks;

/**
 * What the first bytes of an Opus RTP payload (<a href="https://www.rfc-editor.org/rfc/rfc7587">RFC
 * 7587</a>) say without decoding it: the TOC byte of <a
 * href="https://www.rfc-editor.org/rfc/rfc6716#section-3.1">RFC 6716 §3.1</a> gives the mode,
 * bandwidth and frame duration, and the frame count code (with the count byte of code 3) how many
 * frames the packet holds, so a receiver knows how many samples it covers.
 *
 * <pre>{@code
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * | config  |s| c |
 * +-+-+-+-+-+-+-+-+
 *
 * c = 3: a frame count byte follows (RFC 6716 §3.2.5):
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |v|p|     M     |
 * +-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>The RTP clock of Opus is always {@value #CLOCK_RATE} Hz whatever the audio's rate (RFC 7587
 * §4.1), so the samples here are 48 kHz samples per channel, as the RTP timestamp counts them.
 *
 * @param config the TOC configuration number, {@code 0..31}
 * @param stereo the TOC stereo flag
 * @param frameCount how many frames the packet holds, {@code 1..48}
 */
public record OpusPayload(int config, boolean stereo, int frameCount) {

    /** The RTP clock rate of Opus, RFC 7587 §4.1. */
    public static final int CLOCK_RATE = 48_000;
    /** The most audio one packet may hold, 120 ms (RFC 6716 §3.2.5). */
    public static final int MAX_SAMPLES = 5760;

    private static final String NAME = "Opus payload: ";
    private static final int[] SILK_FRAME_SAMPLES = {480, 960, 1920, 2880};
    private static final int[] HYBRID_FRAME_SAMPLES = {480, 960};
    private static final int[] CELT_FRAME_SAMPLES = {120, 240, 480, 960};

    /** The coding mode a configuration selects. */
    public enum Mode { SILK_ONLY, HYBRID, CELT_ONLY }

    /** The audio bandwidth a configuration selects, with its upper edge. */
    public enum Bandwidth {
        NARROWBAND(4_000), MEDIUMBAND(6_000), WIDEBAND(8_000), SUPER_WIDEBAND(12_000), FULLBAND(20_000);

        private final int edgeHz;

        Bandwidth(int edgeHz) {
            this.edgeHz = edgeHz;
        }

        /** Returns the highest audio frequency the bandwidth carries. */
        public int edgeHz() {
            return edgeHz;
        }
    }

    public OpusPayload {
        Checks.checkRange("config", config, 0, 31);
        Checks.checkRange("frameCount", frameCount, 1, 48);
        final int samples = frameCount * frameSamples(config);
        if (samples > MAX_SAMPLES) {
            throw new IllegalArgumentException(
                    "frameCount: " + frameCount + " (expected: at most 120 ms of audio, "
                    + MAX_SAMPLES / frameSamples(config) + " frames of config " + config + ')');
        }
    }

    /** Parses the start of the payload {@code buf[off .. off + len)}. */
    public static ParseResult<OpusPayload> parse(byte[] buf, int off, int len) {
        Checks.checkSrc(buf, off, len);
        if (len == 0) {
            return ParseResult.error(NAME + "empty (expected: at least the TOC byte, RFC 6716 §3.1)");
        }
        final int toc = buf[off] & 0xFF;
        final int config = toc >>> 3;
        final int code = toc & 0x3;
        final int frameCount;
        switch (code) {
            case 0:
                frameCount = 1;
                break;
            case 1:
                frameCount = 2;
                break;
            case 2:
                if (len < 2) {
                    return ParseResult.error(NAME + "code 2 with no frame length (expected: >= 2 bytes)");
                }
                frameCount = 2;
                break;
            default:
                if (len < 2) {
                    return ParseResult.error(NAME + "code 3 with no frame count byte (expected: >= 2 bytes)");
                }
                frameCount = buf[off + 1] & 0x3F;
                if (frameCount == 0 || frameCount * frameSamples(config) > MAX_SAMPLES) {
                    return ParseResult.error(NAME + frameCount + " frames of config " + config
                                             + " (expected: 1 frame to 120 ms, RFC 6716 §3.2.5)");
                }
                break;
        }
        return ParseResult.ok(new OpusPayload(config, (toc & 0x4) != 0, frameCount));
    }

    /** Parses the start of {@code payload}, such as {@link RtpPacket#payload()}. */
    public static ParseResult<OpusPayload> parse(ByteView payload) {
        return parse(payload.array(), payload.arrayOffset(), payload.length());
    }

    /** Returns the coding mode. */
    public Mode mode() {
        return config < 12 ? Mode.SILK_ONLY : config < 16 ? Mode.HYBRID : Mode.CELT_ONLY;
    }

    /** Returns the audio bandwidth. */
    public Bandwidth bandwidth() {
        if (config < 12) {
            return Bandwidth.values()[config / 4];
        }
        if (config < 16) {
            return config < 14 ? Bandwidth.SUPER_WIDEBAND : Bandwidth.FULLBAND;
        }
        final int band = (config - 16) / 4;
        return band == 0 ? Bandwidth.NARROWBAND : Bandwidth.values()[band + 1];
    }

    /** Returns the samples per channel of one frame at 48 kHz (120 for 2.5 ms to 2880 for 60 ms). */
    public int frameSamples() {
        return frameSamples(config);
    }

    /** Returns the samples per channel of the whole packet at 48 kHz: what its RTP timestamp advances by. */
    public int samplesPerChannel() {
        return frameCount * frameSamples(config);
    }

    /** Returns how long the packet plays, in microseconds. */
    public long durationMicros() {
        return samplesPerChannel() * 1_000_000L / CLOCK_RATE;
    }

    private static int frameSamples(int config) {
        if (config < 12) {
            return SILK_FRAME_SAMPLES[config % 4];
        }
        if (config < 16) {
            return HYBRID_FRAME_SAMPLES[config % 2];
        }
        return CELT_FRAME_SAMPLES[config % 4];
    }
}
