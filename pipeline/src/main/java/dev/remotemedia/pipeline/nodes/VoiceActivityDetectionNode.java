package dev.remotemedia.pipeline.nodes;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.ControlData;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.dsp.VadEvent;
import dev.remotemedia.pipeline.dsp.VoiceActivityDetector;
import dev.remotemedia.pipeline.node.Emitter;
import dev.remotemedia.pipeline.node.TransformNode;
import dev.remotemedia.rtc.common.Nullable;
import java.util.ArrayDeque;

/**
 * Finds speech in audio ({@link VoiceActivityDetector}; several channels are averaged to mono) and
 * emits {@link ControlData#SPEECH_START} / {@link ControlData#SPEECH_END} control events stamped
 * with the true boundary, before the audio that settled them.
 *
 * <p>Audio passes unchanged, unless {@code gate_audio} is set: then only speech passes. A start
 * is only known {@code min_speech_duration_ms} after the speech began, so while there is no speech
 * the node keeps that much recent audio back and, at a start, emits the part of it from the
 * boundary on; speech is not clipped. The end is only known {@code min_silence_duration_ms} after
 * the speech ended, so that much audio follows it (a hang-over, as in telephony VADs). Other data
 * passes unchanged.
 */
final class VoiceActivityDetectionNode implements TransformNode {
    /** Audio kept back beyond {@code min_speech_duration_ms}: the detector decides up to 20 ms late. */
    private static final long PRE_ROLL_MARGIN_US = 100_000;

    private final double threshold;
    private final int minSpeechMs;
    private final int minSilenceMs;
    private final boolean gate;
    private final ArrayDeque<AudioData> preRoll = new ArrayDeque<>();
    private @Nullable VoiceActivityDetector detector;
    private int sampleRate;

    VoiceActivityDetectionNode(double threshold, int minSpeechMs, int minSilenceMs, boolean gate) {
        this.threshold = threshold;
        this.minSpeechMs = minSpeechMs;
        this.minSilenceMs = minSilenceMs;
        this.gate = gate;
    }

    @Override
    public void process(RuntimeData data, Emitter out) {
        if (!(data instanceof AudioData)) {
            out.emit(data);
            return;
        }
        final AudioData audio = (AudioData) data;
        if (detector == null) {
            sampleRate = audio.sampleRate();
            detector = VoiceActivityDetector.of(sampleRate, threshold, minSpeechMs, minSilenceMs);
        } else if (audio.sampleRate() != sampleRate) {
            throw new IllegalArgumentException("audio of " + audio.sampleRate() + " Hz (expected: " + sampleRate
                                               + " Hz, as the stream began)");
        }
        final boolean wasInSpeech = detector.inSpeech();
        final java.util.List<VadEvent> events = detector.process(mono(audio), audio.timestampUs());
        if (!gate) {
            emitEvents(events, out);
            out.emit(audio);
            return;
        }
        if (!wasInSpeech) {
            keepBack(audio);
        }
        for (VadEvent e : events) {
            out.emit(control(e));
            if (e instanceof VadEvent.SpeechStart) {
                for (AudioData held : preRoll) {
                    if (held.timestampUs() + held.durationUs() > e.timestampUs()) {
                        out.emit(held);
                    }
                }
                preRoll.clear();
            }
        }
        if (wasInSpeech) {
            out.emit(audio);
        }
    }

    private void keepBack(AudioData audio) {
        preRoll.addLast(audio);
        final long keepFromUs = audio.timestampUs() + audio.durationUs() - minSpeechMs * 1000L - PRE_ROLL_MARGIN_US;
        while (preRoll.size() > 1) {
            final AudioData first = preRoll.peekFirst();
            if (first.timestampUs() + first.durationUs() > keepFromUs) {
                break;
            }
            preRoll.pollFirst();
        }
    }

    private static void emitEvents(java.util.List<VadEvent> events, Emitter out) {
        for (VadEvent e : events) {
            out.emit(control(e));
        }
    }

    private static ControlData control(VadEvent e) {
        return ControlData.of(e instanceof VadEvent.SpeechStart ? ControlData.SPEECH_START : ControlData.SPEECH_END,
                              e.timestampUs());
    }

    private static float[] mono(AudioData audio) {
        final int channels = audio.channels();
        if (channels == 1) {
            return audio.toArray();
        }
        final float[] mono = new float[audio.frames()];
        for (int f = 0; f < mono.length; f++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += audio.sample(f * channels + c);
            }
            mono[f] = sum / channels;
        }
        return mono;
    }
}
