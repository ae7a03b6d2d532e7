package dev.remotemedia.rtc.media.jitter;

/**
 * Counters of one jitter buffer, named as W3C {@code RTCInboundRtpStreamStats} names them where a
 * name exists (samples are per channel; delays are in seconds summed over emitted samples).
 *
 * @param jitterBufferDelaySeconds sum over emitted samples of the time from their packet's arrival to their emission
 * @param jitterBufferTargetDelaySeconds sum over emitted samples of the target delay when they were emitted
 * @param jitterBufferEmittedCount samples emitted from decoded packets
 * @param totalSamplesReceived samples given out, decoded or concealed
 * @param concealedSamples samples made by concealment (PLC, FEC, silence)
 * @param silentConcealedSamples concealed samples that are silence (after a long gap)
 * @param concealmentEvents runs of concealment
 * @param insertedSamplesForDeceleration samples added by preemptive expand
 * @param removedSamplesForAcceleration samples removed by accelerate
 * @param packetsLate packets that came after their place was played (dropped)
 * @param packetsDuplicated duplicate packets (dropped)
 * @param packetsDiscarded packets dropped as unparsable, or for overflow (a sender far faster than real time)
 * @param fecRecovered missing frames rebuilt from the next packet's in-band FEC
 * @param resets times the buffer restarted (new SSRC, timestamp jump, overflow after a stall)
 * @param targetDelayMillis the current target delay above the fastest recent packet
 * @param currentDelayMillis the current playout delay above the fastest recent packet
 * @param driftPpm the sender clock's drift against ours (positive: the sender's clock is fast)
 */
public record JitterBufferStats(double jitterBufferDelaySeconds, double jitterBufferTargetDelaySeconds,
                                long jitterBufferEmittedCount, long totalSamplesReceived, long concealedSamples,
                                long silentConcealedSamples, long concealmentEvents, long insertedSamplesForDeceleration,
                                long removedSamplesForAcceleration, long packetsLate, long packetsDuplicated,
                                long packetsDiscarded, long fecRecovered, long resets, double targetDelayMillis,
                                double currentDelayMillis, double driftPpm) {}
