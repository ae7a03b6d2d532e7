package dev.remotemedia.rtc.transport.srtp;

import static dev.remotemedia.rtc.transport.srtp.SrtpTestPackets.hex;
import static dev.remotemedia.rtc.transport.srtp.SrtpTestPackets.rtp;
import static dev.remotemedia.rtc.transport.srtp.SrtpTestPackets.senderReport;
import static dev.remotemedia.rtc.transport.srtp.SrtpTestPackets.writeInt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.transport.dtls.SrtpProfile;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The test vectors of <a href="https://www.rfc-editor.org/rfc/rfc3711#appendix-B.2">RFC 3711
 * Appendix B.2</a> (the AES-CM keystream) and <a
 * href="https://www.rfc-editor.org/rfc/rfc3711#appendix-B.3">B.3</a> (key derivation).
 *
 * <p>jitsi-srtp keeps its key derivation package-private, so B.3 is checked end to end: a session
 * made from B.3's master key and salt through the public API must protect a packet exactly as the
 * RFC 3711 transform does with the session keys B.3 lists, computed here with {@code javax.crypto}
 * (AES-CTR for §4.1.1, HMAC-SHA1 for §4.2). SRTCP's keys (labels 3 to 5) have no published vector,
 * so they come from this test's own §4.3.1 derivation, which first reproduces B.3's three keys.
 */
class SrtpRfc3711VectorsTest {

    /** B.2: "Session Key: 2B7E151628AED2A6ABF7158809CF4F3C". */
    private static final byte[] B2_SESSION_KEY = hex("2B7E151628AED2A6ABF7158809CF4F3C");
    /** B.2: "Session Salt: F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000 (already shifted)". */
    private static final byte[] B2_SESSION_SALT = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD");

    /** B.3: "master key: E1F97A0D3E018BE0D64FA32C06DE4139". */
    private static final byte[] B3_MASTER_KEY = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
    /** B.3: "master salt: 0EC675AD498AFEEBB6960B3AABE6". */
    private static final byte[] B3_MASTER_SALT = hex("0EC675AD498AFEEBB6960B3AABE6");
    /** B.3: "cipher key: C61E7A93744F39EE10734AFE3FF7A087". */
    private static final byte[] B3_CIPHER_KEY = hex("C61E7A93744F39EE10734AFE3FF7A087");
    /** B.3: "cipher salt: 30CBBC08863D8C85D49DB34A9AE1". */
    private static final byte[] B3_CIPHER_SALT = hex("30CBBC08863D8C85D49DB34A9AE1");
    /** B.3's "auth key", of which HMAC-SHA1 uses the first 160 bits (RFC 3711 §8.2). */
    private static final byte[] B3_AUTH_KEY = hex("""
            CEBE321F6FF7716B6FD4AB49AF256A15
            6D38BAA48F0A0ACF3C34E2359E6CDBCE
            E049646C43D9327AD175578EF7227098
            6371C10C9A369AC2F94A8C5FBCDDDC25
            6D6E919A48B610EF17C2041E47403576
            6B68642C59BBFC2F34DB60DBDFB2""");

    private static final int SSRC = 0xCAFE_BABE;

    @Test
    void theKeystreamOfAppendixB2IsWhatProtectingZerosGives() {
        final SrtpSession session = SessionKeyedContexts.session(SrtpProfile.AES128_CM_HMAC_SHA1_80, B2_SESSION_KEY,
                                                                 B2_SESSION_SALT, new byte[20]);
        // SSRC 0, sequence number 0, ROC 0: the IV is B.2's offset. 0xFF02 blocks of zeros come out as keystream.
        final int payload = 0xFF02 * 16;
        final byte[] buf = new byte[12 + payload + SrtpSession.MAX_OVERHEAD];
        buf[0] = (byte) 0x80;

        assertThat(session.protectRtp(buf, 0, 12 + payload)).isEqualTo(12 + payload + 10);

        assertThat(block(buf, 0x0000)).isEqualTo(hex("E03EAD0935C95E80E166B16DD92B4EB4"));
        assertThat(block(buf, 0x0001)).isEqualTo(hex("D23513162B02D0F72A43A2FE4A5F97AB"));
        assertThat(block(buf, 0x0002)).isEqualTo(hex("41E95B3BB0A2E8DD477901E4FCA894C0"));
        assertThat(block(buf, 0xFEFF)).isEqualTo(hex("EC8CDF7398607CB0F2D21675EA9EA1E4"));
        assertThat(block(buf, 0xFF00)).isEqualTo(hex("362B7C3C6773516318A077D7FC5073AE"));
        assertThat(block(buf, 0xFF01)).isEqualTo(hex("6A2CC3787889374FBEB4C81B17BA6C44"));
    }

    @Test
    void thisTestsKeyDerivationReproducesAppendixB3() throws Exception {
        assertThat(derive(B3_MASTER_KEY, B3_MASTER_SALT, 0x00, 16)).isEqualTo(B3_CIPHER_KEY);
        assertThat(derive(B3_MASTER_KEY, B3_MASTER_SALT, 0x02, 14)).isEqualTo(B3_CIPHER_SALT);
        assertThat(derive(B3_MASTER_KEY, B3_MASTER_SALT, 0x01, B3_AUTH_KEY.length)).isEqualTo(B3_AUTH_KEY);
    }

