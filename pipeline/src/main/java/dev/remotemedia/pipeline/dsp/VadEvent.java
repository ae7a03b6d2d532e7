package dev.remotemedia.pipeline.dsp;

/**
 * A speech boundary found by {@link VoiceActivityDetector}. Timestamps are on the caller's
 * timeline (the one given with the audio) and mark where the speech or the silence really began,
 * not when the detector became sure of it.
 */
public sealed interface VadEvent {

    /** Returns when the boundary happened, in microseconds on the caller's timeline. */
    long timestampUs();

    /** Speech began at {@code timestampUs}. */
    record SpeechStart(long timestampUs) implements VadEvent {}

    /** Speech ended (silence began) at {@code timestampUs}. */
    record SpeechEnd(long timestampUs) implements VadEvent {}
}
