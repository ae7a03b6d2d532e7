package dev.remotemedia.codec;

/**
 * An Opus packet that cannot be decoded: malformed per RFC 6716 §3 (bad frame lengths, padding or
 * frame count), rejected by the decoder, or longer than the caller's PCM buffer holds. The only
 * exception an {@link OpusDecoder} throws for what a packet contains, so that a receiver can count
 * such packets, conceal the frame and go on. The decoder stays usable.
 */
public final class OpusPacketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OpusPacketException(String message) {
        super(message);
    }

    public OpusPacketException(String message, Throwable cause) {
        super(message, cause);
    }
}
