package dev.remotemedia.rtc.transport.srtp;

import java.security.GeneralSecurityException;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpCryptoContext;

/**
 * Makes the jitsi-srtp crypto contexts of one direction, one per SSRC. Production contexts derive
 * their session keys from a master key ({@link JitsiContexts}); tests substitute contexts keyed
 * with the session keys that RFC 7714 §16 and §17 state.
 */
interface SrtpContextSource {

    SrtpCryptoContext rtp(int ssrc) throws GeneralSecurityException;

    SrtcpCryptoContext rtcp(int ssrc) throws GeneralSecurityException;

    /** Wipes the master key and salt. */
    void close();
}
