package dev.remotemedia.codec;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.codec.internal.ConcentusOpusDecoder;
import dev.remotemedia.codec.internal.ConcentusOpusEncoder;
import dev.remotemedia.codec.internal.LibopusOpusDecoder;
import dev.remotemedia.codec.internal.LibopusOpusEncoder;
import dev.remotemedia.codec.internal.LibopusSupport;
import dev.remotemedia.rtc.common.Nullable;

/**
 * Creates Opus encoders and decoders, on the {@linkplain #implementation() default implementation}
 * or on one named explicitly.
 *
 * <p>The default is {@link OpusImplementation#CONCENTUS}, chosen by measurement (docs/BENCHMARKS.md,
 * "Opus"): on 20 ms frames of speech at 32 kb/s it cost less CPU per frame than libopus inside the
 * FFmpeg build we ship with (encode 0.6–0.7× at complexity 10, about equal at 5; decode about
 * equal), and besides it needs no natives, decodes in-band FEC itself and changes settings in place.
 * {@link OpusImplementation#LIBOPUS} is there on request (an argument, or {@value
 * #IMPLEMENTATION_PROPERTY}) when FFmpeg's natives are on the classpath; whether they are is found
 * out once, on first use, without failing: {@link #unavailableReason(OpusImplementation)} says why
 * not.
 */
public final class OpusCodecs {
    private OpusCodecs() {}

    /**
     * The system property that overrides the default for the whole process, {@code CONCENTUS} or {@code
     * LIBOPUS}: {@code -Ddev.remotemedia.opus.implementation=CONCENTUS}.
     */
    public static final String IMPLEMENTATION_PROPERTY = "dev.remotemedia.opus.implementation";

    /**
     * The implementation that {@link #encoder(OpusConfig)} and {@link #decoder(int)} use: the one named
     * by {@value #IMPLEMENTATION_PROPERTY} if set, else {@link OpusImplementation#CONCENTUS}.
     *
     * @throws IllegalArgumentException if the property names no implementation
     */
    public static OpusImplementation implementation() {
        final String chosen = System.getProperty(IMPLEMENTATION_PROPERTY, "").strip();
        if (!chosen.isEmpty()) {
            try {
                return OpusImplementation.valueOf(chosen.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(IMPLEMENTATION_PROPERTY + ": " + chosen
                                                   + " (expected: CONCENTUS or LIBOPUS)", e);
            }
        }
        return OpusImplementation.CONCENTUS;
    }

    /** Whether {@code implementation} can be used here. {@link OpusImplementation#CONCENTUS} always can. */
    public static boolean isAvailable(OpusImplementation implementation) {
        return unavailableReason(implementation) == null;
    }

    /** Why {@code implementation} cannot be used here, or {@code null} if it can. */
    @Nullable
    public static String unavailableReason(OpusImplementation implementation) {
        requireNonNull(implementation, "implementation");
        return implementation == OpusImplementation.CONCENTUS ? null : LibopusSupport.unavailableReason();
    }

    /** Returns an encoder on the default implementation. The caller closes it. */
    public static OpusEncoder encoder(OpusConfig config) {
        return encoder(config, implementation());
    }

    /**
     * Returns an encoder on {@code implementation}. The caller closes it.
     *
     * @throws IllegalStateException if {@code implementation} is not available, with the reason
     */
    public static OpusEncoder encoder(OpusConfig config, OpusImplementation implementation) {
        requireNonNull(config, "config");
        if (checkAvailable(implementation) == OpusImplementation.CONCENTUS) {
            return new ConcentusOpusEncoder(config);
        }
        return new LibopusOpusEncoder(config);
    }

    /** Returns a decoder of 1 or 2 channels on the default implementation. The caller closes it. */
    public static OpusDecoder decoder(int channels) {
        return decoder(channels, implementation());
    }

    /**
     * Returns a decoder of 1 or 2 channels on {@code implementation}. The caller closes it.
     *
     * @throws IllegalStateException if {@code implementation} is not available, with the reason
     */
    public static OpusDecoder decoder(int channels, OpusImplementation implementation) {
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels: " + channels + " (expected: 1 or 2)");
        }
        if (checkAvailable(implementation) == OpusImplementation.CONCENTUS) {
            return new ConcentusOpusDecoder(channels);
        }
        return new LibopusOpusDecoder(channels);
    }

    private static OpusImplementation checkAvailable(OpusImplementation implementation) {
        final String reason = unavailableReason(implementation);
        if (reason != null) {
            throw new IllegalStateException(implementation + " is not available: " + reason);
        }
        return implementation;
    }
}
