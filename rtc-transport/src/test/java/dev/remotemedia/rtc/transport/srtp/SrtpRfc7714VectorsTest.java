package dev.remotemedia.rtc.transport.srtp;

import static dev.remotemedia.rtc.transport.srtp.SrtpTestPackets.hex;
import static dev.remotemedia.rtc.transport.srtp.SrtpTestPackets.senderReport;
import static dev.remotemedia.rtc.transport.srtp.SrtpTestPackets.withRoom;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.transport.dtls.SrtpProfile;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The AEAD_AES_128_GCM test vectors of <a href="https://www.rfc-editor.org/rfc/rfc7714#section-16">RFC
 * 7714 §16</a> (SRTP) and <a href="https://www.rfc-editor.org/rfc/rfc7714#section-17">§17</a>
 * (SRTCP), byte for byte through {@link SrtpSession}. The RFC states session keys, not master keys,
 * so the sessions here are keyed past the key derivation ({@link SessionKeyedContexts}); RFC 3711
 * B.3 covers that step ({@link SrtpRfc3711VectorsTest}).
 */
class SrtpRfc7714VectorsTest {

    /** §16: "The 16-octet (128-bit) key is 00 01 02 ... 0f". */
    private static final byte[] KEY = hex("000102030405060708090a0b0c0d0e0f");
    /** §16: "The salt used (51756964 2070726f 2071756f) comes from the ASCII string 'Quid pro quo'". */
    private static final byte[] SALT = hex("51756964 2070726f 2071756f");

    /** §16.1.1 "Encrypting the following packet", and §16.1.2's recovered packet. */
    private static final byte[] RTP = hex("""
            8040f17b 8041f8d3 5501a0b2 47616c6c
            69612065 7374206f 6d6e6973 20646976
            69736120 696e2070 61727465 73207472
            6573""");
    /** §16.1.1 "Encrypted and tagged packet", §16.1.2 "Decrypting the following packet". */
    private static final byte[] SRTP = hex("""
            8040f17b 8041f8d3 5501a0b2 f24de3a3
            fb34de6c acba861c 9d7e4bca be633bd5
            0d294e6f 42a5f47a 51c7d19b 36de3adf
            8833899d 7f27beb1 6a9152cf 765ee439
            0cce""");

    /** §17.1 "Encrypting the following packet", with SRTCP index 000005d4. */
    private static final byte[] RTCP = hex("""
            81c8000d 4d617273 4e545031 4e545032
            52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef
            deadbeef""");
    /** §17.1 "Encrypted and tagged packet". */
    private static final byte[] SRTCP = hex("""
            81c8000d 4d617273 63e94885 dcdab67c
            a727d766 2f6b7e99 7ff5c0f7 6c06f32d
            c676a5f1 730d6fda 4ce09b46 86303ded
            0bb9275b c84aa458 96cf4d2f c5abf872
            45d9eade 800005d4""");
    /** §17.3 "Tagged packet": the same RTCP packet authenticated but not encrypted (E-flag 0). */
    private static final byte[] SRTCP_TAGGED_ONLY = hex("""
            81c8000d 4d617273 4e545031 4e545032
            52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef
            deadbeef 841dd968 3dd78ec9 2ae58790
            125f62b3 000005d4""");
    private static final int SRTCP_INDEX = 0x5d4;

    @Test
    void protectingTheRtpPacketOfSection16_1_1GivesTheRfcsBytes() {
        final SrtpSession session = SessionKeyedContexts.session(SrtpProfile.AEAD_AES_128_GCM, KEY, SALT, null);
        final byte[] buf = withRoom(RTP);

        final int n = session.protectRtp(buf, 0, RTP.length);

        assertThat(Arrays.copyOf(buf, n)).isEqualTo(SRTP);
    }

    @Test
    void unprotectingTheSrtpPacketOfSection16_1_2GivesTheRfcsPlaintext() {
        final SrtpSession session = SessionKeyedContexts.session(SrtpProfile.AEAD_AES_128_GCM, KEY, SALT, null);
        final byte[] buf = SRTP.clone();

        final int n = session.unprotectRtp(buf, 0, buf.length);

        assertThat(Arrays.copyOf(buf, n)).isEqualTo(RTP);
    }

