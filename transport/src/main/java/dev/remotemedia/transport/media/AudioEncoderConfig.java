package dev.remotemedia.transport.media;

import dev.remotemedia.codec.OpusConfig;
import dev.remotemedia.rtc.common.Nullable;

/**
 * How a peer's audio track is encoded (seed 001 "Media Streaming"): the rate and channels of the
 * samples the application sends, and the Opus bitrate, complexity, in-band FEC, DTX and frame
 * length. Immutable; made with {@link #builder()} or {@link #defaults()}, each setter checking its
 * value at once.
 *
 * <pre>{@code
 * AudioEncoderConfig config = AudioEncoderConfig.builder().sampleRate(16_000).channels(1).bitrate(32_000).build();
 * peer.addAudioTrack(config);
 * }</pre>
 *
 * <p>Samples of any {@link #sampleRate()} are resampled to Opus's 48 kHz (RFC 7587 §4.1) before
 * encoding; {@link #toOpusConfig()} gives the encoder settings.
 */
public final class AudioEncoderConfig {

    /** The lowest input rate the send path resamples from. */
    public static final int MIN_SAMPLE_RATE = 8_000;
    /** The highest input rate the send path resamples from. */
    public static final int MAX_SAMPLE_RATE = 96_000;

    /** The loss the encoder plans for when FEC is on (Opus sizes its FEC by it; at 0 % it sends none). */
    static final int FEC_PLANNED_LOSS_PERCENT = 5;

    private static final AudioEncoderConfig DEFAULTS = builder().build();

    private final int sampleRate;
    private final int channels;
    private final int bitrate;
    private final int complexity;
    private final boolean fec;
    private final boolean dtx;
    private final int frameMillis;

    private AudioEncoderConfig(Builder b) {
        sampleRate = b.sampleRate;
        channels = b.channels;
        bitrate = b.bitrate;
        complexity = b.complexity;
        fec = b.fec;
        dtx = b.dtx;
        frameMillis = b.frameMillis;
    }

    /** A builder holding the defaults: 48 kHz mono, 64 kb/s, complexity 10, FEC on, DTX off, 20 ms frames. */
    public static Builder builder() {
        return new Builder();
    }

    /** The seed's {@code AudioEncoderConfig::default()}: 48 kHz mono, 64 kb/s, complexity 10, FEC, 20 ms. */
    public static AudioEncoderConfig defaults() {
        return DEFAULTS;
    }

    /** The rate of the samples the application sends, in Hz. */
    public int sampleRate() {
        return sampleRate;
    }

    /** 1 (mono) or 2 (stereo, interleaved left, right). */
    public int channels() {
        return channels;
    }

    /** The Opus target bitrate in bits per second. */
    public int bitrate() {
        return bitrate;
    }

    /** 0 (fastest) to 10 (best quality per bit). */
    public int complexity() {
        return complexity;
    }

    /** Whether Opus carries in-band FEC for the previous frame (RFC 6716 §2.1.7). */
    public boolean fec() {
        return fec;
    }

    /** Whether Opus sends 1–2 byte packets during silence (discontinuous transmission). */
    public boolean dtx() {
        return dtx;
    }

    /** The duration of one Opus frame (one RTP packet) in milliseconds: 10, 20, 40 or 60. */
    public int frameMillis() {
        return frameMillis;
    }

    /** The Opus encoder settings this config maps to (always 48 kHz; the input is resampled). */
    public OpusConfig toOpusConfig() {
        // FEC in a loss-free plan adds nothing (the encoder sizes LBRR by the expected loss), so
        // with FEC on plan for a little loss, as Chromium starts with.
        return OpusConfig.builder().channels(channels).frameMillis(frameMillis).bitrate(bitrate)
                         .complexity(complexity).inbandFec(fec).dtx(dtx)
                         .expectedPacketLossPercent(fec ? FEC_PLANNED_LOSS_PERCENT : 0)
                         .build();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder().sampleRate(sampleRate).channels(channels).bitrate(bitrate).complexity(complexity)
                            .fec(fec).dtx(dtx).frameMillis(frameMillis);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AudioEncoderConfig that)) {
            return false;
        }
        return sampleRate == that.sampleRate && channels == that.channels && bitrate == that.bitrate
               && complexity == that.complexity && fec == that.fec && dtx == that.dtx
               && frameMillis == that.frameMillis;
    }

    @Override
    public int hashCode() {
        int h = sampleRate;
        h = 31 * h + channels;
        h = 31 * h + bitrate;
        h = 31 * h + complexity;
        h = 31 * h + (fec ? 1 : 0);
        h = 31 * h + (dtx ? 1 : 0);
        return 31 * h + frameMillis;
    }

    @Override
    public String toString() {
        return "AudioEncoderConfig{sampleRate=" + sampleRate + ", channels=" + channels + ", bitrate=" + bitrate
               + ", complexity=" + complexity + ", fec=" + fec + ", dtx=" + dtx + ", frameMillis=" + frameMillis
               + '}';
    }

    /** Builds an {@link AudioEncoderConfig}; not thread-safe. */
    public static final class Builder {
        private int sampleRate = 48_000;
        private int channels = 1;
        private int bitrate = 64_000;
        private int complexity = 10;
        private boolean fec = true;
        private boolean dtx;
        private int frameMillis = 20;

        private Builder() {}

        /** The rate of the samples sent, 8000..96000 Hz; default 48000. */
        public Builder sampleRate(int sampleRate) {
            if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
                throw new IllegalArgumentException("sampleRate: " + sampleRate + " (expected: " + MIN_SAMPLE_RATE
                                                   + ".." + MAX_SAMPLE_RATE + " Hz)");
            }
            this.sampleRate = sampleRate;
            return this;
        }

        /** 1 or 2; default 1. */
        public Builder channels(int channels) {
            if (channels != 1 && channels != 2) {
                throw new IllegalArgumentException("channels: " + channels + " (expected: 1 or 2)");
            }
            this.channels = channels;
            return this;
        }

        /** Bits per second, {@value OpusConfig#MIN_BITRATE}..{@value OpusConfig#MAX_BITRATE}; default 64000. */
        public Builder bitrate(int bitrate) {
            if (bitrate < OpusConfig.MIN_BITRATE || bitrate > OpusConfig.MAX_BITRATE) {
                throw new IllegalArgumentException("bitrate: " + bitrate + " (expected: " + OpusConfig.MIN_BITRATE
                                                   + ".." + OpusConfig.MAX_BITRATE + " bits per second)");
            }
            this.bitrate = bitrate;
            return this;
        }

        /** 0..10; default 10. */
        public Builder complexity(int complexity) {
            if (complexity < 0 || complexity > 10) {
                throw new IllegalArgumentException("complexity: " + complexity + " (expected: 0..10)");
            }
            this.complexity = complexity;
            return this;
        }

        /** In-band FEC; default on. */
        public Builder fec(boolean fec) {
            this.fec = fec;
            return this;
        }

        /** Discontinuous transmission; default off. */
        public Builder dtx(boolean dtx) {
            this.dtx = dtx;
            return this;
        }

        /** 10, 20, 40 or 60 ms per frame; default 20. */
        public Builder frameMillis(int frameMillis) {
            if (frameMillis != 10 && frameMillis != 20 && frameMillis != 40 && frameMillis != 60) {
                throw new IllegalArgumentException("frameMillis: " + frameMillis + " (expected: 10, 20, 40 or 60)");
            }
            this.frameMillis = frameMillis;
            return this;
        }

        public AudioEncoderConfig build() {
            return new AudioEncoderConfig(this);
        }
    }
}
