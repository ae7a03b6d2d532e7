package dev.remotemedia.transport.peer;

/**
 * Counters of one {@link ServerPeer}'s audio.
 *
 * @param framesIn frames of the client's track handed to the pipeline (10 or 20 ms each, as the
 *     stack's receive path delivers them)
 * @param millisIn how much audio those frames held, in milliseconds
 * @param framesOverRate frames of the client's track dropped because it sent faster than real time
 *     (more than {@value ServerPeerAudio#BURST_MILLIS} ms ahead of the wall clock)
 * @param framesRejected audio inputs dropped because the pipeline cannot take their rate or
 *     channel count (each new format answered with an {@code error} control message)
 * @param framesOut pipeline audio outputs sent on the peer's own track
 * @param framesOutRejected pipeline audio outputs the track could not send (rate or channel count
 *     out of its range)
 */
public record ServerPeerAudioStats(long framesIn, long millisIn, long framesOverRate, long framesRejected, long framesOut,
                                   long framesOutRejected) {}
