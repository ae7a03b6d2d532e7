package dev.remotemedia.rtc.transport.dtls;

import dev.remotemedia.rtc.common.Nullable;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * AES-GCM for one direction of the DTLS record layer, on the JDK's {@code Cipher} (and so its
 * AES-NI and carry-less multiply intrinsics), set up per record as cheaply as the JCE allows.
 *
 * <p>Each record has its own nonce (RFC 5288 §3), so the cipher is initialised once per record.
 * Bouncy Castle's own JCE wrapper does that through a fresh {@code AlgorithmParameters} (a
 * provider look-up and an ASN.1 encoding and parse per record), which cost about a fifth of the
 * CPU of a bulk transfer; here it is one {@link GCMParameterSpec} and one {@code Cipher.init} with
 * the same key object, whose AES key schedule the JDK keeps. Not thread-safe: BC uses one per
 * direction of one connection, from one thread at a time.
 */
final class JdkAesGcmCipher implements TlsAEADCipherImpl {

    static final String CIPHER_NAME = "AES/GCM/NoPadding";

    private final Cipher cipher;
    private final int mode;
    private final int keySize;
    private @Nullable SecretKeySpec key;
    private int macSize = 16;

    JdkAesGcmCipher(JcaJceHelper helper, int keySize, boolean encrypting) throws GeneralSecurityException {
        cipher = helper.createCipher(CIPHER_NAME);
        mode = encrypting ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
        this.keySize = keySize;
    }

    @Override
    public void setKey(byte[] key, int keyOff, int keyLen) {
        if (keyLen != keySize) {
            throw new IllegalStateException("AES-GCM key: " + keyLen + " bytes (expected: " + keySize + ")");
        }
        this.key = new SecretKeySpec(key, keyOff, keyLen, "AES");
    }

    @Override
    public void init(byte[] nonce, int macSize) throws IOException {
        try {
            cipher.init(mode, key, new GCMParameterSpec(macSize * 8, nonce));
            this.macSize = macSize;
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, e);
        }
    }

    /** GCM adds the tag on encryption and removes it on decryption; the JCE's answer costs a state check. */
    @Override
    public int getOutputSize(int inputLength) {
        return mode == Cipher.ENCRYPT_MODE ? inputLength + macSize : Math.max(0, inputLength - macSize);
    }

    /**
     * Encrypts or decrypts one record in a single call. A record that fails authentication throws
     * an unchecked exception, which BC turns into bad_record_mac (and DTLS then drops the record).
     */
    @Override
    public int doFinal(byte[] additionalData, byte[] input, int inputOffset, int inputLength, byte[] output,
                       int outputOffset) {
        try {
            if (additionalData != null && additionalData.length > 0) {
                cipher.updateAAD(additionalData);
            }
            return cipher.doFinal(input, inputOffset, inputLength, output, outputOffset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM record failed: " + e.getMessage(), e);
        }
    }

    /** BC's JCE crypto with this cipher for AES-GCM records; other ciphers as BC makes them. */
    static final class Provider extends JcaTlsCryptoProvider {
        @Override
        public JcaTlsCrypto create(SecureRandom keyRandom, SecureRandom nonceRandom) {
            return new JcaTlsCrypto(getHelper(), getAltHelper(), keyRandom, nonceRandom) {
                @Override
                protected TlsAEADCipherImpl createAEADCipher(String cipherName, String algorithm, int keySize,
                                                             boolean isEncrypting) throws GeneralSecurityException {
                    if (CIPHER_NAME.equals(cipherName)) {
                        return new JdkAesGcmCipher(getHelper(), keySize, isEncrypting);
                    }
                    return super.createAEADCipher(cipherName, algorithm, keySize, isEncrypting);
                }
            };
        }
    }
}
