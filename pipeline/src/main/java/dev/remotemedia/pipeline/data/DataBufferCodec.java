package dev.remotemedia.pipeline.data;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import dev.remotemedia.pipeline.proto.AudioBuffer;
import dev.remotemedia.pipeline.proto.BinaryBuffer;
import dev.remotemedia.pipeline.proto.ControlMessage;
import dev.remotemedia.pipeline.proto.DataBuffer;
import dev.remotemedia.pipeline.proto.TextBuffer;
import dev.remotemedia.pipeline.proto.VideoFrame;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts between {@link RuntimeData} and the {@code DataBuffer} protobuf carried on the
 * {@code remotemedia} data channel (DESIGN.md §5.3). The conversion is lossless both ways: audio
 * samples keep their exact bits (little-endian IEEE 754), and metadata travels in
 * {@code DataBuffer.metadata}.
 *
 * <p>Incoming buffers are hostile input: {@link #decode} bounds the size and every inconsistency
 * (no payload, a sample count that does not match the bytes, a frame of the wrong size) is refused
 * with a {@link RemoteMediaException} of {@link ErrorCode#INVALID_PARAMS} naming the field.
 */
public final class DataBufferCodec {
    /** The smallest {@code max-message-size} a peer may negotiate (DESIGN.md §5.3). */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;

    private DataBufferCodec() {}

    /** Converts {@code data} to a {@code DataBuffer}. */
    public static DataBuffer toProto(RuntimeData data) {
        requireNonNull(data, "data");
        final DataBuffer.Builder b = DataBuffer.newBuilder().putAllMetadata(data.metadata());
        if (data instanceof AudioData) {
            final AudioData audio = (AudioData) data;
            final ByteBuffer bytes = ByteBuffer.allocate(audio.sampleCount() * Float.BYTES)
                                               .order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(audio.asBuffer());
            b.setAudio(AudioBuffer.newBuilder()
                                  .setSamples(UnsafeByteOperations.unsafeWrap(bytes.array()))
                                  .setSampleRate(audio.sampleRate())
                                  .setChannels(audio.channels())
                                  .setNumSamples(audio.frames())
                                  .setTimestampUs(audio.timestampUs()));
        } else if (data instanceof VideoData) {
            final VideoData video = (VideoData) data;
            b.setVideo(VideoFrame.newBuilder()
                                 .setPixelData(ByteString.copyFrom(video.pixels()))
                                 .setWidth(video.width())
                                 .setHeight(video.height())
                                 .setFormat(toProto(video.format()))
                                 .setTimestampUs(video.timestampUs())
                                 .setKeyframe(video.keyframe())
                                 .setFrameNumber(video.frameNumber()));
        } else if (data instanceof TextData) {
            final TextData text = (TextData) data;
            b.setText(TextBuffer.newBuilder().setText(text.text()).setLanguage(text.language()));
        } else if (data instanceof BinaryData) {
            final BinaryData binary = (BinaryData) data;
            b.setBinary(BinaryBuffer.newBuilder()
                                    .setData(ByteString.copyFrom(binary.data()))
                                    .setMimeType(binary.mimeType()));
        } else if (data instanceof JsonData) {
            final JsonData json = (JsonData) data;
            b.setJson(dev.remotemedia.pipeline.proto.JsonData.newBuilder()
                                                             .setJson(json.json())
                                                             .setSchemaType(json.schemaType()));
        } else {
            final ControlData control = (ControlData) data;
            b.setControl(ControlMessage.newBuilder()
                                       .setKind(control.controlKind())
                                       .setTimestampUs(control.timestampUs())
                                       .setPayloadJson(control.payloadJson()));
        }
        return b.build();
    }

    /** Serializes {@code data} as a {@code DataBuffer}. */
    public static byte[] encode(RuntimeData data) {
        return toProto(data).toByteArray();
    }

    /**
     * Parses a serialized {@code DataBuffer} of at most {@code maxBytes} bytes.
     *
     * @throws RemoteMediaException ({@link ErrorCode#INVALID_PARAMS}) if it is too large, malformed
     *                              or inconsistent
     */
    public static RuntimeData decode(byte[] bytes, int maxBytes) {
        requireNonNull(bytes, "bytes");
        if (bytes.length > maxBytes) {
            throw invalid("DataBuffer: " + bytes.length + " bytes (expected: at most " + maxBytes + ')');
        }
        final DataBuffer proto;
        try {
            // The size is bounded above; DataBuffer nests two levels, far below protobuf's recursion limit.
            proto = DataBuffer.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw invalid("DataBuffer: malformed protobuf (" + e.getMessage() + ')');
        }
        return fromProto(proto);
    }

    /**
     * Converts a {@code DataBuffer} to {@link RuntimeData}.
     *
     * @throws RemoteMediaException ({@link ErrorCode#INVALID_PARAMS}) if it has no payload or is
     *                              inconsistent
     */
    public static RuntimeData fromProto(DataBuffer proto) {
        requireNonNull(proto, "proto");
        try {
            return fromProtoUnchecked(proto).withMetadata(proto.getMetadataMap());
        } catch (IllegalArgumentException e) {
            throw invalid("DataBuffer." + proto.getPayloadCase().name().toLowerCase(java.util.Locale.ROOT)
                          + ": " + e.getMessage());
        }
    }

    private static RuntimeData fromProtoUnchecked(DataBuffer proto) {
        switch (proto.getPayloadCase()) {
            case AUDIO:
                return audio(proto.getAudio());
            case VIDEO:
                return video(proto.getVideo());
            case TEXT:
                return TextData.of(proto.getText().getText()).withLanguage(proto.getText().getLanguage());
            case BINARY:
                return BinaryData.wrap(proto.getBinary().getData().toByteArray(), proto.getBinary().getMimeType());
            case JSON:
                return new JsonData(proto.getJson().getJson(), proto.getJson().getSchemaType(), java.util.Map.of());
            case CONTROL:
                final ControlMessage c = proto.getControl();
                if (c.getKind().isEmpty()) {
                    throw new IllegalArgumentException("kind: \"\" (expected: a non-empty name)");
                }
                return new ControlData(c.getKind(), c.getTimestampUs(), c.getPayloadJson(), java.util.Map.of());
            case PAYLOAD_NOT_SET:
            default:
                throw invalid("DataBuffer: no payload (expected one of: audio, video, text, binary, json, control)");
        }
    }

    private static AudioData audio(AudioBuffer a) {
        final int channels = a.getChannels();
        final int sampleRate = a.getSampleRate();
        if (channels <= 0 || channels > 64) {
            throw new IllegalArgumentException("channels: " + Integer.toUnsignedString(channels)
                                               + " (expected: 1..64)");
        }
        if (sampleRate <= 0 || sampleRate > 768_000) {
            throw new IllegalArgumentException("sample_rate: " + Integer.toUnsignedString(sampleRate)
                                               + " (expected: 1..768000)");
        }
        final int byteCount = a.getSamples().size();
        final int frameBytes = Float.BYTES * channels;
        if (byteCount % frameBytes != 0) {
            throw new IllegalArgumentException("samples: " + byteCount + " bytes (expected: a multiple of "
                                               + frameBytes + ", 4 bytes × " + channels + " channels)");
        }
        final long frames = byteCount / frameBytes;
        if (a.getNumSamples() != frames) {
            throw new IllegalArgumentException("num_samples: " + Long.toUnsignedString(a.getNumSamples())
                                               + " (expected: " + frames + ", the frames in samples)");
        }
        final float[] samples = new float[byteCount / Float.BYTES];
        a.getSamples().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(samples);
        return AudioData.wrap(samples, sampleRate, channels, a.getTimestampUs());
    }

    private static VideoData video(VideoFrame v) {
        if (v.getFrameNumber() < 0) {
            throw new IllegalArgumentException("frame_number: " + Long.toUnsignedString(v.getFrameNumber())
                                               + " (expected: < 2^63)");
        }
        return VideoData.wrap(v.getPixelData().toByteArray(), v.getWidth(), v.getHeight(), fromProto(v.getFormat()),
                              v.getTimestampUs(), v.getKeyframe(), v.getFrameNumber());
    }

    private static dev.remotemedia.pipeline.proto.PixelFormat toProto(PixelFormat format) {
        switch (format) {
            case I420:
                return dev.remotemedia.pipeline.proto.PixelFormat.PIXEL_FORMAT_I420;
            case NV12:
                return dev.remotemedia.pipeline.proto.PixelFormat.PIXEL_FORMAT_NV12;
            case RGB24:
                return dev.remotemedia.pipeline.proto.PixelFormat.PIXEL_FORMAT_RGB24;
            default:
                throw new AssertionError(format);
        }
    }

    private static PixelFormat fromProto(dev.remotemedia.pipeline.proto.PixelFormat format) {
        switch (format) {
            case PIXEL_FORMAT_I420:
                return PixelFormat.I420;
            case PIXEL_FORMAT_NV12:
                return PixelFormat.NV12;
            case PIXEL_FORMAT_RGB24:
                return PixelFormat.RGB24;
            default:
                throw new IllegalArgumentException("format: " + format.name() + " (expected: I420, NV12 or RGB24)");
        }
    }

    private static RemoteMediaException invalid(String message) {
        return new RemoteMediaException(ErrorCode.INVALID_PARAMS, message);
    }
}