    @Test
    void theSection16PacketWithOneBitFlippedDoesNotAuthenticate() {
        for (int at : new int[] {1, 12, 30, SRTP.length - 1}) {
            final SrtpSession session = SessionKeyedContexts.session(SrtpProfile.AEAD_AES_128_GCM, KEY, SALT, null);
            final byte[] buf = SRTP.clone();
            buf[at] ^= 0x01;

            assertThat(session.unprotectRtp(buf, 0, buf.length)).as("byte %d", at)
                                                                 .isEqualTo(SrtpError.AUTH_FAILED.code());
        }
    }

    @Test
    void protectingTheRtcpPacketOfSection17_1AtIndex5d4GivesTheRfcsBytes() {
        final SrtpSession session = SessionKeyedContexts.session(SrtpProfile.AEAD_AES_128_GCM, KEY, SALT, null);
        // The sender's SRTCP index is its own state and starts at 0 (RFC 3711 §3.4): send up to 0x5d3 first.
        for (int i = 0; i < SRTCP_INDEX; i++) {
            final byte[] earlier = withRoom(RTCP);
            assertThat(session.protectRtcp(earlier, 0, RTCP.length)).isPositive();
        }
        final byte[] buf = withRoom(RTCP);

        final int n = session.protectRtcp(buf, 0, RTCP.length);

        assertThat(Arrays.copyOf(buf, n)).isEqualTo(SRTCP);
    }

    @Test
    void unprotectingTheSrtcpPacketOfSection17_1GivesBackTheRtcpPacket() {
        final SrtpSession session = SessionKeyedContexts.session(SrtpProfile.AEAD_AES_128_GCM, KEY, SALT, null);
        final byte[] buf = SRTCP.clone();

        final int n = session.unprotectRtcp(buf, 0, buf.length);

        assertThat(Arrays.copyOf(buf, n)).isEqualTo(RTCP);
        assertThat(session.unprotectRtcp(SRTCP.clone(), 0, SRTCP.length)).as("a replay")
                                                                         .isEqualTo(SrtpError.REPLAYED.code());
    }

    @Test
    void theTaggedButUnencryptedSrtcpOfSection17_3IsDroppedAsDocumented() {
        // jitsi-srtp does not verify GCM SRTCP with the E-flag clear; browsers always encrypt SRTCP.
        final SrtpSession session = SessionKeyedContexts.session(SrtpProfile.AEAD_AES_128_GCM, KEY, SALT, null);
        final byte[] buf = SRTCP_TAGGED_ONLY.clone();

        assertThat(session.unprotectRtcp(buf, 0, buf.length)).isEqualTo(SrtpError.AUTH_FAILED.code());
        assertThat(session.stats().rtcpPacketsUnprotected()).isZero();
        assertThat(session.unprotectRtcp(SRTCP.clone(), 0, SRTCP.length)).isEqualTo(RTCP.length);
    }

    @Test
    void theSrtcpPacketOfSection17_1IsRefusedWithTheEncryptedFlagCleared() {
        final SrtpSession session = SessionKeyedContexts.session(SrtpProfile.AEAD_AES_128_GCM, KEY, SALT, null);
        final byte[] buf = SRTCP.clone();
        buf[buf.length - 4] &= 0x7f;

        assertThat(session.unprotectRtcp(buf, 0, buf.length)).isEqualTo(SrtpError.AUTH_FAILED.code());
    }

    @Test
    void aSessionProtectsAndUnprotectsRtcpWithTheseKeysToo() {
        final SrtpSession sender = SessionKeyedContexts.session(SrtpProfile.AEAD_AES_128_GCM, KEY, SALT, null);
        final SrtpSession receiver = SessionKeyedContexts.session(SrtpProfile.AEAD_AES_128_GCM, KEY, SALT, null);
        final byte[] buf = senderReport(0x4d617273, 1);

        final int n = sender.protectRtcp(buf, 0, 28);

        assertThat(receiver.unprotectRtcp(buf, 0, n)).isEqualTo(28);
    }
}
