package dev.remotemedia.pipeline.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.remotemedia.pipeline.proto.AudioBuffer;
import dev.remotemedia.pipeline.proto.DataBuffer;
import dev.remotemedia.pipeline.proto.VideoFrame;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** DESIGN.md §5.3: RuntimeData ↔ DataBuffer is lossless, and bad buffers are refused with the field named. */
class DataBufferCodecTest {
    private static final Map<String, String> META = Map.of("peer", "p1", "seq", "42", "ünï", "cödé");

    static Stream<RuntimeData> everyKind() {
        return Stream.of(
                AudioData.of(new float[] {0f, -0f, 1f, -1f, Float.MIN_VALUE, Float.MAX_VALUE, 0.123456789f,
                                          Float.NEGATIVE_INFINITY}, 48_000, 2, -5).withMetadata(META),
                AudioData.of(new float[0], 16_000, 1, Long.MAX_VALUE),
                VideoData.wrap(bytes(6 * 4 * 3 / 2), 6, 4, PixelFormat.I420, 1_000_000, true, 12).withMetadata(META),
                VideoData.wrap(bytes(5 * 3 + 2 * 3 * 2), 5, 3, PixelFormat.NV12, 0, false, 0),
                VideoData.wrap(bytes(2 * 2 * 3), 2, 2, PixelFormat.RGB24, 7, false, Long.MAX_VALUE),
                new TextData("héllo 🌍", "fr", META),
                TextData.of(""),
                BinaryData.of(bytes(300), "image/png").withMetadata(META),
                new JsonData("{\"a\":[1,2,{\"b\":null}]}", "acme.Thing", META),
                new ControlData(ControlData.SPEECH_END, 1_234_567, "{\"confidence\":0.9}", META),
                ControlData.of("custom_kind", -1));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void round_trips_every_kind_with_metadata(RuntimeData data) {
        final byte[] wire = DataBufferCodec.encode(data);
        final RuntimeData back = DataBufferCodec.decode(wire, DataBufferCodec.DEFAULT_MAX_BYTES);
        assertThat(back).isEqualTo(data);
        assertThat(back.metadata()).isEqualTo(data.metadata());
        assertThat(DataBufferCodec.toProto(back)).isEqualTo(DataBufferCodec.toProto(data));
    }

    @Test
    void audio_keeps_every_bit_including_nan_payloads() {
        final float[] odd = {Float.intBitsToFloat(0x7fc0_1234), Float.intBitsToFloat(0xffc0_0001), -0f};
        final AudioData back = (AudioData) DataBufferCodec.decode(
                DataBufferCodec.encode(AudioData.of(odd, 8_000, 1, 0)), 1024);
        for (int i = 0; i < odd.length; i++) {
            assertThat(Float.floatToRawIntBits(back.sample(i))).isEqualTo(Float.floatToRawIntBits(odd[i]));
        }
    }

    @Test
    void audio_samples_are_little_endian_float32_and_num_samples_counts_frames() {
        final DataBuffer proto = DataBufferCodec.toProto(AudioData.of(new float[] {1f, 0.5f}, 48_000, 2, 3));
        assertThat(proto.getAudio().getSamples().toByteArray())
                .containsExactly(0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0x3f);
        assertThat(proto.getAudio().getNumSamples()).isEqualTo(1);
        assertThat(proto.getAudio().getChannels()).isEqualTo(2);
    }

    @Test
    void refuses_bad_buffers_naming_the_field() {
        final List<Object[]> cases = List.of(
                new Object[] {DataBuffer.getDefaultInstance(),
                              "DataBuffer: no payload (expected one of: audio, video, text, binary, json, control)"},
                new Object[] {audio(ByteString.copyFrom(new byte[6]), 48_000, 1, 1),
                              "DataBuffer.audio: samples: 6 bytes (expected: a multiple of 4, 4 bytes × 1 channels)"},
                new Object[] {audio(ByteString.copyFrom(new byte[8]), 48_000, 1, 3),
                              "DataBuffer.audio: num_samples: 3 (expected: 2, the frames in samples)"},
                new Object[] {audio(ByteString.EMPTY, 0, 1, 0),
                              "DataBuffer.audio: sample_rate: 0 (expected: 1..768000)"},
                new Object[] {audio(ByteString.EMPTY, 48_000, -1, 0),
                              "DataBuffer.audio: channels: 4294967295 (expected: 1..64)"},
                new Object[] {DataBuffer.newBuilder().setVideo(VideoFrame.newBuilder().setWidth(2).setHeight(2)
                        .setFormat(dev.remotemedia.pipeline.proto.PixelFormat.PIXEL_FORMAT_RGB24)
                        .setPixelData(ByteString.copyFrom(new byte[5]))).build(),
                              "DataBuffer.video: pixels.length: 5 (expected: 12 for 2x2 RGB24)"},
                new Object[] {DataBuffer.newBuilder().setVideo(VideoFrame.newBuilder().setWidth(2).setHeight(2)).build(),
                              "DataBuffer.video: format: PIXEL_FORMAT_UNSPECIFIED (expected: I420, NV12 or RGB24)"},
                new Object[] {DataBuffer.newBuilder().setVideo(VideoFrame.newBuilder().setWidth(2).setHeight(2)
                        .setFormat(dev.remotemedia.pipeline.proto.PixelFormat.PIXEL_FORMAT_RGB24).setFrameNumber(-1)
                        .setPixelData(ByteString.copyFrom(new byte[12]))).build(),
                              "DataBuffer.video: frame_number: 18446744073709551615 (expected: < 2^63)"},
                new Object[] {DataBuffer.newBuilder().setControl(
                        dev.remotemedia.pipeline.proto.ControlMessage.getDefaultInstance()).build(),
                              "DataBuffer.control: kind: \"\" (expected: a non-empty name)"});
        for (Object[] c : cases) {
            assertThatThrownBy(() -> DataBufferCodec.fromProto((DataBuffer) c[0]))
                    .isInstanceOf(RemoteMediaException.class).hasMessage((String) c[1])
                    .extracting(e -> ((RemoteMediaException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMS);
        }
    }

    @Test
    void refuses_oversized_and_malformed_bytes() {
        assertThatThrownBy(() -> DataBufferCodec.decode(new byte[11], 10))
                .hasMessage("DataBuffer: 11 bytes (expected: at most 10)");
        assertThatThrownBy(() -> DataBufferCodec.decode(new byte[] {0x0a, 0x7f, 0x01}, 100))
                .isInstanceOf(RemoteMediaException.class).hasMessageStartingWith("DataBuffer: malformed protobuf (");
    }

    private static DataBuffer audio(ByteString samples, int rate, int channels, long numSamples) {
        return DataBuffer.newBuilder().setAudio(AudioBuffer.newBuilder().setSamples(samples).setSampleRate(rate)
                                                           .setChannels(channels).setNumSamples(numSamples)).build();
    }

    private static byte[] bytes(int n) {
        final byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }
}
