package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.transport.dtls.SrtpProfile;
import dev.remotemedia.rtc.transport.srtp.SrtpSession;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and compiles the SRTP path once per process, on a thread of its own, when the first factory
 * is built: the first SRTP session of a JVM costs about 1 s (jitsi-srtp's and the JDK's crypto
 * classes), which would otherwise land on the first media connection's loop (DESIGN.md §7: the
 * stack is warmed at start).
 */
final class MediaWarmUp {
    private static final Logger logger = LoggerFactory.getLogger(MediaWarmUp.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private MediaWarmUp() {}

    static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        final Thread thread = new Thread(MediaWarmUp::run, "remotemedia-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void run() {
        final long start = System.nanoTime();
        for (SrtpProfile profile : SrtpProfile.values()) {
            final byte[] key = new byte[profile.keyLength()];
            final byte[] salt = new byte[profile.saltLength()];
            try (SrtpSession sender = SrtpSession.create(profile, key, salt, key, salt);
                 SrtpSession receiver = SrtpSession.create(profile, key, salt, key, salt)) {
                final byte[] packet = new byte[172 + SrtpSession.MAX_OVERHEAD];
                packet[0] = (byte) 0x80;
                packet[1] = 111;
                packet[11] = 1;
                final int length = sender.protectRtp(packet, 0, 172);
                receiver.unprotectRtp(packet, 0, length);
                final byte[] report = new byte[8 + 20 + SrtpSession.MAX_OVERHEAD];
                report[0] = (byte) 0x80;
                report[1] = (byte) 200;
                report[3] = 6;
                receiver.unprotectRtcp(report, 0, sender.protectRtcp(report, 0, 28));
            } catch (RuntimeException e) {
                logger.debug("SRTP warm-up failed; the first connection will pay for it", e);
                return;
            }
        }
        logger.debug("SRTP warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
