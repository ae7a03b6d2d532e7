package dev.remotemedia.pipeline.nodes;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.dsp.Resampler;
import dev.remotemedia.pipeline.node.Emitter;
import dev.remotemedia.pipeline.node.TransformNode;
import dev.remotemedia.rtc.common.Nullable;
import java.util.Map;

/**
 * Converts audio to {@code output_rate} with the band-limited {@link Resampler}. The filter's delay
 * is taken out (its first {@code latencyFrames} output frames are dropped and {@link #flush} adds
 * the tail), so output timestamps line up with the input's and the whole output is exactly as long
 * as the input. The stream is taken as continuous from its first timestamp; a change of rate or
 * channel count ends it (its tail is emitted) and starts a new one. Audio already at
 * {@code output_rate}, and other data, pass unchanged.
 */
final class ResampleNode implements TransformNode {
    private final int outputRate;
    private @Nullable Resampler resampler;
    private long startUs;
    private long emittedFrames;
    private long toSkip;
    private Map<String, String> metadata = Map.of();

    ResampleNode(int outputRate) {
        this.outputRate = outputRate;
    }

    @Override
    public void process(RuntimeData data, Emitter out) {
        if (!(data instanceof AudioData)) {
            out.emit(data);
            return;
        }
        final AudioData audio = (AudioData) data;
        if (audio.sampleRate() == outputRate) {
            flush(out);
            out.emit(audio);
            return;
        }
        if (resampler != null && (resampler.inputRate() != audio.sampleRate()
                                  || resampler.channels() != audio.channels())) {
            flush(out);
        }
        if (resampler == null) {
            resampler = Resampler.of(audio.sampleRate(), outputRate, audio.channels());
            startUs = audio.timestampUs();
            emittedFrames = 0;
            toSkip = resampler.latencyFrames();
        }
        metadata = audio.metadata();
        emit(resampler.process(audio.toArray()), out);
    }

    @Override
    public void flush(Emitter out) {
        if (resampler != null) {
            emit(resampler.flush(), out);
            resampler = null;
        }
    }

    private void emit(float[] interleaved, Emitter out) {
        final int channels = resampler.channels();
        int frames = interleaved.length / channels;
        int from = 0;
        if (toSkip > 0) {
            final int skip = (int) Math.min(toSkip, frames);
            toSkip -= skip;
            from = skip;
            frames -= skip;
        }
        if (frames == 0) {
            return;
        }
        final float[] samples = from == 0 ? interleaved
                                          : java.util.Arrays.copyOfRange(interleaved, from * channels,
                                                                         interleaved.length);
        final long timestampUs = startUs + emittedFrames * 1_000_000 / outputRate;
        emittedFrames += frames;
        out.emit(AudioData.wrap(samples, outputRate, channels, timestampUs, metadata));
    }
}
