package dev.remotemedia.codec;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;

/**
 * The settings of an {@link OpusEncoder}: 48 kHz, one or two channels, the frame duration, bitrate,
 * complexity, in-band FEC, DTX, the expected packet loss and the application. Immutable; build one
 * with {@link #builder()} or {@link #of(int)}.
 *
 * <pre>{@code
 * OpusConfig config = OpusConfig.builder().channels(2).frameMillis(20).bitrate(64_000).build();
 * }</pre>
 *
 * <p>The sample rate is always {@value #SAMPLE_RATE} Hz, the rate WebRTC negotiates for Opus (RFC 7587
 * §4.1); resample other rates with {@link AudioResampler} first.
 */
public final class OpusConfig {

    /** The only sample rate: 48 kHz. */
    public static final int SAMPLE_RATE = 48_000;
    /** The lowest bitrate accepted, in bits per second. */
    public static final int MIN_BITRATE = 6_000;
    /** The highest bitrate accepted, in bits per second (RFC 6716 §2.1.1). */
    public static final int MAX_BITRATE = 510_000;

    /** Returns a builder with the defaults: mono, 20 ms, 32 kb/s, complexity 9, VOIP, FEC on, DTX off, 0 % loss. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the default configuration with {@code channels} channels. */
    public static OpusConfig of(int channels) {
        return builder().channels(channels).build();
    }

    private final int channels;
    private final int frameMicros;
    private final int bitrate;
    private final int complexity;
    private final boolean inbandFec;
    private final boolean dtx;
    private final int expectedPacketLossPercent;
    private final OpusApplication application;

    private OpusConfig(Builder b) {
        channels = b.channels;
        frameMicros = b.frameMicros;
        bitrate = b.bitrate;
        complexity = b.complexity;
        inbandFec = b.inbandFec;
        dtx = b.dtx;
        expectedPacketLossPercent = b.expectedPacketLossPercent;
        application = b.application;
    }

    /** Always {@value #SAMPLE_RATE}. */
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    /** 1 (mono) or 2 (stereo, interleaved left, right). */
    public int channels() {
        return channels;
    }

    /** The duration of one frame: 2.5, 5, 10, 20, 40 or 60 ms. */
    public double frameMillis() {
        return frameMicros / 1000.0;
    }

    /** Samples per channel in one frame at 48 kHz, e.g. 960 for 20 ms. */
    public int frameSamples() {
        return frameMicros * (SAMPLE_RATE / 1000) / 1000;
    }

    /** The target bitrate in bits per second. */
    public int bitrate() {
        return bitrate;
    }

    /** 0 (fastest) to 10 (best quality per bit). */
    public int complexity() {
        return complexity;
    }

    /** Whether the encoder adds in-band FEC (SILK LBRR) for the previous frame; needs a loss above 0 %. */
    public boolean inbandFec() {
        return inbandFec;
    }

    /** Whether the encoder sends 1–2 byte packets during silence (discontinuous transmission). */
    public boolean dtx() {
        return dtx;
    }

    /** The packet loss the encoder plans for, 0–100 %; it sizes the FEC by it. */
    public int expectedPacketLossPercent() {
        return expectedPacketLossPercent;
    }

    /** What the encoder tunes for. */
    public OpusApplication application() {
        return application;
    }

