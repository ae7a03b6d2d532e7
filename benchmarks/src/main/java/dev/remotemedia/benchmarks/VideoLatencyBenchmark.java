package dev.remotemedia.benchmarks;

import dev.remotemedia.codec.video.VideoCodecType;
import dev.remotemedia.codec.video.VideoFrame;
import dev.remotemedia.rtc.pc.MediaStreamTrack;
import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.pc.RTCRtpTransceiverDirection;
import dev.remotemedia.rtc.pc.RTCRtpTransceiverInit;
import dev.remotemedia.rtc.pc.VideoTrackSource;
import dev.remotemedia.testing.NumberedPicture;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One-way video latency Java↔Java (issue 13): a picture pushed into a {@link VideoTrackSource} →
 * the decoded picture delivered to the other peer's sink, per codec, over UDP on 127.0.0.1. Each
 * picture carries its number ({@link NumberedPicture}), so every delivered picture is paired with
 * the moment it was pushed. Baseline in the same run and pair: a small data channel message sent
 * at each push (the transport's own one-way time). Run:
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am verify -DskipTests -Pvideo-latency \
 *     -Dbench.args="--codecs vp8,h264,vp9,av1 --width 1280 --height 720 --seconds 10 --warm-up 3"
 * </pre>
 */
public final class VideoLatencyBenchmark {
    private VideoLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        final String[] codecs = Args.stringArg(args, "--codecs", "vp8,h264,vp9,av1").split(",");
        final int width = Args.intArg(args, "--width", 1280);
        final int height = Args.intArg(args, "--height", 720);
        final int seconds = Args.intArg(args, "--seconds", 10);
        final int warmUp = Args.intArg(args, "--warm-up", 3);
        final int bitrate = Args.intArg(args, "--bitrate", 2_000_000);
        System.out.println(MachineInfo.describe());
        System.out.printf("%dx%d at 30 frames/s, %d kb/s, %d s after %d s of warm-up%n", width, height, bitrate / 1000,
                          seconds, warmUp);
        System.out.println("| codec | path | samples | p50 | p95 | p99 | max | pictures missing |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String name : codecs) {
            run(VideoCodecType.valueOf(name.strip().toUpperCase(Locale.ROOT)), width, height, bitrate, seconds, warmUp);
        }
    }

    private static void run(VideoCodecType codec, int width, int height, int bitrate, int seconds, int warmUp)
            throws Exception {
        try (PeerConnectionFactory offering = factory(codec); PeerConnectionFactory answering = factory(codec)) {
            final VideoTrackSource source = VideoTrackSource.create(bitrate, 30, 0);
            final ConcurrentHashMap<Integer, Long> pushed = new ConcurrentHashMap<>();
            final List<Double> video = java.util.Collections.synchronizedList(new ArrayList<>());
            final List<Double> baseline = java.util.Collections.synchronizedList(new ArrayList<>());
            final java.util.Set<Integer> seen = ConcurrentHashMap.newKeySet();
            final int firstMeasured = warmUp * 30;
            final int total = (warmUp + seconds) * 30;
            try (JavaPeers.Pair pair = JavaPeers.connect(offering, answering, "baseline", p -> {
                p.offerer.addTransceiver(MediaStreamTrack.video(source), RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.SENDONLY));
                p.answerer.onTrack(event -> event.track().addVideoSink((frame, rtpTimestamp) -> {
                    final long now = System.nanoTime();
                    final int number = NumberedPicture.read(frame::lumaAt, frame.width(), frame.height());
                    final Long at = pushed.get(number);
                    if (at != null && number >= firstMeasured && seen.add(number)) {
                        video.add((now - at) / 1e6);
                    }
                }));
            })) {
                JavaPeers.await(pair.open, "the pair's channel");
                JavaPeers.await(pair.remoteChannel, "the remote channel").onMessage(m -> {
                    final long now = System.nanoTime();
                    final ByteBuffer b = ByteBuffer.wrap(m.data());
                    final int number = b.getInt();
                    final long at = b.getLong();
                    if (number >= firstMeasured) {
                        baseline.add((now - at) / 1e6);
                    }
                });
                // Pictures drawn ahead of time: drawing 720p in Java would otherwise sit in the measured path.
                final VideoFrame[] pictures = new VideoFrame[60];
                for (int i = 0; i < pictures.length; i++) {
                    pictures[i] = VideoFrame.allocate(width, height, 0);
                }
                final ScheduledExecutorService camera = Executors.newSingleThreadScheduledExecutor();
                final int[] next = {0};
                final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
                camera.scheduleAtFixedRate(() -> {
                    final int number = next[0]++;
                    if (number >= total) {
                        done.countDown();
                        return;
                    }
                    final VideoFrame frame = pictures[number % pictures.length];
                    NumberedPicture.draw(number, width, height, frame.dataY(), frame.dataU(), frame.dataV());
                    final VideoFrame stamped = frame.withTimestampMicros(number * 33_333L);
                    final long now = System.nanoTime();
                    pushed.put(number, now);
                    source.pushFrame(stamped);
                    pair.channel.send(ByteBuffer.allocate(12).putInt(number).putLong(now).array());
                }, 0, 33_333, TimeUnit.MICROSECONDS);
                done.await(warmUp + seconds + 30L, TimeUnit.SECONDS);
                camera.shutdownNow();
                Thread.sleep(500); // the last pictures' way through (a harness, not a test)
                print(codec, "picture pushed → decoded picture delivered", video, seconds * 30 - seen.size());
                print(codec, "baseline: data channel message, same pair", baseline, 0);
            }
        }
    }

    private static PeerConnectionFactory factory(VideoCodecType codec) {
        return PeerConnectionFactory.builder().iceConfig(JavaPeers.loopback()).eventLoops(1)
                                    .videoCodecs(List.of(codec)).build();
    }

    private static void print(VideoCodecType codec, String path, List<Double> sample, int missing) {
        final double[] values;
        synchronized (sample) {
            values = sample.stream().mapToDouble(Double::doubleValue).toArray();
        }
        if (values.length == 0) {
            System.out.printf("| %s | %s | 0 | – | – | – | – | %d |%n", codec, path, missing);
            return;
        }
        System.out.printf("| %s | %s | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %d |%n", codec, path, values.length,
                          Percentiles.quantile(values, 0.50), Percentiles.quantile(values, 0.95),
                          Percentiles.quantile(values, 0.99), Percentiles.of(values).max(), missing);
    }
}
