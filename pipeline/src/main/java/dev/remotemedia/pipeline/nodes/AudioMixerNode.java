package dev.remotemedia.pipeline.nodes;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.dsp.MixedBlock;
import dev.remotemedia.pipeline.dsp.MixerCore;
import dev.remotemedia.pipeline.node.Emitter;
import dev.remotemedia.pipeline.node.MultiInputNode;

/**
 * Sums the audio of its inputs aligned by timestamp ({@link MixerCore}). A span is emitted once
 * every input has covered it, or once it is {@code max_wait_ms} older than the newest audio seen
 * (a missing input counts as silence there); {@link #flush} emits the rest. Every input must carry
 * audio at {@code sample_rate} with {@code channels} (put a {@code Resample} node in front
 * otherwise). Other data passes through at once.
 */
final class AudioMixerNode implements MultiInputNode {
    private final MixerCore mixer;
    private final int sampleRate;
    private final int channels;
    /** The end of the newest audio pushed on any input: the mixer's notion of "now". */
    private long newestUs = Long.MIN_VALUE;

    AudioMixerNode(int inputs, int sampleRate, int channels, long maxWaitMs) {
        mixer = MixerCore.of(inputs, sampleRate, channels, maxWaitMs * 1000);
        this.sampleRate = sampleRate;
        this.channels = channels;
    }

    @Override
    public void process(int input, RuntimeData data, Emitter out) {
        if (!(data instanceof AudioData)) {
            out.emit(data);
            return;
        }
        final AudioData audio = (AudioData) data;
        if (audio.sampleRate() != sampleRate || audio.channels() != channels) {
            throw new IllegalArgumentException("input " + input + ": audio of " + audio.sampleRate() + " Hz, "
                                               + audio.channels() + " channels (expected: " + sampleRate + " Hz, "
                                               + channels + " channels; resample before mixing)");
        }
        mixer.push(input, audio.toArray(), audio.timestampUs());
        newestUs = Math.max(newestUs, audio.timestampUs() + audio.durationUs());
        emit(mixer.poll(newestUs), out);
    }

    @Override
    public void flush(Emitter out) {
        emit(mixer.poll(Long.MAX_VALUE), out);
    }

    private void emit(java.util.List<MixedBlock> blocks, Emitter out) {
        for (MixedBlock b : blocks) {
            out.emit(AudioData.wrap(b.interleaved(), sampleRate, channels, b.timestampUs()));
        }
    }
}
