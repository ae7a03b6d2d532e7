package dev.remotemedia.pipeline.dsp;

import static java.util.Objects.requireNonNull;

/**
 * A span of mixed audio from {@link MixerCore}.
 *
 * @param interleaved the summed frames, interleaved by channel; owned by the receiver
 * @param timestampUs the time of the first frame, on the inputs' timeline
 */
public record MixedBlock(float[] interleaved, long timestampUs) {
    public MixedBlock {
        requireNonNull(interleaved, "interleaved");
    }
}
