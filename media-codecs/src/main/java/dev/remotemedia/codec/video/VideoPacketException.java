package dev.remotemedia.codec.video;

/**
 * Encoded video that a {@link VideoDecoder} cannot decode: truncated, corrupt, or referring to a
 * frame the decoder does not have. The only exception a decoder throws for what a packet contains,
 * so that a receiver can count it, ask for a keyframe and go on: the decoder stays usable, and the
 * next keyframe decodes.
 */
public final class VideoPacketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VideoPacketException(String message) {
        super(message);
    }
}
