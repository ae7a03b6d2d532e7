package dev.remotemedia.rtc.transport.srtp;

import dev.remotemedia.rtc.transport.dtls.SrtpProfile;
import java.security.GeneralSecurityException;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/** Contexts of one direction keyed from a master key and salt (RFC 3711 §4.3 key derivation). */
final class JitsiContexts implements SrtpContextSource {

    /** jitsi-srtp logs through java.util.logging; its debug lines stay off unless enabled there. */
    private static final Logger JITSI_LOGGER = new LoggerImpl(SrtpSession.class.getName());

    private final SrtpContextFactory factory;

    JitsiContexts(SrtpProfile profile, boolean sender, byte[] masterKey, byte[] masterSalt) {
        final SrtpPolicy policy = policy(profile);
        factory = new SrtpContextFactory(sender, masterKey, masterSalt, policy, policy, JITSI_LOGGER);
    }

    /**
     * The transform parameters of {@code profile}: RFC 3711 §8.2 (AES-CM, HMAC-SHA1 with a 160-bit
     * key and an 80-bit tag, 112-bit salt) and RFC 7714 §12 (AES-GCM, 16-octet tag, 96-bit salt).
     * Both keep jitsi's replay checks on: on receive they are the replay window, on send they
     * refuse to protect one sequence number twice, which under GCM would reuse a nonce.
     */
    static SrtpPolicy policy(SrtpProfile profile) {
        return switch (profile) {
            case AEAD_AES_128_GCM -> new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, profile.keyLength(),
                                                    SrtpPolicy.NULL_AUTHENTICATION, 0, 16,
                                                    profile.saltLength());
            case AES128_CM_HMAC_SHA1_80 -> new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, profile.keyLength(),
                                                          SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10,
                                                          profile.saltLength());
        };
    }

    @Override
    public SrtpCryptoContext rtp(int ssrc) throws GeneralSecurityException {
        // RFC 3711 §3.3.1: the rollover counter starts at zero.
        return factory.deriveContext(ssrc, 0);
    }

    @Override
    public SrtcpCryptoContext rtcp(int ssrc) throws GeneralSecurityException {
        return factory.deriveControlContext(ssrc);
    }

    @Override
    public void close() {
        factory.close();
    }
}
