package dev.remotemedia.rtc.transport.ice;

import dev.remotemedia.rtc.common.Nullable;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.ice4j.ice.AgentConfig;
import org.ice4j.ice.harvest.HarvestConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets ice4j's configuration before its first use. ice4j reads it once per JVM through
 * jicoco-config, which loads Typesafe Config: the jar's {@code reference.conf}, overridden by
 * system properties with the same dotted keys. The values are cached on first read, so the keys
 * must be set before any ice4j class initializes; {@link IceUdpMux#open} calls {@link #apply}
 * before it touches ice4j. A key already set on the command line ({@code -Dice4j...}) wins.
 *
 * <ul>
 *   <li>{@code ice4j.harvest.mapping.aws.enabled=false}: the default probes the EC2 metadata
 *       address {@code 169.254.169.254} over HTTP when the first {@code Agent} is created (a
 *       {@code java.net.http.HttpClient} with a 500 ms connect timeout and no request timeout),
 *       which is most of the first agent's setup time and not allowed on many networks.
 *   <li>{@code ice4j.harvest.udp.use-dynamic-ports=false}: no socket per agent; the mux's
 *       harvester provides every host candidate.
 *   <li>{@code ice4j.consent-freshness.interval}: from {@link IceConfig#consentInterval()}.
 *   <li>{@code ice4j.software=""}: no SOFTWARE attribute in STUN messages.
 * </ul>
 *
 * <p>The STUN mapping harvesters ({@code ice4j.harvest.mapping.stun.addresses}) stay empty: the
 * mux asks the configured STUN servers itself, once for all transports.
 *
 * <p>ice4j logs through {@code java.util.logging} at INFO for every agent; the {@code org.ice4j},
 * {@code org.jitsi} and {@code JitsiConfig} loggers are set to WARNING unless a level was
 * configured for them.
 */
final class Ice4jSettings {

    static final String AWS_ENABLED = "ice4j.harvest.mapping.aws.enabled";
    static final String USE_DYNAMIC_PORTS = "ice4j.harvest.udp.use-dynamic-ports";
    static final String CONSENT_INTERVAL = "ice4j.consent-freshness.interval";
    static final String SOFTWARE = "ice4j.software";

    private static final Logger logger = LoggerFactory.getLogger(Ice4jSettings.class);

    /** Held so the levels set on them are not lost when the JDK collects the loggers. */
    private static final List<java.util.logging.Logger> QUIETED = List.of(
            java.util.logging.Logger.getLogger("org.ice4j"),
            java.util.logging.Logger.getLogger("org.jitsi"),
            java.util.logging.Logger.getLogger("JitsiConfig")); // jicoco-config names it so

    private static @Nullable Duration effectiveConsentInterval;

    private Ice4jSettings() {}

    /**
     * Sets the keys (first call only) and returns the consent interval ice4j actually uses, which
     * differs from {@code consentInterval} when an earlier call or the command line set another.
     */
    static synchronized Duration apply(Duration consentInterval) {
        if (effectiveConsentInterval == null) {
            setIfAbsent(AWS_ENABLED, "false");
            setIfAbsent(USE_DYNAMIC_PORTS, "false");
            setIfAbsent(CONSENT_INTERVAL, consentInterval.toMillis() + " milliseconds");
            setIfAbsent(SOFTWARE, "");
            for (java.util.logging.Logger l : QUIETED) {
                if (l.getLevel() == null) {
                    l.setLevel(Level.WARNING);
                }
            }
            // Reading the values makes ice4j load its configuration now, with the keys above.
            if (HarvestConfig.config.enableAwsHarvester()) {
                logger.warn("ice4j was configured before RemoteMedia could disable its AWS harvester "
                            + "({}=true): the first ICE agent probes 169.254.169.254", AWS_ENABLED);
            }
            effectiveConsentInterval = AgentConfig.config.getConsentFreshnessInterval();
        }
        if (!effectiveConsentInterval.equals(consentInterval)) {
            logger.warn("consentInterval: {} requested, but ice4j already uses {} in this JVM ({} is read "
                        + "once per JVM); consent is checked every {}", consentInterval,
                        effectiveConsentInterval, CONSENT_INTERVAL, effectiveConsentInterval);
        }
        return effectiveConsentInterval;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
