package dev.remotemedia.rtc.transport.srtp;

import dev.remotemedia.rtc.common.Nullable;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.CipherFactory;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the AES implementation jitsi-srtp uses, once per JVM, before its first cipher.
 *
 * <p>Left alone, jitsi-srtp makes a cipher factory of every provider it knows (its bundled OpenSSL
 * binding, the JDK's SunJCE, Bouncy Castle, PKCS#11) and benchmarks them with 11,000 warm-up runs
 * each, the first time each transformation is used; naming the factory class does not skip that.
 * Measured here: 4.6–8.1 s for the first cipher, with 2.2 s of it just loading the Bouncy Castle
 * provider — on the connection's loop, at the first media packet. So the choice is made here and
 * written into jitsi-srtp's per-transformation table for every transformation its SRTP contexts
 * use ({@link #TRANSFORMATIONS}); jitsi-srtp then finds its choice made and benchmarks nothing.
 * That table is a private field of the pinned jitsi-srtp version: if it is ever missing, the choice
 * falls back to naming the factory class (slow first cipher, same result), with a warning.
 *
 * <p>The default is OpenSSL when jitsi-srtp's native library loads (it ships one for Linux and
 * macOS on x86-64 and arm64, and needs the system's {@code libcrypto} 1.1 or 3), the JDK's AES
 * otherwise; the system property {@value #PROPERTY} ({@code openssl} or {@code jdk}) overrides it.
 * HMAC-SHA1 is jitsi-srtp's own choice: OpenSSL when loaded, else the JDK.
 */
final class AesChoice {

    static final String PROPERTY = "dev.remotemedia.srtp.aes";
    /** What jitsi-srtp's SRTP and SRTCP contexts ask {@code Aes.createCipher} for. */
    static final List<String> TRANSFORMATIONS = List.of("AES/CTR/NoPadding", "AES/ECB/NoPadding",
                                                        "AES/GCM/NoPadding", "AES/GCM-AuthOnly/NoPadding");

    private static final Logger logger = LoggerFactory.getLogger(AesChoice.class);
    private static @Nullable String applied;

    private AesChoice() {}

    /** Configures jitsi-srtp on the first call and returns the implementation in use. */
    static synchronized String apply() {
        if (applied == null) {
            final String property = System.getProperty(PROPERTY);
            final boolean openSsl = JitsiOpenSslProvider.isLoaded();
            final String choice = choose(property, openSsl);
            if ("openssl".equals(normalize(property)) && !openSsl) {
                logger.warn("{}=openssl, but jitsi-srtp's OpenSSL library did not load: using the JDK's AES",
                            PROPERTY);
            }
            Aes.setFactoryClassName(choice);
            final boolean seeded = seed("OpenSSL".equals(choice) ? new Aes.OpenSSLCipherFactory()
                                                                 : new Aes.SunJCECipherFactory());
            logger.info("SRTP AES: {} (HMAC-SHA1: {}){}", choice, openSsl ? "OpenSSL" : "JDK",
                        seeded ? "" : "; jitsi-srtp will benchmark its providers at the first cipher");
            applied = choice;
        }
        return applied;
    }

    /** Writes {@code factory} into jitsi-srtp's table of chosen factories; false if it cannot. */
    @SuppressWarnings("unchecked")
    private static boolean seed(CipherFactory factory) {
        try {
            final Field field = Aes.class.getDeclaredField("fastestFactories");
            field.setAccessible(true);
            final Map<String, CipherFactory> chosen = (Map<String, CipherFactory>) field.get(null);
            synchronized (Aes.class) { // Aes.createCipher reads the table under this lock
                for (String transformation : TRANSFORMATIONS) {
                    chosen.put(transformation, factory);
                }
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            logger.warn("jitsi-srtp's factory table is not where this version expects it: {}", e.toString());
            return false;
        }
    }

    /** For tests: whether jitsi-srtp's table holds a choice for {@code transformation}. */
    @SuppressWarnings("unchecked")
    static boolean isSeeded(String transformation) {
        try {
            final Field field = Aes.class.getDeclaredField("fastestFactories");
            field.setAccessible(true);
            return ((Map<String, CipherFactory>) field.get(null)).get(transformation) != null;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /**
     * The jitsi-srtp cipher factory for a value of {@value #PROPERTY} ({@code null} when unset):
     * {@code "OpenSSL"} or {@code "SunJCE"}.
     */
    static String choose(@Nullable String property, boolean openSslLoaded) {
        final String wanted = normalize(property);
        if ("jdk".equals(wanted)) {
            return "SunJCE";
        }
        if (!wanted.isEmpty() && !"openssl".equals(wanted)) {
            throw new IllegalArgumentException(PROPERTY + ": " + property + " (expected: openssl or jdk)");
        }
        return openSslLoaded ? "OpenSSL" : "SunJCE";
    }

    private static String normalize(@Nullable String property) {
        return property == null ? "" : property.trim().toLowerCase(Locale.ROOT);
    }
}
