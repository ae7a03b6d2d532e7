package dev.remotemedia.pipeline.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.pipeline.manifest.Manifests;
import dev.remotemedia.pipeline.runtime.PipelineRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTransformNodeTest {

    @Test
    void each_mode_transforms_text() {
        final TextData in = new TextData("Straße İi 🎵x", "de", Map.of("id", "1"));
        assertThat(run("upper", in)).isEqualTo(new TextData("STRASSE İI 🎵X", "de", Map.of("id", "1")));
        assertThat(run("lower", in)).isEqualTo(new TextData("straße i̇i 🎵x", "de", Map.of("id", "1")));
        assertThat(run("reverse", in)).isEqualTo(new TextData("x🎵 iİ eßartS", "de", Map.of("id", "1")));
        assertThat(run("echo", in)).isSameAs(in);
    }

    @Test
    void other_data_passes_unchanged() {
        final AudioData audio = AudioData.of(new float[1], 8000, 1, 0);
        assertThat(run("upper", audio)).isSameAs(audio);
    }

    @Test
    void the_shipped_text_upper_manifest_upper_cases() {
        try (PipelineRunner runner = PipelineRunner.of()) {
            assertThat(runner.executeUnary(Manifests.builtIn("text-upper"), TextData.of("hello")))
                    .containsExactly(TextData.of("HELLO"));
        }
    }

    private static RuntimeData run(String mode, RuntimeData in) {
        final List<RuntimeData> out = new ArrayList<>();
        new TextTransformNode(mode).process(in, out::add);
        assertThat(out).hasSize(1);
        return out.get(0);
    }
}
