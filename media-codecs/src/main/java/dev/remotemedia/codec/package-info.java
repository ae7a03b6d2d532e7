/**
 * Audio codecs for the stack: Opus ({@link dev.remotemedia.codec.OpusCodecs}, {@link
 * dev.remotemedia.codec.OpusEncoder}, {@link dev.remotemedia.codec.OpusDecoder}) and sample-rate
 * conversion ({@link dev.remotemedia.codec.AudioResampler}).
 *
 * <p>Codec objects are not thread-safe: each is used serially by one codec executor per track
 * (DESIGN.md §4), never on a network loop. Encoders and decoders own library state (native state for
 * {@link dev.remotemedia.codec.OpusImplementation#LIBOPUS}) that {@code close()} frees exactly once.
 *
 * <p>FFmpeg is an optional dependency of this module: without it on the classpath everything works
 * on Concentus, and {@code dev.remotemedia.codec.internal} classes that touch FFmpeg are never loaded.
 */
package dev.remotemedia.codec;
