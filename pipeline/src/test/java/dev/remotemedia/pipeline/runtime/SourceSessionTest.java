package dev.remotemedia.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.remotemedia.pipeline.data.AudioData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.pipeline.manifest.Manifest;
import dev.remotemedia.pipeline.nodes.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Source nodes are paced by the session's clock, on the runner's one timer thread. */
class SourceSessionTest {

    @Test
    void a_tone_generator_streams_its_frames_next_to_the_inputs() throws Exception {
        final Manifest m = Manifest.builder().node("input", "Input")
                                   .node("tone", "ToneGenerator", Map.of("frequency_hz", 1000, "duration_ms", 100))
                                   .node("output", "Output").connect("input", "output").connect("tone", "output")
                                   .build();
        try (PipelineRunner runner = PipelineRunner.of()) {
            final StreamSession s = runner.createStreamSession(m);
            s.sendInput(TextData.of("hello"));
            final List<AudioData> tone = new ArrayList<>();
            boolean sawText = false;
            while (tone.size() < 5) {
                final Object d = s.receiveOutput(10, TimeUnit.SECONDS);
                assertThat(d).as("output within 10 s").isNotNull();
                if (d instanceof AudioData) {
                    tone.add((AudioData) d);
                } else {
                    sawText = d.equals(TextData.of("hello"));
                }
            }
            s.close();
            assertThat(s.closeFuture().get(10, TimeUnit.SECONDS).clean()).isTrue();
            assertThat(sawText || TextData.of("hello").equals(s.receiveOutput(1, TimeUnit.SECONDS))).isTrue();
            assertThat(tone).extracting(AudioData::timestampUs).containsExactly(0L, 20_000L, 40_000L, 60_000L, 80_000L);
            final float[] y = Signals.concat(tone);
            assertThat(Signals.amplitudeAt(y, 0, y.length, 48_000, 1000)).isCloseTo(0.5, within(0.005));
        }
    }
}
