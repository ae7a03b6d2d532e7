package dev.remotemedia.rtc.transport.srtp;

import dev.remotemedia.rtc.common.Nullable;
import java.util.Locale;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the AES implementation jitsi-srtp uses, once per JVM, before its first cipher.
 *
 * <p>Left alone, jitsi-srtp benchmarks every provider it finds (its bundled OpenSSL binding, the
 * JDK's SunJCE, Bouncy Castle, PKCS#11) with 11,000 warm-up runs each the first time a mode is
 * used: Bouncy Castle's slow GCM made that 4 s on the connection loop here. Naming the provider
 * skips it. The default is OpenSSL when jitsi-srtp's native library loads (it ships one for
 * Linux and macOS on x86-64 and arm64, and needs the system's {@code libcrypto} 1.1 or 3), the
 * JDK's AES otherwise; the system property {@value #PROPERTY} ({@code openssl} or {@code jdk})
 * overrides it. HMAC-SHA1 is jitsi-srtp's own choice: OpenSSL when loaded, else the JDK.
 */
final class AesChoice {

    static final String PROPERTY = "dev.remotemedia.srtp.aes";

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
            logger.info("SRTP AES: {} (HMAC-SHA1: {})", choice, openSsl ? "OpenSSL" : "JDK");
            applied = choice;
        }
        return applied;
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
