package dev.remotemedia.pipeline.nodes;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.node.Emitter;
import dev.remotemedia.pipeline.node.TransformNode;

/**
 * Scales audio by {@code gain_db} decibels (amplitude factor 10^(dB/20)); other data passes
 * unchanged. Samples are not clipped: float PCM keeps what exceeds full scale.
 */
final class GainNode implements TransformNode {
    private final float factor;

    GainNode(double gainDb) {
        factor = (float) Math.pow(10, gainDb / 20);
    }

    @Override
    public void process(RuntimeData data, Emitter out) {
        if (!(data instanceof AudioData) || factor == 1f) {
            out.emit(data);
            return;
        }
        final AudioData audio = (AudioData) data;
        final float[] scaled = new float[audio.sampleCount()];
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = audio.sample(i) * factor;
        }
        out.emit(AudioData.wrap(scaled, audio.sampleRate(), audio.channels(), audio.timestampUs(), audio.metadata()));
    }
}
