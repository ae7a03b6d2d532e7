package dev.remotemedia.rtc.pc;

import dev.remotemedia.codec.AudioResampler;
import dev.remotemedia.codec.OpusCodecs;
import dev.remotemedia.codec.OpusConfig;
import dev.remotemedia.codec.OpusEncoder;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.rtp.RtpPacket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One sender's encoding of a track's PCM: resample to 48 kHz and the encoder's channels, cut into
 * frames, Opus-encode, packetize (RFC 7587: one frame per packet, timestamps at 48 kHz) and hand
 * the packets to the connection's loop. Every step but the last runs on the sender's codec thread.
 */
final class AudioSendPipeline {
    private final RTCRtpSender sender;
    private final MediaStreamTrack track;
    private final OpusConfig config;
    private final SerialExecutor executor;
    private final int frameSamples;
    private final short[] frame;
    private final byte[] encoded = new byte[1500];
    private @Nullable OpusEncoder encoder;
    private @Nullable AudioResampler resampler;
    private int resamplerRate;
    private int resamplerChannels;
    private short[] resampled = new short[0];
    private int filled;
    private volatile boolean closed;
    final AtomicLong framesEncoded = new AtomicLong();

    AudioSendPipeline(RTCRtpSender sender, MediaStreamTrack track, OpusConfig config) {
        this.sender = sender;
        this.track = track;
        this.config = config;
        executor = new SerialExecutor(sender.core().codecPool(), 500);
        frameSamples = config.frameSamples();
        frame = new short[frameSamples * config.channels()];
    }

    RTCRtpSender sender() {
        return sender;
    }

    void push(short[] samples, int sampleRate, int channels) {
        executor.execute(() -> encode(samples, sampleRate, channels));
    }

    private void encode(short[] samples, int sampleRate, int channels) {
        if (closed) {
            return;
        }
        final short[] input;
        final int inputFrames;
        if (sampleRate == OpusConfig.SAMPLE_RATE && channels == config.channels()) {
            input = samples;
            inputFrames = samples.length / channels;
        } else {
            if (resampler == null || resamplerRate != sampleRate || resamplerChannels != channels) {
                resampler = AudioResampler.of(sampleRate, channels, config.channels());
                resamplerRate = sampleRate;
                resamplerChannels = channels;
            }
            final int room = resampler.maxOutputFrames(samples.length / channels) * config.channels();
            if (resampled.length < room) {
                resampled = new short[room];
            }
            inputFrames = resampler.process(samples, 0, samples.length / channels, resampled, 0);
            input = resampled;
        }
        final int outChannels = config.channels();
        int pos = 0;
        while (pos < inputFrames) {
            final int take = Math.min(frameSamples - filled, inputFrames - pos);
            System.arraycopy(input, pos * outChannels, frame, filled * outChannels, take * outChannels);
            filled += take;
            pos += take;
            if (filled == frameSamples) {
                sendFrame();
                filled = 0;
            }
        }
    }

    private void sendFrame() {
        if (encoder == null) {
            encoder = OpusCodecs.encoder(config);
        }
        final Integer ceiling = sender.encoding().maxBitrate();
        final int bitrate = ceiling == null ? config.bitrate()
                : Math.max(OpusConfig.MIN_BITRATE, Math.min(config.bitrate(), ceiling));
        if (bitrate != encoder.config().bitrate()) {
            encoder.setBitrate(bitrate); // W3C setParameters(maxBitrate), from this frame on
        }
        if (!track.enabled()) {
            java.util.Arrays.fill(frame, (short) 0); // W3C: a disabled track sends silence
        }
        final int length = encoder.encode(frame, 0, encoded, 0, encoded.length);
        framesEncoded.incrementAndGet();
        // Numbering belongs to the sender (its SSRC), so a replaced track continues it.
        final long numbers = sender.nextNumbers(frameSamples);
        final RtpPacket packet = RtpPacket.builder()
                                          .sequenceNumber((int) (numbers >>> 32))
                                          .timestamp(numbers & 0xFFFF_FFFFL)
                                          .payload(java.util.Arrays.copyOf(encoded, length))
                                          .build();
        sender.core().post(() -> sender.sendOnLoop(packet));
    }

    void close() {
        closed = true; // no more encoding from now on, whatever is queued
        executor.executeAlways(() -> {
            if (encoder != null) {
                encoder.close();
                encoder = null;
            }
        });
    }
}
