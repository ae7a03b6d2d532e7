package dev.remotemedia.codec.video;

import java.util.List;

/**
 * Decodes one codec's frames into I420 {@link VideoFrame}s. Get one from {@link
 * VideoCodecs#decoder(VideoCodecType)}.
 *
 * <p>Give it whole encoded frames in decoding order, as an encoder made them (a depacketizer's
 * output): a VP8 or VP9 frame, an H.264 access unit in Annex B, an AV1 temporal unit. The size of the
 * pictures follows the stream: a keyframe of another size changes it.
 *
 * <p>Not thread-safe: use a decoder serially from one thread, normally the codec executor of its
 * track (DESIGN.md §4), never a network loop. {@link #close()} frees its native state at once; it is
 * idempotent, and {@link #decode} throws {@link IllegalStateException} after it.
 */
public interface VideoDecoder extends AutoCloseable {

    /** The codec this decodes. */
    VideoCodecType codec();

    /**
     * Decodes one encoded frame.
     *
     * @param timestampMicros the frame's capture time, given back on the pictures decoded from it
     * @return the decoded pictures: normally one; none while the decoder waits for a keyframe or for
     *         more data
     * @throws VideoPacketException if the data cannot be decoded; the decoder stays usable, and
     *         decodes again from the next keyframe
     * @throws IllegalStateException if closed
     */
    List<VideoFrame> decode(byte[] data, int offset, int length, long timestampMicros);

    /** Decodes the whole of {@code data}; see {@link #decode(byte[], int, int, long)}. */
    default List<VideoFrame> decode(byte[] data, long timestampMicros) {
        return decode(data, 0, data.length, timestampMicros);
    }

    /** Frees the decoder. Idempotent. */
    @Override
    void close();
}
