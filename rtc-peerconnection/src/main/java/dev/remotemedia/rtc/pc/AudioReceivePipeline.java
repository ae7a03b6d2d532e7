package dev.remotemedia.rtc.pc;

import dev.remotemedia.codec.OpusCodecs;
import dev.remotemedia.codec.OpusDecoder;
import dev.remotemedia.codec.OpusPacketException;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.SeqNumUnwrapper16;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One remote audio track's decoding: Opus packets in arrival order (the adaptive jitter buffer is
 * the next layer up and not built yet), with a gap of a few packets concealed — the last missing
 * frame from the next packet's in-band FEC, the others by PLC — and late or duplicate packets
 * dropped. Runs on the track's codec thread; frames go to the sinks there.
 */
final class AudioReceivePipeline {
    /** Gaps longer than this (in packets) are not concealed: the stream restarts after them. */
    static final int MAX_CONCEALED_PACKETS = 10;

    private final RTCRtpReceiver receiver;
    private final List<AudioSink> sinks;
    private final SerialExecutor executor;
    private final SeqNumUnwrapper16 unwrapper = new SeqNumUnwrapper16();
    private final short[] pcm = new short[OpusDecoder.MAX_FRAME_SAMPLES * 2];
    private @Nullable OpusDecoder decoder;
    private long lastSeq = -1;
    private long lastTimestamp;
    private int lastFrameSamples = 960;
    private volatile boolean closed;
    final AtomicLong samplesReceived = new AtomicLong();
    final AtomicLong concealedSamples = new AtomicLong();
    final AtomicLong packetsDecoded = new AtomicLong();
    final AtomicLong latePackets = new AtomicLong();
    final AtomicLong decodeErrors = new AtomicLong();

    AudioReceivePipeline(RTCRtpReceiver receiver, List<AudioSink> sinks, java.util.concurrent.Executor pool) {
        this.receiver = receiver;
        this.sinks = sinks;
        executor = new SerialExecutor(pool, 500);
    }

    /** On the loop: queues a copy of the packet's payload for decoding. */
    void onPacket(int sequenceNumber, long timestamp, byte[] payload) {
        executor.execute(() -> decode(sequenceNumber, timestamp, payload));
    }

    private void decode(int sequenceNumber, long timestamp, byte[] payload) {
        if (closed || payload.length == 0) {
            return;
        }
        final long seq = unwrapper.unwrap(sequenceNumber);
        if (lastSeq >= 0 && seq <= lastSeq) {
            latePackets.incrementAndGet();
            return;
        }
        if (decoder == null) {
            // RFC 6716 §3.1: the TOC byte's s bit says whether the stream is stereo.
            decoder = OpusCodecs.decoder((payload[0] & 0x04) != 0 ? 2 : 1);
        }
        final OpusDecoder opus = decoder;
        final long gap = lastSeq < 0 ? 0 : seq - lastSeq - 1;
        try {
            if (gap > 0 && gap <= MAX_CONCEALED_PACKETS) {
                for (long i = 0; i < gap; i++) {
                    final int samples = i == gap - 1
                            ? opus.decodeFec(payload, 0, payload.length, pcm, 0, lastFrameSamples)
                            : opus.conceal(pcm, 0, lastFrameSamples);
                    lastTimestamp = (lastTimestamp + lastFrameSamples) & 0xFFFF_FFFFL;
                    concealedSamples.addAndGet(samples);
                    emit(samples, lastTimestamp, true);
                }
            }
            final int samples = opus.decode(payload, 0, payload.length, pcm, 0);
            packetsDecoded.incrementAndGet();
            lastFrameSamples = samples;
            lastSeq = seq;
            lastTimestamp = timestamp;
            emit(samples, timestamp, false);
        } catch (OpusPacketException e) {
            decodeErrors.incrementAndGet();
            lastSeq = seq;
        }
    }

    private void emit(int samplesPerChannel, long timestamp, boolean concealed) {
        final int channels = decoder == null ? 1 : decoder.channels();
        samplesReceived.addAndGet(samplesPerChannel);
        final short[] samples = java.util.Arrays.copyOf(pcm, samplesPerChannel * channels);
        final AudioFrame frame = new AudioFrame(samples, 48_000, channels, timestamp,
                                                receiver.wallClockNanosOf(timestamp, 48_000), concealed);
        for (AudioSink sink : sinks) {
            try {
                sink.onFrame(frame);
            } catch (RuntimeException | Error e) {
                org.slf4j.LoggerFactory.getLogger(AudioReceivePipeline.class).warn("an audio sink threw; ignored", e);
            }
        }
    }

    void close() {
        closed = true;
        executor.executeAlways(() -> {
            if (decoder != null) {
                decoder.close();
                decoder = null;
            }
        });
    }
}
