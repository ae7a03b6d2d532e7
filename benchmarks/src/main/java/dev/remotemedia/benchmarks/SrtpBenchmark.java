package dev.remotemedia.benchmarks;

import dev.remotemedia.rtc.transport.dtls.SrtpProfile;
import dev.remotemedia.rtc.transport.srtp.SrtpSession;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * SRTP protect + unprotect of one RTP packet through {@link SrtpSession}, per profile, packet size
 * (160 bytes: a 20 ms Opus frame with its header; 1,200 bytes: a full video packet) and AES
 * implementation under jitsi-srtp; with, in the same run, the JDK doing the same cryptographic
 * work on the same bytes without SRTP: AES-GCM encrypt and decrypt with the header as associated
 * data, and AES-CTR plus HMAC-SHA1 over the packet both ways. Command in docs/BENCHMARKS.md.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SrtpBenchmark {

    private static final int HEADER = 12;

    /** One packet's round trip through two sessions, sender and receiver. */
    @State(Scope.Thread)
    public static class Sessions {
        @Param({"AEAD_AES_128_GCM", "AES128_CM_HMAC_SHA1_80"})
        public String profile;
        @Param({"160", "1200"})
        public int size;
        /** The value of {@code dev.remotemedia.srtp.aes}; each fork starts a fresh JVM. */
        @Param({"openssl", "jdk"})
        public String aes;

        SrtpSession sender;
        SrtpSession receiver;
        byte[] template;
        byte[] buf;
        int seq;

        @Setup(Level.Trial)
        public void setUp() {
            System.setProperty("dev.remotemedia.srtp.aes", aes);
            final SrtpProfile p = SrtpProfile.valueOf(profile);
            final byte[] key = filled(p.keyLength(), 1);
            final byte[] salt = filled(p.saltLength(), 2);
            sender = SrtpSession.create(p, key, salt, key, salt);
            receiver = SrtpSession.create(p, key, salt, key, salt);
            template = rtpPacket(size);
            buf = new byte[size + SrtpSession.MAX_OVERHEAD];
        }
    }

    /** The JDK's ciphers on the same bytes, keyed once. */
    @State(Scope.Thread)
    public static class Jdk {
        @Param({"160", "1200"})
        public int size;

        Cipher gcm;
        Cipher ctr;
        Mac hmac;
        SecretKeySpec key;
        byte[] iv;
        byte[] counter;
        byte[] template;
        byte[] buf;
        byte[] tag;

        @Setup(Level.Trial)
        public void setUp() throws GeneralSecurityException {
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
            ctr = Cipher.getInstance("AES/CTR/NoPadding");
            hmac = Mac.getInstance("HmacSHA1");
            key = new SecretKeySpec(filled(16, 1), "AES");
            hmac.init(new SecretKeySpec(filled(20, 3), "HmacSHA1"));
            iv = filled(12, 2);
            counter = new byte[16];
            template = rtpPacket(size);
            buf = new byte[size + SrtpSession.MAX_OVERHEAD];
            tag = new byte[20];
        }
    }

    @Benchmark
    public int srtpProtectUnprotect(Sessions s) {
        System.arraycopy(s.template, 0, s.buf, 0, s.size);
        final int seq = s.seq++;
        s.buf[2] = (byte) (seq >>> 8);
        s.buf[3] = (byte) seq;
        final int n = s.sender.protectRtp(s.buf, 0, s.size);
        return s.receiver.unprotectRtp(s.buf, 0, n);
    }

    /** AES-GCM as RFC 7714 uses it, without SRTP: a fresh IV per packet (the JDK refuses reuse). */
    @Benchmark
    public int jdkGcmEncryptDecrypt(Jdk j) throws GeneralSecurityException {
        System.arraycopy(j.template, 0, j.buf, 0, j.size);
        j.iv[11]++;
        if (j.iv[11] == 0) {
            j.iv[10]++;
        }
        j.gcm.init(Cipher.ENCRYPT_MODE, j.key, new GCMParameterSpec(128, j.iv));
        j.gcm.updateAAD(j.buf, 0, HEADER);
        final int n = HEADER + j.gcm.doFinal(j.buf, HEADER, j.size - HEADER, j.buf, HEADER);
        j.gcm.init(Cipher.DECRYPT_MODE, j.key, new GCMParameterSpec(128, j.iv));
        j.gcm.updateAAD(j.buf, 0, HEADER);
        return HEADER + j.gcm.doFinal(j.buf, HEADER, n - HEADER, j.buf, HEADER);
    }

    /** AES-CTR and HMAC-SHA1 as RFC 3711 uses them, without SRTP: encrypt and tag, verify and decrypt. */
    @Benchmark
    public int jdkCtrHmacBothWays(Jdk j) throws GeneralSecurityException {
        System.arraycopy(j.template, 0, j.buf, 0, j.size);
        j.counter[13]++;
        j.ctr.init(Cipher.ENCRYPT_MODE, j.key, new IvParameterSpec(j.counter));
        j.ctr.doFinal(j.buf, HEADER, j.size - HEADER, j.buf, HEADER);
        j.hmac.update(j.buf, 0, j.size);
        j.hmac.doFinal(j.tag, 0);
        System.arraycopy(j.tag, 0, j.buf, j.size, 10);
        j.hmac.update(j.buf, 0, j.size);
        j.hmac.doFinal(j.tag, 0);
        if (!Arrays.equals(j.tag, 0, 10, j.buf, j.size, j.size + 10)) {
            throw new IllegalStateException("tag mismatch");
        }
        j.ctr.init(Cipher.DECRYPT_MODE, j.key, new IvParameterSpec(j.counter));
        return HEADER + j.ctr.doFinal(j.buf, HEADER, j.size - HEADER, j.buf, HEADER);
    }

    static byte[] rtpPacket(int size) {
        final byte[] packet = filled(size, 7);
        packet[0] = (byte) 0x80;
        packet[1] = 111;
        packet[8] = 0x12;
        packet[9] = 0x34;
        packet[10] = 0x56;
        packet[11] = 0x78;
        return packet;
    }

    static byte[] filled(int length, int seed) {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return bytes;
    }

    /**
     * Runs this class's benchmarks, or those a regular expression among the arguments names;
     * the arguments are JMH's own (e.g. {@code -p size=1200 -prof gc srtpProtectUnprotect}).
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        final String[] jmhArgs = Arrays.stream(args).filter(arg -> !arg.isBlank())
                                       .flatMap(arg -> Arrays.stream(arg.trim().split("\\s+")))
                                       .toArray(String[]::new);
        final CommandLineOptions cli = new CommandLineOptions(jmhArgs);
        final OptionsBuilder options = new OptionsBuilder();
        options.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(SrtpBenchmark.class.getName() + '.');
        }
        System.out.println("Machine: " + MachineInfo.describe());
        new Runner(options.build()).run();
    }
}
