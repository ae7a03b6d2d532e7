package dev.remotemedia.rtc.transport.srtp;

import dev.remotemedia.rtc.common.Nullable;
import java.lang.reflect.Field;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.CipherFactory;
import org.jitsi.srtp.crypto.HmacSha1;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the AES and HMAC-SHA1 implementations jitsi-srtp uses, once per JVM, before its first
 * cipher.
 *
 * <p>Left alone, jitsi-srtp makes a cipher factory of every provider it knows (its bundled OpenSSL
 * binding, the JDK's SunJCE, Bouncy Castle, PKCS#11) and benchmarks them with 11,000 warm-up runs
 * each, the first time each transformation is used; naming the factory class does not skip that.
 * Measured here: 4.6–8.1 s for the first cipher, with 2.2 s of it just loading the Bouncy Castle
 * provider — on the connection's loop, at the first media packet. Its HMAC-SHA1 likewise builds a
 * list of OpenSSL, SunJCE, PKCS#11 and Bouncy Castle at the first AES-CM context (2.5 s here). So
 * the choice is made here and written into jitsi-srtp's per-transformation table for every
 * transformation its SRTP contexts use ({@link #TRANSFORMATIONS}) and into its HMAC provider list;
 * jitsi-srtp then finds its choice made and loads and benchmarks nothing. Both are private fields
 * of the pinned jitsi-srtp version: if one is ever missing, jitsi-srtp makes its own choice (slow
 * first cipher, same kind of result), with a warning.
 *
 * <p>The default is the JDK (SunJCE) for both: warm, it measures the same as the OpenSSL binding
 * (docs/BENCHMARKS.md, SRTP), and it keeps native code off the packet path. The system property
 * {@value #PROPERTY} = {@code openssl} selects jitsi-srtp's OpenSSL binding instead (it ships one
 * for Linux and macOS on x86-64 and arm64, and needs the system's {@code libcrypto} 1.1 or 3),
 * falling back to the JDK when it does not load.
 */
final class AesChoice {

    static final String PROPERTY = "dev.remotemedia.srtp.aes";
    /** What jitsi-srtp's SRTP and SRTCP contexts ask {@code Aes.createCipher} for. */
    static final List<String> TRANSFORMATIONS = List.of("AES/CTR/NoPadding", "AES/ECB/NoPadding",
                                                        "AES/GCM/NoPadding", "AES/GCM-AuthOnly/NoPadding");

    private static final Logger logger = LoggerFactory.getLogger(AesChoice.class);
    private static @Nullable String applied;
    /** Holds the configured java.util.logging logger: JUL keeps loggers only weakly. */
    private static final List<java.util.logging.Logger> JUL_ROOT_OF_SRTP = new java.util.ArrayList<>();

    private AesChoice() {}

    /** Configures jitsi-srtp on the first call and returns the implementation in use. */
    static synchronized String apply() {
        if (applied == null) {
            final String property = System.getProperty(PROPERTY);
            final boolean wantsOpenSsl = "openssl".equals(normalize(property));
            // Only asked when wanted: the question loads jitsi-srtp's native library.
            final boolean openSsl = wantsOpenSsl && JitsiOpenSslProvider.isLoaded();
            final String choice = choose(property, openSsl);
            if (wantsOpenSsl && !openSsl) {
                logger.warn("{}=openssl, but jitsi-srtp's OpenSSL library did not load: using the JDK's AES",
                            PROPERTY);
            }
            Aes.setFactoryClassName(choice);
            // jitsi-srtp logs every dropped packet (replays, failed authentication) at SEVERE through
            // java.util.logging: a flood a hostile peer controls. SrtpSession counts them instead.
            // Its contexts log through the java.util.logging logger JitsiContexts names (and children).
            for (String name : List.of("org.jitsi.srtp", AesChoice.class.getPackageName())) {
                final java.util.logging.Logger jul = java.util.logging.Logger.getLogger(name);
                jul.setLevel(java.util.logging.Level.OFF);
                JUL_ROOT_OF_SRTP.add(jul);
            }
            final boolean openSslChosen = "OpenSSL".equals(choice);
            final boolean seeded = seed(openSslChosen ? new Aes.OpenSSLCipherFactory()
                                                      : new Aes.SunJCECipherFactory());
            final boolean hmacSeeded = seedHmac(openSslChosen);
            logger.info("SRTP AES and HMAC-SHA1: {}{}", openSslChosen ? "OpenSSL" : "JDK",
                        seeded && hmacSeeded ? "" : "; jitsi-srtp will load and benchmark its providers itself");
            applied = choice;
        }
        return applied;
    }

    /** Writes {@code factory} into jitsi-srtp's table of chosen factories; false if it cannot. */
    @SuppressWarnings("unchecked")
    private static boolean seed(CipherFactory factory) {
        try {
            final Map<String, CipherFactory> chosen = (Map<String, CipherFactory>) field(Aes.class, "fastestFactories")
                    .get(null);
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

    /**
     * Writes jitsi-srtp's HMAC-SHA1 provider list (OpenSSL then SunJCE, or SunJCE alone), so that
     * it does not build its own with Bouncy Castle and PKCS#11; false if it cannot.
     */
    private static boolean seedHmac(boolean openSsl) {
        try {
            final Field providers = field(HmacSha1.class, "providers");
            final Field jitsiProvider = field(HmacSha1.class, "jitsiProvider");
            final List<Provider> list = new ArrayList<>(2);
            synchronized (HmacSha1.class) { // HmacSha1.getProviders fills the list under this lock
                if (providers.get(null) != null) {
                    return true; // jitsi-srtp chose already
                }
                if (openSsl) {
                    final Provider provider = new JitsiOpenSslProvider();
                    jitsiProvider.set(null, provider);
                    list.add(provider);
                }
                list.add(Security.getProvider("SunJCE"));
                providers.set(null, list);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            logger.warn("jitsi-srtp's HMAC providers are not where this version expects them: {}", e.toString());
            return false;
        }
    }

    /** For tests: whether jitsi-srtp's table holds a choice for {@code transformation}. */
    @SuppressWarnings("unchecked")
    static boolean isSeeded(String transformation) {
        try {
            return ((Map<String, CipherFactory>) field(Aes.class, "fastestFactories").get(null))
                           .get(transformation) != null;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** For tests: the names of jitsi-srtp's HMAC-SHA1 providers, in its order of preference. */
    @SuppressWarnings("unchecked")
    static List<String> hmacProviders() {
        try {
            final List<Provider> providers = (List<Provider>) field(HmacSha1.class, "providers").get(null);
            return providers == null ? List.of() : providers.stream().map(Provider::getName).toList();
        } catch (ReflectiveOperationException e) {
            return List.of();
        }
    }

    /**
     * The jitsi-srtp cipher factory for a value of {@value #PROPERTY} ({@code null} when unset):
     * {@code "SunJCE"} (the JDK) or {@code "OpenSSL"}.
     */
    static String choose(@Nullable String property, boolean openSslLoaded) {
        final String wanted = normalize(property);
        if (wanted.isEmpty() || "jdk".equals(wanted)) {
            return "SunJCE";
        }
        if (!"openssl".equals(wanted)) {
            throw new IllegalArgumentException(PROPERTY + ": " + property + " (expected: jdk or openssl)");
        }
        return openSslLoaded ? "OpenSSL" : "SunJCE";
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        final Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    private static String normalize(@Nullable String property) {
        return property == null ? "" : property.trim().toLowerCase(Locale.ROOT);
    }
}
