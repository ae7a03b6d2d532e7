package dev.remotemedia.pipeline.nodes;

import dev.remotemedia.pipeline.data.VideoData;
import dev.remotemedia.pipeline.manifest.Manifest;
import dev.remotemedia.pipeline.node.NodeDescriptor;
import dev.remotemedia.pipeline.node.NodeKind;
import dev.remotemedia.pipeline.node.NodeParams;
import dev.remotemedia.pipeline.node.NodeProvider;
import dev.remotemedia.pipeline.node.ParamSpec;
import java.util.List;

/**
 * The node types that ship with the pipeline, registered through
 * {@code META-INF/services/dev.remotemedia.pipeline.node.NodeProvider} exactly as a third-party jar
 * registers its own.
 */
public final class BuiltInNodes implements NodeProvider {
    /** Instantiated by {@link java.util.ServiceLoader}. */
    public BuiltInNodes() {}

    @Override
    public List<NodeDescriptor> nodes() {
        return List.of(
                NodeDescriptor.builder(Manifest.INPUT, NodeKind.TRANSFORM)
                              .description("Where the session's inputs enter the pipeline.")
                              .param(ParamSpec.integer("sample_rate", 0L, 0, 192_000,
                                                       "Rate the pipeline's audio must have, 8000..192000 Hz;"
                                                       + " 0 = the rate of the first audio. A ServerPeer"
                                                       + " resamples track audio to it."))
                              .param(ParamSpec.integer("channels", 0L, 0, 8,
                                                       "Channels the pipeline's audio must have; 0 = those of"
                                                       + " the first audio. A ServerPeer mixes track audio to it."))
                              .factory(ctx -> input(ctx.params())).build(),
                NodeDescriptor.builder(Manifest.OUTPUT, NodeKind.TRANSFORM)
                              .description("What reaches it becomes the session's output.")
                              .factory(ctx -> PassthroughNode.INSTANCE).build(),
                NodeDescriptor.builder("Passthrough", NodeKind.TRANSFORM)
                              .description("Passes every item on unchanged.")
                              .factory(ctx -> PassthroughNode.INSTANCE).build(),
                NodeDescriptor.builder("Gain", NodeKind.TRANSFORM)
                              .description("Scales audio by a gain in decibels.")
                              .param(ParamSpec.number("gain_db", 0.0, -120, 60, "Gain in dB; negative attenuates."))
                              .factory(ctx -> new GainNode(ctx.params().getDouble("gain_db"))).build(),
                NodeDescriptor.builder("ToneGenerator", NodeKind.SOURCE)
                              .description("Generates a sine tone in real time.")
                              .param(ParamSpec.number("frequency_hz", 440.0, 1, 96_000, "Tone frequency."))
                              .param(ParamSpec.number("amplitude", 0.5, 0, 1, "Peak amplitude, 1 = full scale."))
                              .param(ParamSpec.integer("sample_rate", 48_000L, 8_000, 192_000, "Output rate in Hz."))
                              .param(ParamSpec.integer("channels", 1L, 1, 8, "Output channels (same tone in each)."))
                              .param(ParamSpec.integer("frame_ms", 20L, 1, 1000, "Length of each emitted frame."))
                              .param(ParamSpec.integer("duration_ms", 0L, 0, 86_400_000, "Total length; 0 = endless."))
                              .factory(ctx -> tone(ctx.params())).build(),
                NodeDescriptor.builder("TextTransform", NodeKind.TRANSFORM)
                              .description("Transforms text: upper, lower, reverse or echo.")
                              .param(ParamSpec.choice("mode", "upper", List.of("upper", "lower", "reverse", "echo"),
                                                      "What to do to the text."))
                              .factory(ctx -> new TextTransformNode(ctx.params().getString("mode"))).build(),
                NodeDescriptor.builder("Resample", NodeKind.TRANSFORM)
                              .description("Converts audio to another sample rate (band-limited).")
                              .param(ParamSpec.integer("output_rate", 16_000L, 8_000, 192_000, "Output rate in Hz."))
                              .factory(ctx -> new ResampleNode(ctx.params().getInt("output_rate"))).build(),
                NodeDescriptor.builder("AudioMixer", NodeKind.MULTI_INPUT)
                              .description("Sums the audio of its inputs, aligned by timestamp.")
                              .param(ParamSpec.integer("sample_rate", 48_000L, 8_000, 192_000, "Rate of every input."))
                              .param(ParamSpec.integer("channels", 1L, 1, 8, "Channels of every input."))
                              .param(ParamSpec.integer("max_wait_ms", 40L, 0, 10_000,
                                                       "How long a late input is waited for."))
                              .factory(ctx -> new AudioMixerNode(ctx.inputCount(), ctx.params().getInt("sample_rate"),
                                                                 ctx.params().getInt("channels"),
                                                                 ctx.params().getLong("max_wait_ms"))).build(),
                NodeDescriptor.builder("VoiceActivityDetection", NodeKind.TRANSFORM)
                              .description("Emits speech_start / speech_end control events; can gate audio.")
                              .param(ParamSpec.number("threshold", 0.5, 0, 1, "Speech probability threshold."))
                              .param(ParamSpec.integer("min_speech_duration_ms", 250L, 0, 10_000,
                                                       "Speech shorter than this is ignored."))
                              .param(ParamSpec.integer("min_silence_duration_ms", 500L, 0, 10_000,
                                                       "Silence shorter than this does not end speech."))
                              .param(ParamSpec.bool("gate_audio", false, "Pass only the audio that is speech."))
                              .factory(ctx -> new VoiceActivityDetectionNode(
                                      ctx.params().getDouble("threshold"),
                                      ctx.params().getInt("min_speech_duration_ms"),
                                      ctx.params().getInt("min_silence_duration_ms"),
                                      ctx.params().getBoolean("gate_audio"))).build(),
                NodeDescriptor.builder("Grayscale", NodeKind.TRANSFORM)
                              .description("Removes the colour of video: I420/NV12 chroma set to 128, RGB24 to its"
                                           + " luma; other data passes unchanged.")
                              .factory(ctx -> GrayscaleNode.INSTANCE).build(),
                NodeDescriptor.builder("Invert", NodeKind.TRANSFORM)
                              .description("Turns video into its negative (255 - v in every channel).")
                              .factory(ctx -> InvertNode.INSTANCE).build(),
                NodeDescriptor.builder("Blur", NodeKind.TRANSFORM)
                              .description("Blurs video with a box filter; three passes approximate a Gaussian.")
                              .param(ParamSpec.integer("radius", 2L, 0, 64,
                                                       "Half the box size in luma pixels; 0 = unchanged."))
                              .param(ParamSpec.integer("passes", 1L, 1, 4, "How many times the box is applied."))
                              .factory(ctx -> new BlurNode(ctx.params().getInt("radius"), ctx.params().getInt("passes")))
                              .build(),
                NodeDescriptor.builder("Scale", NodeKind.TRANSFORM)
                              .description("Resizes video (bilinear) to width x height.")
                              .param(ParamSpec.integer("width", 640L, 2, VideoData.MAX_DIMENSION,
                                                       "Output width in pixels, even."))
                              .param(ParamSpec.integer("height", 360L, 2, VideoData.MAX_DIMENSION,
                                                       "Output height in pixels, even."))
                              .factory(ctx -> new ScaleNode(ctx.params().getInt("width"), ctx.params().getInt("height")))
                              .build(),
                NodeDescriptor.builder("Overlay", NodeKind.TRANSFORM)
                              .description("Draws a text or the frame's timestamp into the video's luma.")
                              .param(ParamSpec.string("text", "", "Text to draw; empty = the frame's timestamp as"
                                                                  + " h:mm:ss.mmm. Lower case is drawn upper case,"
                                                                  + " characters without a glyph as ?."))
                              .param(ParamSpec.integer("x", 8L, 0, VideoData.MAX_DIMENSION,
                                                       "Left edge of the text box in pixels."))
                              .param(ParamSpec.integer("y", 8L, 0, VideoData.MAX_DIMENSION,
                                                       "Top edge of the text box in pixels."))
                              .param(ParamSpec.integer("scale", 2L, 1, 16,
                                                       "Size of one font pixel in pixels (the font is 5 x 7)."))
                              .factory(ctx -> new OverlayNode(ctx.params().getString("text"), ctx.params().getInt("x"),
                                                              ctx.params().getInt("y"), ctx.params().getInt("scale")))
                              .build(),
                NodeDescriptor.builder("Recorder", NodeKind.SINK)
                              .description("Writes the audio it receives to a WAV file.")
                              .param(ParamSpec.string("directory", null, "Existing directory to write into."))
                              .param(ParamSpec.string("file_name", "", "File name; default <session>-<node>.wav."))
                              .param(ParamSpec.choice("format", "float32", List.of("float32", "pcm16"),
                                                      "Sample format of the file."))
                              .factory(ctx -> new RecorderNode(ctx.params().getString("directory"),
                                                               ctx.params().getString("file_name"), ctx.sessionId(),
                                                               ctx.nodeId(),
                                                               "float32".equals(ctx.params().getString("format"))))
                              .build());
    }

    /** The Input passes everything on; its params are read by whoever feeds it (a ServerPeer). */
    private static PassthroughNode input(NodeParams p) {
        final int rate = p.getInt("sample_rate");
        if (rate != 0 && rate < 8_000) {
            throw new IllegalArgumentException("sample_rate: " + rate + " (expected: 0 or 8000..192000)");
        }
        return PassthroughNode.INSTANCE;
    }

    private static ToneGeneratorNode tone(NodeParams p) {
        return new ToneGeneratorNode(p.getDouble("frequency_hz"), p.getDouble("amplitude"), p.getInt("sample_rate"),
                                     p.getInt("channels"), p.getInt("frame_ms"), p.getLong("duration_ms"));
    }
}
