package dev.remotemedia.rtc.transport.srtp;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.transport.dtls.SrtpProfile;
import java.security.GeneralSecurityException;
import javax.crypto.spec.SecretKeySpec;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * jitsi-srtp contexts keyed with <em>session</em> keys, stepping over key derivation: RFC 3711
 * B.2 and RFC 7714 §16 and §17 state a session key and salt and no master key, so no master key
 * reaches them. Everything after key derivation (IV formation, associated data, tag placement,
 * index and E-bit, replay and rollover state) is jitsi's production code. The contexts are re-keyed
 * through the fields jitsi-srtp exposes to subclasses.
 */
final class SessionKeyedContexts implements SrtpContextSource {

    private final SrtpProfile profile;
    private final boolean sender;
    private final byte[] key;
    private final byte[] salt;
    private final byte @Nullable [] authKey;

    /** Contexts with the cipher key and salt given and, for AES-CM, the HMAC key given. */
    SessionKeyedContexts(SrtpProfile profile, boolean sender, byte[] key, byte[] salt, byte @Nullable [] authKey) {
        AesChoice.apply();
        this.profile = profile;
        this.sender = sender;
        this.key = key.clone();
        this.salt = salt.clone();
        this.authKey = authKey == null ? null : authKey.clone();
    }

    /** A session whose both directions use the same session keys, as the RFC examples do. */
    static SrtpSession session(SrtpProfile profile, byte[] key, byte[] salt, byte @Nullable [] authKey) {
        return new SrtpSession(profile, new SessionKeyedContexts(profile, true, key, salt, authKey),
                               new SessionKeyedContexts(profile, false, key, salt, authKey));
    }

    @Override
    public SrtpCryptoContext rtp(int ssrc) throws GeneralSecurityException {
        return new RtpContext(sender, ssrc, JitsiContexts.policy(profile), this);
    }

    @Override
    public SrtcpCryptoContext rtcp(int ssrc) throws GeneralSecurityException {
        return new RtcpContext(ssrc, JitsiContexts.policy(profile), this);
    }

    @Override
    public void close() {}

    private byte[] dummyMasterKey() {
        return new byte[profile.keyLength()];
    }

    private byte[] dummyMasterSalt() {
        return new byte[profile.saltLength()];
    }

    private static final class RtpContext extends SrtpCryptoContext {
        RtpContext(boolean sender, int ssrc, SrtpPolicy policy, SessionKeyedContexts keys)
                throws GeneralSecurityException {
            super(sender, ssrc, 0, keys.dummyMasterKey(), keys.dummyMasterSalt(), policy,
                  new LoggerImpl(SessionKeyedContexts.class.getName()));
            cipher.init(keys.key, keys.salt);
            if (cipherAuthOnly != cipher) {
                cipherAuthOnly.init(keys.key, keys.salt);
            }
            System.arraycopy(keys.salt, 0, saltKey, 0, saltKey.length);
            if (mac != null && keys.authKey != null) {
                mac.init(new SecretKeySpec(keys.authKey, mac.getAlgorithm()));
            }
        }
    }

    private static final class RtcpContext extends SrtcpCryptoContext {
        RtcpContext(int ssrc, SrtpPolicy policy, SessionKeyedContexts keys) throws GeneralSecurityException {
            super(ssrc, keys.dummyMasterKey(), keys.dummyMasterSalt(), policy,
                  new LoggerImpl(SessionKeyedContexts.class.getName()));
            cipher.init(keys.key, keys.salt);
            System.arraycopy(keys.salt, 0, saltKey, 0, saltKey.length);
            if (mac != null && keys.authKey != null) {
                mac.init(new SecretKeySpec(keys.authKey, mac.getAlgorithm()));
            }
        }
    }
}
