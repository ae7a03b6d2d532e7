package dev.remotemedia.codec.internal;

import dev.remotemedia.codec.OpusConfig;
import dev.remotemedia.codec.OpusImplementation;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusException;

/** An {@link dev.remotemedia.codec.OpusEncoder} on Concentus; settings change in place. */
public final class ConcentusOpusEncoder extends AbstractOpusEncoder {
    private final io.github.jaredmdobson.concentus.OpusEncoder encoder;

    public ConcentusOpusEncoder(OpusConfig config) {
        super(config);
        try {
            encoder = new io.github.jaredmdobson.concentus.OpusEncoder(
                    OpusConfig.SAMPLE_RATE, config.channels(), application(config));
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus refused " + config + ": " + e.getMessage(), e);
        }
        encoder.setUseVBR(true);
        encoder.setUseConstrainedVBR(false);
        reconfigure(config);
    }

    private static OpusApplication application(OpusConfig config) {
        switch (config.application()) {
            case VOIP:
                return OpusApplication.OPUS_APPLICATION_VOIP;
            case AUDIO:
                return OpusApplication.OPUS_APPLICATION_AUDIO;
            default:
                return OpusApplication.OPUS_APPLICATION_RESTRICTED_LOWDELAY;
        }
    }

    @Override
    public OpusImplementation implementation() {
        return OpusImplementation.CONCENTUS;
    }

    @Override
    int encodeFrame(short[] pcm, int pcmOffset, byte[] packet) {
        try {
            return encoder.encode(pcm, pcmOffset, config().frameSamples(), packet, 0, packet.length);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus failed to encode a frame: " + e.getMessage(), e);
        }
    }

    @Override
    void reconfigure(OpusConfig config) {
        encoder.setBitrate(config.bitrate());
        encoder.setComplexity(config.complexity());
        encoder.setUseInbandFEC(config.inbandFec());
        encoder.setPacketLossPercent(config.expectedPacketLossPercent());
        encoder.setUseDTX(config.dtx());
    }

    @Override
    void free() {
        // Heap only: nothing to free.
    }
}