    /** Returns a builder that starts from these settings. */
    public Builder toBuilder() {
        return new Builder().channels(channels).frameMicros(frameMicros).bitrate(bitrate)
                            .complexity(complexity).inbandFec(inbandFec).dtx(dtx)
                            .expectedPacketLossPercent(expectedPacketLossPercent).application(application);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof OpusConfig)) {
            return false;
        }
        final OpusConfig that = (OpusConfig) o;
        return channels == that.channels && frameMicros == that.frameMicros && bitrate == that.bitrate
               && complexity == that.complexity && inbandFec == that.inbandFec && dtx == that.dtx
               && expectedPacketLossPercent == that.expectedPacketLossPercent
               && application == that.application;
    }

    @Override
    public int hashCode() {
        int h = channels;
        h = 31 * h + frameMicros;
        h = 31 * h + bitrate;
        h = 31 * h + complexity;
        h = 31 * h + (inbandFec ? 1 : 0);
        h = 31 * h + (dtx ? 1 : 0);
        h = 31 * h + expectedPacketLossPercent;
        return 31 * h + application.hashCode();
    }

    @Override
    public String toString() {
        return "OpusConfig{channels=" + channels + ", frameMillis=" + frameMillis() + ", bitrate=" + bitrate
               + ", complexity=" + complexity + ", inbandFec=" + inbandFec + ", dtx=" + dtx
               + ", expectedPacketLossPercent=" + expectedPacketLossPercent + ", application=" + application
               + '}';
    }

    static int checkBitrate(int bitrate) {
        if (bitrate < MIN_BITRATE || bitrate > MAX_BITRATE) {
            throw new IllegalArgumentException(
                    "bitrate: " + bitrate + " (expected: " + MIN_BITRATE + ".." + MAX_BITRATE + ')');
        }
        return bitrate;
    }

    static int checkComplexity(int complexity) {
        if (complexity < 0 || complexity > 10) {
            throw new IllegalArgumentException("complexity: " + complexity + " (expected: 0..10)");
        }
        return complexity;
    }

    static int checkPacketLossPercent(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("expectedPacketLossPercent: " + percent + " (expected: 0..100)");
        }
        return percent;
    }

    /** Builds an {@link OpusConfig}; each setter checks its value at once. */
    public static final class Builder {
        private int channels = 1;
        private int frameMicros = 20_000;
        private int bitrate = 32_000;
        private int complexity = 9;
        private boolean inbandFec = true;
        private boolean dtx;
        private int expectedPacketLossPercent;
        private OpusApplication application = OpusApplication.VOIP;

        private Builder() {}

        /** 1 or 2. */
        public Builder channels(int channels) {
            if (channels != 1 && channels != 2) {
                throw new IllegalArgumentException("channels: " + channels + " (expected: 1 or 2)");
            }
            this.channels = channels;
            return this;
        }

        /** 2.5, 5, 10, 20, 40 or 60 (RFC 6716 §2.1.4). Below 10 ms the encoder uses CELT only. */
        public Builder frameMillis(double frameMillis) {
            final double micros = frameMillis * 1000;
            if (micros != Math.rint(micros) || !isFrameMicros((int) micros)) {
                throw new IllegalArgumentException(
                        "frameMillis: " + frameMillis + " (expected: one of 2.5, 5, 10, 20, 40, 60)");
            }
            return frameMicros((int) micros);
        }

        private Builder frameMicros(int micros) {
            frameMicros = micros;
            return this;
        }

        private static boolean isFrameMicros(int micros) {
            switch (micros) {
                case 2_500:
                case 5_000:
                case 10_000:
                case 20_000:
                case 40_000:
                case 60_000:
                    return true;
                default:
                    return false;
            }
        }

        /** Bits per second, {@value #MIN_BITRATE}..{@value #MAX_BITRATE}. */
        public Builder bitrate(int bitrate) {
            this.bitrate = checkBitrate(bitrate);
            return this;
        }

        /** 0..10. */
        public Builder complexity(int complexity) {
            this.complexity = checkComplexity(complexity);
            return this;
        }

        public Builder inbandFec(boolean inbandFec) {
            this.inbandFec = inbandFec;
            return this;
        }

        public Builder dtx(boolean dtx) {
            this.dtx = dtx;
            return this;
        }

        /** 0..100. */
        public Builder expectedPacketLossPercent(int percent) {
            expectedPacketLossPercent = checkPacketLossPercent(percent);
            return this;
        }

        public Builder application(OpusApplication application) {
            this.application = requireNonNull(application, "application");
            return this;
        }

        public OpusConfig build() {
            return new OpusConfig(this);
        }
    }
}
