package dev.remotemedia.pipeline.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ReadOnlyBufferException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RuntimeData is immutable, and sharing it between nodes copies nothing. */
class RuntimeDataTest {

    @Test
    void audio_of_copies_the_callers_array_once() {
        final float[] samples = {0.1f, 0.2f, 0.3f, 0.4f};
        final AudioData audio = AudioData.of(samples, 48_000, 2, 1_000);
        samples[0] = 9f;
        assertThat(audio.sample(0)).isEqualTo(0.1f);
        assertThat(audio.frames()).isEqualTo(2);
        assertThat(audio.durationUs()).isEqualTo(41);
    }

    @Test
    void audio_accessors_never_hand_out_the_array() {
        final AudioData audio = AudioData.wrap(new float[] {0.5f, -0.5f}, 16_000, 1, 0);
        assertThatThrownBy(() -> audio.asBuffer().put(0, 1f)).isInstanceOf(ReadOnlyBufferException.class);
        final float[] copy = audio.toArray();
        copy[0] = 1f;
        assertThat(audio.sample(0)).isEqualTo(0.5f);
    }

    @Test
    void derived_audio_shares_its_samples() {
        final float[] samples = {0.25f, 0.75f};
        final AudioData audio = AudioData.wrap(samples, 8_000, 1, 0);
        final AudioData moved = audio.withTimestampUs(20_000).withMetadata(Map.of("k", "v"));
        // wrap() took ownership: a write by the (misbehaving) owner shows through both, proving no copy was made.
        samples[1] = 0f;
        assertThat(moved.sample(1)).isZero();
        assertThat(moved.timestampUs()).isEqualTo(20_000);
        assertThat(moved.metadata()).containsEntry("k", "v");
        assertThat(audio.metadata()).isEmpty();
    }

    @Test
    void audio_checks_its_shape() {
        assertThatThrownBy(() -> AudioData.of(new float[3], 48_000, 2, 0))
                .hasMessage("samples.length: 3 (expected: a multiple of channels, 2)");
        assertThatThrownBy(() -> AudioData.of(new float[2], 0, 1, 0)).hasMessage("sampleRate: 0 (expected: > 0)");
        assertThatThrownBy(() -> AudioData.of(new float[2], 8000, 0, 0)).hasMessage("channels: 0 (expected: > 0)");
    }

    @Test
    void video_checks_the_size_of_each_format() {
        assertThat(PixelFormat.I420.frameSize(4, 2)).isEqualTo(12);
        assertThat(PixelFormat.NV12.frameSize(3, 3)).isEqualTo(9 + 2 * 4);
        assertThat(PixelFormat.RGB24.frameSize(2, 2)).isEqualTo(12);
        final VideoData v = VideoData.wrap(new byte[12], 4, 2, PixelFormat.I420, 33_000, true, 7);
        assertThat(v.pixels().isReadOnly()).isTrue();
        assertThatThrownBy(() -> VideoData.wrap(new byte[11], 4, 2, PixelFormat.I420, 0, false, 0))
                .hasMessage("pixels.length: 11 (expected: 12 for 4x2 I420)");
        assertThatThrownBy(() -> VideoData.wrap(new byte[0], 0, 2, PixelFormat.I420, 0, false, 0))
                .hasMessage("width: 0 (expected: 1..8192)");
    }

    @Test
    void metadata_is_copied_and_immutable() {
        final Map<String, String> meta = new HashMap<>(Map.of("a", "1"));
        final TextData text = TextData.of("hi").withMetadata(meta);
        meta.put("b", "2");
        assertThat(text.metadata()).containsExactly(Map.entry("a", "1"));
        assertThatThrownBy(() -> text.metadata().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void binary_and_control_data() {
        final byte[] bytes = {1, 2, 3};
        final BinaryData bin = BinaryData.of(bytes, "application/x-test");
        bytes[0] = 9;
        assertThat(bin.toByteArray()).containsExactly(1, 2, 3);
        assertThat(bin.data().isReadOnly()).isTrue();
        assertThat(ControlData.of(ControlData.SPEECH_START, 5).kind()).isEqualTo("control");
        assertThatThrownBy(() -> ControlData.of("", 0)).hasMessage("controlKind: \"\" (expected: a non-empty name)");
    }
}
