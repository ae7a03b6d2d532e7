package dev.remotemedia.pipeline.nodes;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.node.Emitter;
import dev.remotemedia.pipeline.node.SourceNode;

/**
 * A sine tone in frames of {@code frame_ms}, paced by the session's clock: each frame is emitted
 * once the session time reaches its timestamp. The phase runs on across frames, so frame edges do
 * not click. Stops after {@code duration_ms} (0: never).
 */
final class ToneGeneratorNode implements SourceNode {
    private final double frequencyHz;
    private final float amplitude;
    private final int sampleRate;
    private final int channels;
    private final int frameSamples;
    private final long durationFrames;
    private long framesDone;
    private double phase;

    ToneGeneratorNode(double frequencyHz, double amplitude, int sampleRate, int channels, int frameMs, long durationMs) {
        if (frequencyHz >= sampleRate / 2.0) {
            throw new IllegalArgumentException("frequency_hz: " + frequencyHz + " (expected: below half of sample_rate "
                                               + sampleRate + ')');
        }
        this.frequencyHz = frequencyHz;
        this.amplitude = (float) amplitude;
        this.sampleRate = sampleRate;
        this.channels = channels;
        frameSamples = Math.max(1, (int) ((long) sampleRate * frameMs / 1000));
        durationFrames = durationMs == 0 ? Long.MAX_VALUE : (long) sampleRate * durationMs / 1000;
    }

    @Override
    public long produce(long nowUs, Emitter out) {
        while (framesDone < durationFrames) {
            final long timestampUs = framesDone * 1_000_000 / sampleRate;
            if (timestampUs > nowUs) {
                return timestampUs;
            }
            final int n = (int) Math.min(frameSamples, durationFrames - framesDone);
            final float[] samples = new float[n * channels];
            final double step = 2 * Math.PI * frequencyHz / sampleRate;
            for (int i = 0; i < n; i++) {
                final float v = (float) (amplitude * Math.sin(phase));
                phase += step;
                for (int c = 0; c < channels; c++) {
                    samples[i * channels + c] = v;
                }
            }
            // Keep the phase small so precision does not drift over hours.
            phase %= 2 * Math.PI;
            framesDone += n;
            out.emit(AudioData.wrap(samples, sampleRate, channels, timestampUs));
        }
        return DONE;
    }
}