    @Test
    void aSessionFromTheMasterKeyOfAppendixB3ProtectsRtpWithTheSessionKeysB3Lists() throws Exception {
        final SrtpSession session = b3Session();
        final byte[] packet = rtp(SSRC, 1234, 100);
        final byte[] plain = Arrays.copyOf(packet, 112);

        final int n = session.protectRtp(packet, 0, 112);

        assertThat(Arrays.copyOf(packet, n)).isEqualTo(referenceSrtp(plain, 0));
    }

    @Test
    void afterTheWrapTheSenderEncryptsAndTagsWithRolloverCounterOne() throws Exception {
        final SrtpSession session = b3Session();
        final SrtpSession receiver = b3Session();
        for (int seq : new int[] {65534, 65535, 0, 1}) {
            final byte[] packet = rtp(SSRC, seq, 100);
            final byte[] plain = Arrays.copyOf(packet, 112);

            final int n = session.protectRtp(packet, 0, 112);

            final int roc = seq > 60000 ? 0 : 1;
            assertThat(Arrays.copyOf(packet, n)).as("seq %d", seq).isEqualTo(referenceSrtp(plain, roc));
            assertThat(receiver.unprotectRtp(packet, 0, n)).isEqualTo(112);
            assertThat(Arrays.copyOf(packet, 112)).isEqualTo(plain);
        }
    }

    @Test
    void aSessionFromTheMasterKeyOfAppendixB3ProtectsRtcpAsRfc3711Section3_4Says() throws Exception {
        final SrtpSession session = b3Session();
        for (int index = 0; index < 3; index++) {
            final byte[] packet = senderReport(SSRC, index);
            final byte[] plain = Arrays.copyOf(packet, 28);

            final int n = session.protectRtcp(packet, 0, 28);

            assertThat(Arrays.copyOf(packet, n)).as("index %d", index).isEqualTo(referenceSrtcp(plain, index));
        }
    }

    private static SrtpSession b3Session() {
        return SrtpSession.create(SrtpProfile.AES128_CM_HMAC_SHA1_80, B3_MASTER_KEY, B3_MASTER_SALT, B3_MASTER_KEY,
                                  B3_MASTER_SALT);
    }

    /** RFC 3711 §3.1: the payload encrypted under §4.1.1's IV, then the 80-bit HMAC-SHA1 tag over packet and ROC. */
    private static byte[] referenceSrtp(byte[] rtp, int roc) throws Exception {
        final int seq = ((rtp[2] & 0xff) << 8) | (rtp[3] & 0xff);
        final long index = ((long) roc << 16) | seq;
        final byte[] iv = new byte[16];
        System.arraycopy(B3_CIPHER_SALT, 0, iv, 0, 14);
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= rtp[8 + i]; // SSRC * 2^64
        }
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> (8 * (5 - i))); // i * 2^16
        }
        final byte[] out = Arrays.copyOf(rtp, rtp.length + 10);
        final byte[] encrypted = aesCtr(B3_CIPHER_KEY, iv, Arrays.copyOfRange(rtp, 12, rtp.length));
        System.arraycopy(encrypted, 0, out, 12, encrypted.length);
        final byte[] rocBytes = new byte[4];
        writeInt(rocBytes, 0, roc);
        final byte[] tag = hmacSha1(Arrays.copyOf(B3_AUTH_KEY, 20), Arrays.copyOf(out, rtp.length), rocBytes);
        System.arraycopy(tag, 0, out, rtp.length, 10);
        return out;
    }

    /** RFC 3711 §3.4: everything after the first 8 octets encrypted, E-bit and index, then the tag over all that. */
    private static byte[] referenceSrtcp(byte[] rtcp, int index) throws Exception {
        final byte[] key = derive(B3_MASTER_KEY, B3_MASTER_SALT, 0x03, 16);
        final byte[] salt = derive(B3_MASTER_KEY, B3_MASTER_SALT, 0x05, 14);
        final byte[] authKey = derive(B3_MASTER_KEY, B3_MASTER_SALT, 0x04, 20);
        final byte[] iv = new byte[16];
        System.arraycopy(salt, 0, iv, 0, 14);
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= rtcp[4 + i];
            iv[10 + i] ^= (byte) (index >>> (8 * (3 - i)));
        }
        final byte[] out = Arrays.copyOf(rtcp, rtcp.length + 4 + 10);
        final byte[] encrypted = aesCtr(key, iv, Arrays.copyOfRange(rtcp, 8, rtcp.length));
        System.arraycopy(encrypted, 0, out, 8, encrypted.length);
        writeInt(out, rtcp.length, 0x8000_0000 | index);
        final byte[] tag = hmacSha1(authKey, Arrays.copyOf(out, rtcp.length + 4), new byte[0]);
        System.arraycopy(tag, 0, out, rtcp.length + 4, 10);
        return out;
    }

    /** RFC 3711 §4.3.1 with a key derivation rate of zero: AES-CM keystream from IV (salt XOR label) * 2^16. */
    private static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) throws Exception {
        final byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, 14);
        iv[7] ^= (byte) label;
        return aesCtr(masterKey, iv, new byte[length]);
    }

    private static byte[] aesCtr(byte[] key, byte[] iv, byte[] input) throws Exception {
        final Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return cipher.doFinal(input);
    }

    private static byte[] hmacSha1(byte[] key, byte[] first, byte[] second) throws Exception {
        final Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        mac.update(first);
        mac.update(second);
        return mac.doFinal();
    }

    private static byte[] block(byte[] packet, int index) {
        return Arrays.copyOfRange(packet, 12 + 16 * index, 12 + 16 * (index + 1));
    }
}
