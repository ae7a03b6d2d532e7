package dev.remotemedia.benchmarks;

import dev.remotemedia.codec.OpusCodecs;
import dev.remotemedia.codec.OpusConfig;
import dev.remotemedia.codec.OpusDecoder;
import dev.remotemedia.codec.OpusEncoder;
import dev.remotemedia.codec.OpusImplementation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Opus encode and decode of one 20 ms frame, mono 48 kHz speech ({@link SpeechSignal}: espeak-ng,
 * resampled), 32 kb/s VBR, VOIP, complexity 5 and 10, on Concentus and on libopus (FFmpeg) in the
 * same run: the figures that choose {@link OpusCodecs#implementation()}. The encoder walks through
 * the speech frame by frame; the decoder decodes the packets the same implementation made.
 *
 * <p>By default the main measures the CPU time of its own thread, per batch of 50 frames, with the
 * four codecs interleaved batch by batch: on these shared two-core machines wall time mostly
 * measures the other processes (a JMH run at a load average of 9 gave medians above 1 ms per frame
 * for both). It also prints, for each, the bitrate reached and a crude waveform SNR of the decoded
 * speech (Opus is perceptual: this only shows that neither side is broken). {@code
 * -Dbench.args="--jmh [JMH options]"} runs the same work under JMH instead (wall time).
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks -am verify -DskipTests -Popus}
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class OpusBenchmark {
    private static final int FRAME = 960;

    @Param({"CONCENTUS", "LIBOPUS"})
    public String implementation;
    @Param({"5", "10"})
    public int complexity;

    private short[] speech;
    private int frames;
    private byte[][] packets;
    private OpusEncoder encoder;
    private OpusDecoder decoder;
    private final byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
    private final short[] pcm = new short[FRAME];
    private int next;

    static OpusConfig config(int complexity) {
        return OpusConfig.builder().bitrate(32_000).complexity(complexity).application(
                dev.remotemedia.codec.OpusApplication.VOIP).build();
    }

    @Setup(Level.Trial)
    public void setUp() {
        final OpusImplementation impl = OpusImplementation.valueOf(implementation);
        speech = SpeechSignal.mono48k();
        frames = speech.length / FRAME;
        packets = encodeAll(speech, complexity, impl);
        encoder = OpusCodecs.encoder(config(complexity), impl);
        decoder = OpusCodecs.decoder(1, impl);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoder.close();
        decoder.close();
    }

    @Benchmark
    public int encode() {
        final int frame = next++ % frames;
        return encoder.encode(speech, frame * FRAME, packet, 0, packet.length);
    }

    @Benchmark
    public int decode() {
        final byte[] p = packets[next++ % frames];
        return decoder.decode(p, 0, p.length, pcm, 0);
    }

    static byte[][] encodeAll(short[] speech, int complexity, OpusImplementation impl) {
        final byte[][] packets = new byte[speech.length / FRAME][];
        final byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
        try (OpusEncoder encoder = OpusCodecs.encoder(config(complexity), impl)) {
            for (int i = 0; i < packets.length; i++) {
                packets[i] = Arrays.copyOf(packet, encoder.encode(speech, i * FRAME, packet, 0, packet.length));
            }
        }
        return packets;
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        System.out.println("Machine: " + MachineInfo.describe());
        final String joined = String.join(" ", args).strip();
        if (joined.startsWith("--jmh")) {
            runJmh(joined.substring("--jmh".length()).strip());
            return;
        }
        final int rounds = Args.intArg(args, "--rounds", 30);
        final short[] speech = SpeechSignal.mono48k();
        System.out.printf("Speech: espeak-ng, %.1f s at 48 kHz mono; 32 kb/s VBR, VOIP, 20 ms frames; "
                          + "%d interleaved rounds of %d frames per codec after %d warm-up rounds%n%n",
                          speech.length / 48_000.0, rounds, BATCH, WARM_UP_ROUNDS);
        final List<CpuTimer> timers = new ArrayList<>();
        for (OpusImplementation impl : OpusImplementation.values()) {
            for (int complexity : new int[] {5, 10}) {
                timers.add(new CpuTimer(impl, complexity, speech));
            }
        }
        for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
            for (CpuTimer timer : timers) {
                timer.round(round >= WARM_UP_ROUNDS);
            }
        }
        System.out.println("| implementation | complexity | encode, CPU per frame (median) | p10–p90 "
                           + "| decode, CPU per frame (median) | p10–p90 | bitrate reached | waveform SNR |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (CpuTimer timer : timers) {
            final Percentiles encode = Percentiles.of(timer.encodeMicros.stream().mapToDouble(d -> d).toArray());
            final Percentiles decode = Percentiles.of(timer.decodeMicros.stream().mapToDouble(d -> d).toArray());
            long bytes = 0;
            for (byte[] p : timer.packets) {
                bytes += p.length;
            }
            System.out.printf("| %s | %d | %.1f µs | %.1f–%.1f | %.1f µs | %.1f–%.1f | %.1f kb/s | %.1f dB |%n",
                              timer.impl, timer.complexity, encode.median(), encode.p10(), encode.p90(),
                              decode.median(), decode.p10(), decode.p90(),
                              bytes * 8 / (timer.packets.length * 0.02) / 1000,
                              snrDb(speech, decoded(timer.packets, timer.impl)));
            timer.close();
        }
    }

    private static final int BATCH = 50;
    private static final int WARM_UP_ROUNDS = 20;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * Times one implementation at one complexity in CPU time of this thread, in batches of {@link
     * #BATCH} frames, so that time the shared machine gives to other processes does not count; the
     * callers interleave the implementations round by round so that slower and faster phases of the
     * machine fall on all of them alike.
     */
    private static final class CpuTimer {
        final OpusImplementation impl;
        final int complexity;
        final short[] speech;
        final byte[][] packets;
        final OpusEncoder encoder;
        final OpusDecoder decoder;
        final byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
        final short[] pcm = new short[FRAME];
        final List<Double> encodeMicros = new ArrayList<>();
        final List<Double> decodeMicros = new ArrayList<>();
        int encodeNext;
        int decodeNext;

        CpuTimer(OpusImplementation impl, int complexity, short[] speech) {
            this.impl = impl;
            this.complexity = complexity;
            this.speech = speech;
            packets = encodeAll(speech, complexity, impl);
            encoder = OpusCodecs.encoder(config(complexity), impl);
            decoder = OpusCodecs.decoder(1, impl);
        }

        void round(boolean record) {
            final int frames = packets.length;
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < BATCH; i++) {
                final int frame = encodeNext++ % frames;
                encoder.encode(speech, frame * FRAME, packet, 0, packet.length);
            }
            final long encoded = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < BATCH; i++) {
                final byte[] p = packets[decodeNext++ % frames];
                decoder.decode(p, 0, p.length, pcm, 0);
            }
            final long decoded = THREADS.getCurrentThreadCpuTime();
            if (record) {
                encodeMicros.add((encoded - start) / 1000.0 / BATCH);
                decodeMicros.add((decoded - encoded) / 1000.0 / BATCH);
            }
        }

        void close() {
            encoder.close();
            decoder.close();
        }
    }

    private static void runJmh(String jmhArgs) throws RunnerException, CommandLineOptionException {
        final CommandLineOptions cli = new CommandLineOptions(
                jmhArgs.isEmpty() ? new String[0] : jmhArgs.split("\\s+"));
        final OptionsBuilder options = new OptionsBuilder();
        options.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(OpusBenchmark.class.getName() + '.');
        }
        final Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.println("| implementation | complexity | encode, wall time per frame (median) "
                           + "| decode, wall time per frame (median) |");
        System.out.println("|---|---|---|---|");
        final List<RunResult> sorted = new ArrayList<>(results);
        for (String impl : new String[] {"CONCENTUS", "LIBOPUS"}) {
            for (String complexity : new String[] {"5", "10"}) {
                System.out.printf("| %s | %s | %.1f µs | %.1f µs |%n", impl, complexity,
                                  median(sorted, "encode", impl, complexity),
                                  median(sorted, "decode", impl, complexity));
            }
        }
    }

    private static double median(List<RunResult> results, String benchmark, String impl, String complexity) {
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith('.' + benchmark)
                && r.getParams().getParam("implementation").equals(impl)
                && r.getParams().getParam("complexity").equals(complexity)) {
                return r.getPrimaryResult().getStatistics().getPercentile(50);
            }
        }
        return Double.NaN;
    }

    private static short[] decoded(byte[][] packets, OpusImplementation impl) {
        final short[] out = new short[packets.length * FRAME];
        try (OpusDecoder decoder = OpusCodecs.decoder(1, impl)) {
            for (int i = 0; i < packets.length; i++) {
                decoder.decode(packets[i], 0, packets[i].length, out, i * FRAME);
            }
        }
        return out;
    }

    // SNR of the decoded speech against the original, at the codec delay that fits best (0–20 ms).
    private static double snrDb(short[] original, short[] decoded) {
        double best = Double.NEGATIVE_INFINITY;
        for (int delay = 0; delay <= 960; delay++) {
            double signal = 0;
            double noise = 0;
            for (int i = 0; i + delay < decoded.length; i++) {
                final double d = decoded[i + delay] - original[i];
                signal += (double) original[i] * original[i];
                noise += d * d;
            }
            best = Math.max(best, 10 * Math.log10(signal / Math.max(noise, 1)));
        }
        return best;
    }
}
