package dev.remotemedia.transport.peer;

import dev.remotemedia.pipeline.manifest.Manifest;
import dev.remotemedia.pipeline.manifest.NodeSpec;

/**
 * The audio a pipeline takes, from the {@code sample_rate} and {@code channels} params of its
 * manifest's Input node; 0 means "whatever the first audio of the session has".
 */
record AudioInputFormat(int sampleRate, int channels) {
    static final AudioInputFormat ANY = new AudioInputFormat(0, 0);

    static AudioInputFormat of(Manifest manifest) {
        for (NodeSpec node : manifest.nodes()) {
            if (Manifest.INPUT.equals(node.nodeType())) {
                return new AudioInputFormat(intParam(node, "sample_rate"), intParam(node, "channels"));
            }
        }
        return ANY;
    }

    private static int intParam(NodeSpec node, String name) {
        final Object value = node.params().get(name);
        return value instanceof Number n ? n.intValue() : 0;
    }

    /** This format with what it leaves open taken from audio of {@code rate} Hz and {@code channels}. */
    AudioInputFormat orElse(int rate, int channelCount) {
        return new AudioInputFormat(sampleRate != 0 ? sampleRate : rate, channels != 0 ? channels : channelCount);
    }

    boolean matches(int rate, int channelCount) {
        return sampleRate == rate && channels == channelCount;
    }

    @Override
    public String toString() {
        return sampleRate + " Hz, " + (channels == 1 ? "mono" : channels + " channels");
    }
}
