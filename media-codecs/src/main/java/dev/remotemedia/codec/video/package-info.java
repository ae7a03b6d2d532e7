/**
 * Video codecs for the stack: VP8, VP9, H.264 and AV1 encoders and decoders ({@link
 * dev.remotemedia.codec.video.VideoCodecs}, {@link dev.remotemedia.codec.video.VideoEncoder}, {@link
 * dev.remotemedia.codec.video.VideoDecoder}) on I420 {@link dev.remotemedia.codec.video.VideoFrame}s,
 * and conversion and scaling of pictures ({@link dev.remotemedia.codec.video.VideoFrameConverter}).
 *
 * <p>Codec objects are not thread-safe: each is used serially by one codec executor per track
 * (DESIGN.md §4), never on a network loop. Each owns native state that {@code close()} frees exactly
 * once; one dropped unclosed is freed by a cleaner, later.
 *
 * <p>Everything here runs on FFmpeg, an optional dependency of this module: without it, {@link
 * dev.remotemedia.codec.video.VideoCodecs#unavailableReason} says so and nothing that touches FFmpeg
 * is loaded.
 */
package dev.remotemedia.codec.video;
