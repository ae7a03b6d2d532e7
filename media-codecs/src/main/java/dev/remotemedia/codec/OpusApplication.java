package dev.remotemedia.codec;

/**
 * What an Opus encoder tunes for (libopus {@code OPUS_APPLICATION_*}, RFC 6716 §2.1.1).
 */
public enum OpusApplication {
    /** Speech: favours intelligibility; the mode for calls and voice agents. */
    VOIP,
    /** Music and mixed content: favours faithfulness to the input. */
    AUDIO,
    /** The lowest delay: CELT only, no speech modes, 2.5 ms less look-ahead; no in-band FEC. */
    LOW_DELAY
}
