package dev.remotemedia.codec.internal;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.codec.OpusConfig;
import dev.remotemedia.codec.OpusEncoder;
import java.util.Objects;

/**
 * What both encoders share: argument and state checks, the settings in force, and copying the packet
 * out so that a too-small buffer fails the same way for both.
 */
abstract class AbstractOpusEncoder implements OpusEncoder {
    private OpusConfig config;
    private final byte[] packet = new byte[MAX_PACKET_BYTES];
    private boolean closed;

    AbstractOpusEncoder(OpusConfig config) {
        this.config = requireNonNull(config, "config");
    }

    /** Encodes one frame into {@code packet} (of {@link #MAX_PACKET_BYTES}) and returns its length. */
    abstract int encodeFrame(short[] pcm, int pcmOffset, byte[] packet);

    /** Applies changed settings (same channels, frame and application) before the next frame. */
    abstract void reconfigure(OpusConfig config);

    /** Frees the library's state; called once. */
    abstract void free();

    @Override
    public final OpusConfig config() {
        return config;
    }

    @Override
    public final int encode(short[] pcm, int pcmOffset, byte[] out, int outOffset, int maxLength) {
        requireNonNull(pcm, "pcm");
        requireNonNull(out, "out");
        checkOpen();
        Objects.checkFromIndexSize(pcmOffset, config.frameSamples() * config.channels(), pcm.length);
        Objects.checkFromIndexSize(outOffset, maxLength, out.length);
        final int length = encodeFrame(pcm, pcmOffset, packet);
        if (length > maxLength) {
            throw new IllegalArgumentException("maxLength: " + maxLength + " (expected: >= " + length
                                               + ", the packet's length; " + MAX_PACKET_BYTES
                                               + " always suffices)");
        }
        System.arraycopy(packet, 0, out, outOffset, length);
        return length;
    }

    @Override
    public final void setBitrate(int bitrate) {
        update(config.toBuilder().bitrate(bitrate).build());
    }

    @Override
    public final void setComplexity(int complexity) {
        update(config.toBuilder().complexity(complexity).build());
    }

    @Override
    public final void setInbandFec(boolean inbandFec) {
        update(config.toBuilder().inbandFec(inbandFec).build());
    }

    @Override
    public final void setPacketLossPercent(int percent) {
        update(config.toBuilder().expectedPacketLossPercent(percent).build());
    }

    @Override
    public final void setDtx(boolean dtx) {
        update(config.toBuilder().dtx(dtx).build());
    }

    private void update(OpusConfig changed) {
        checkOpen();
        if (!changed.equals(config)) {
            config = changed;
            reconfigure(changed);
        }
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            free();
        }
    }

    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException("OpusEncoder is closed");
        }
    }
}
