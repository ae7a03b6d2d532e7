package dev.remotemedia.rtc.transport.srtp;

import static dev.remotemedia.rtc.transport.srtp.SrtpTestPackets.rtp;
import static dev.remotemedia.rtc.transport.srtp.SrtpTestPackets.senderReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.transport.dtls.DtlsRole;
import dev.remotemedia.rtc.transport.dtls.SrtpKeyingMaterial;
import dev.remotemedia.rtc.transport.dtls.SrtpProfile;
import java.lang.reflect.Constructor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two sessions keyed as the two ends of one DTLS transport, passing packets to each other. */
class SrtpSessionTest {

    private static final int SSRC = 0x1234_5678;

    /** Alice's local keys are Bob's remote ones and the other way round. */
    record Pair(SrtpSession alice, SrtpSession bob) {
        static Pair of(SrtpProfile profile) {
            final byte[] aliceKey = filled(profile.keyLength(), 0x11);
            final byte[] aliceSalt = filled(profile.saltLength(), 0x22);
            final byte[] bobKey = filled(profile.keyLength(), 0x33);
            final byte[] bobSalt = filled(profile.saltLength(), 0x44);
            return new Pair(SrtpSession.create(profile, aliceKey, aliceSalt, bobKey, bobSalt),
                            SrtpSession.create(profile, bobKey, bobSalt, aliceKey, aliceSalt));
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpRoundTripsBetweenSessionsWithSwappedKeys(SrtpProfile profile) {
        final Pair pair = Pair.of(profile);
        for (int seq = 1000; seq < 1100; seq++) {
            final byte[] packet = rtp(SSRC, seq, 160);
            final byte[] plain = Arrays.copyOf(packet, 172);

            final int protectedLength = pair.alice.protectRtp(packet, 0, 172);

            assertThat(protectedLength).isEqualTo(172 + (profile == SrtpProfile.AEAD_AES_128_GCM ? 16 : 10));
            assertThat(Arrays.copyOf(packet, 12)).as("the header stays in the clear").isEqualTo(Arrays.copyOf(plain, 12));
            assertThat(Arrays.copyOfRange(packet, 12, 172)).as("the payload is encrypted")
                                                           .isNotEqualTo(Arrays.copyOfRange(plain, 12, 172));
            assertThat(pair.bob.unprotectRtp(packet, 0, protectedLength)).isEqualTo(172);
            assertThat(Arrays.copyOf(packet, 172)).isEqualTo(plain);
        }
        assertThat(pair.alice.stats().rtpPacketsProtected()).isEqualTo(100);
        assertThat(pair.bob.stats().rtpPacketsUnprotected()).isEqualTo(100);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtcpRoundTripsWithTheEncryptedFlagAndAnIncreasingIndex(SrtpProfile profile) {
        final Pair pair = Pair.of(profile);
        for (int index = 0; index < 5; index++) {
            final byte[] packet = senderReport(SSRC, 960 * index);
            final byte[] plain = Arrays.copyOf(packet, 28);

            final int protectedLength = pair.bob.protectRtcp(packet, 0, 28);

            final int tag = profile == SrtpProfile.AEAD_AES_128_GCM ? 16 : 10;
            assertThat(protectedLength).isEqualTo(28 + tag + 4);
            // RFC 3711 §3.4: E-bit and 31-bit index after the encrypted part; RFC 7714 §9.2 puts the tag before it.
            final int indexAt = profile == SrtpProfile.AEAD_AES_128_GCM ? 28 + tag : 28;
            assertThat(Arrays.copyOfRange(packet, indexAt, indexAt + 4)).containsExactly(0x80, 0, 0, index);
            assertThat(Arrays.copyOf(packet, 8)).isEqualTo(Arrays.copyOf(plain, 8));
            assertThat(Arrays.copyOfRange(packet, 8, 28)).isNotEqualTo(Arrays.copyOfRange(plain, 8, 28));
            assertThat(pair.alice.unprotectRtcp(packet, 0, protectedLength)).isEqualTo(28);
            assertThat(Arrays.copyOf(packet, 28)).isEqualTo(plain);
        }
        assertThat(pair.bob.stats().rtcpPacketsProtected()).isEqualTo(5);
        assertThat(pair.alice.stats().rtcpPacketsUnprotected()).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectsInPlaceAtAnOffsetWithoutTouchingTheBytesAround(SrtpProfile profile) {
        final Pair pair = Pair.of(profile);
        final byte[] packet = rtp(SSRC, 7, 40);
        final byte[] buf = new byte[5 + packet.length];
        Arrays.fill(buf, (byte) 0x5A);
        System.arraycopy(packet, 0, buf, 5, 52);

        final int n = pair.alice.protectRtp(buf, 5, 52);

        assertThat(Arrays.copyOf(buf, 5)).containsOnly(0x5A);
        assertThat(Arrays.copyOfRange(buf, 5 + n, buf.length)).containsOnly(0x5A);
        assertThat(pair.bob.unprotectRtp(buf, 5, n)).isEqualTo(52);
        assertThat(Arrays.copyOfRange(buf, 5, 57)).isEqualTo(Arrays.copyOf(packet, 52));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aFlippedBitAnywhereFailsAuthenticationAndTheSessionGoesOn(SrtpProfile profile) {
        final Pair pair = Pair.of(profile);
        deliver(pair, 999);
        final byte[] packet = rtp(SSRC, 1000, 60);
        final int n = pair.alice.protectRtp(packet, 0, 72);

        int flips = 0;
        for (int at = 0; at < n; at++) {
            for (int bit = 0; bit < 8; bit++) {
                final byte[] altered = Arrays.copyOf(packet, packet.length);
                altered[at] ^= (byte) (1 << bit);

                final SrtpError error = SrtpError.fromCode(pair.bob.unprotectRtp(altered, 0, n));

                flips++;
                if (at == 0) {
                    // Version, padding, extension and CSRC count: the header no longer parses, or the tag fails.
                    assertThat(error).isIn(SrtpError.MALFORMED, SrtpError.AUTH_FAILED);
                } else if (at == 2 || at == 3) {
                    // A sequence number far behind the last one is refused by the replay window first.
                    assertThat(error).isIn(SrtpError.AUTH_FAILED, SrtpError.REPLAYED);
                } else {
                    assertThat(error).as("bit %d of byte %d", bit, at).isEqualTo(SrtpError.AUTH_FAILED);
                }
            }
        }
        final SrtpStats stats = pair.bob.stats();
        assertThat(stats.authFailures() + stats.replays() + stats.malformed()).isEqualTo(flips);
        assertThat(stats.authFailures()).isGreaterThan(flips - 8 * 3);

        assertThat(pair.bob.unprotectRtp(packet, 0, n)).as("the genuine packet still decrypts").isEqualTo(72);
        deliver(pair, 1001);
        assertThat(stats.rtpPacketsUnprotected()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aFlippedBitInSrtcpFailsAuthentication(SrtpProfile profile) {
        final Pair pair = Pair.of(profile);
        final byte[] packet = senderReport(SSRC, 1);
        final int n = pair.alice.protectRtcp(packet, 0, 28);

        for (int at = 1; at < n; at++) {
            final byte[] altered = Arrays.copyOf(packet, packet.length);
            altered[at] ^= 0x01;

            assertThat(SrtpError.fromCode(pair.bob.unprotectRtcp(altered, 0, n))).as("byte %d", at)
                                                                               .isEqualTo(SrtpError.AUTH_FAILED);
        }
        assertThat(pair.bob.stats().authFailures()).isEqualTo(n - 1);
        assertThat(pair.bob.unprotectRtcp(packet, 0, n)).isEqualTo(28);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void theSamePacketTwiceIsAReplay(SrtpProfile profile) {
        final Pair pair = Pair.of(profile);
        final byte[] rtp = rtp(SSRC, 5, 20);
        final int rtpLength = pair.alice.protectRtp(rtp, 0, 32);
        final byte[] rtpCopy = Arrays.copyOf(rtp, rtp.length);
        final byte[] rtcp = senderReport(SSRC, 5);
        final int rtcpLength = pair.alice.protectRtcp(rtcp, 0, 28);
        final byte[] rtcpCopy = Arrays.copyOf(rtcp, rtcp.length);

        assertThat(pair.bob.unprotectRtp(rtp, 0, rtpLength)).isEqualTo(32);
        assertThat(pair.bob.unprotectRtp(rtpCopy, 0, rtpLength)).isEqualTo(SrtpError.REPLAYED.code());
        assertThat(pair.bob.unprotectRtcp(rtcp, 0, rtcpLength)).isEqualTo(28);
        assertThat(pair.bob.unprotectRtcp(rtcpCopy, 0, rtcpLength)).isEqualTo(SrtpError.REPLAYED.code());
        assertThat(pair.bob.stats().replays()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void theReplayWindowAcceptsLatePacketsUpTo63BehindAndRefusesOlderOnes(SrtpProfile profile) {
        final Pair pair = Pair.of(profile);
        final byte[][] sent = new byte[101][];
        final int[] lengths = new int[101];
        for (int seq = 0; seq <= 100; seq++) {
            sent[seq] = rtp(SSRC, seq, 10);
            lengths[seq] = pair.alice.protectRtp(sent[seq], 0, 22);
            if (seq != 30 && seq != 40) {
                assertThat(pair.bob.unprotectRtp(sent[seq], 0, lengths[seq])).isEqualTo(22);
            }
        }

        assertThat(pair.bob.unprotectRtp(sent[40], 0, lengths[40])).as("60 behind").isEqualTo(22);
        assertThat(pair.bob.unprotectRtp(sent[30], 0, lengths[30])).as("70 behind")
                                                                  .isEqualTo(SrtpError.REPLAYED.code());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void sequenceNumbersWrapAndPacketsOnBothSidesOfTheWrapDecrypt(SrtpProfile profile) {
        final Pair pair = Pair.of(profile);
        final int[] order = {65530, 65531, 65532, 65533, 65535, 0, 1, 2, 65534, 3, 4};
        final byte[][] sent = new byte[order.length][];
        final int[] lengths = new int[order.length];
        for (int seq = 65530, i = 0; i < order.length; seq = (seq + 1) & 0xffff, i++) {
            // Protected in sending order; delivered below with 65534 late, after the wrap.
            final byte[] packet = rtp(SSRC, seq, 30);
            final int n = pair.alice.protectRtp(packet, 0, 42);
            assertThat(n).isPositive();
            sent[indexOf(order, seq)] = packet;
            lengths[indexOf(order, seq)] = n;
        }

        for (int i = 0; i < order.length; i++) {
            assertThat(pair.bob.unprotectRtp(sent[i], 0, lengths[i])).as("seq %d", order[i]).isEqualTo(42);
            assertThat(Arrays.copyOf(sent[i], 42)).isEqualTo(Arrays.copyOf(rtp(SSRC, order[i], 30), 42));
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void theSenderMovesToTheNextRolloverCounterAfterTheWrap(SrtpProfile profile) {
        final Pair pair = Pair.of(profile);
        final Pair fresh = Pair.of(profile);
        final byte[] firstZero = rtp(SSRC, 0, 30);
        fresh.alice.protectRtp(firstZero, 0, 42);
        pair.alice.protectRtp(rtp(SSRC, 65535, 30), 0, 42);

        final byte[] wrappedZero = rtp(SSRC, 0, 30);
        final int n = pair.alice.protectRtp(wrappedZero, 0, 42);

        // Same key, SSRC and sequence number: only the rollover counter (in the IV, RFC 3711 §4.1.1, RFC 7714 §8.1) differs.
        assertThat(Arrays.copyOfRange(wrappedZero, 12, n)).isNotEqualTo(Arrays.copyOfRange(firstZero, 12, n));
        final byte[] previous = rtp(SSRC, 65535, 30);
        final Pair receiver = Pair.of(profile);
        receiver.alice.protectRtp(previous, 0, 42);
        assertThat(receiver.bob.unprotectRtp(previous, 0, n)).isEqualTo(42);
        assertThat(receiver.bob.unprotectRtp(wrappedZero, 0, n)).as("decrypts with ROC 1").isEqualTo(42);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void packetsTooShortForAHeaderOrATagAreMalformed(SrtpProfile profile) {
        final Pair pair = Pair.of(profile);
        final int tag = profile == SrtpProfile.AEAD_AES_128_GCM ? 16 : 10;
        final byte[] packet = rtp(SSRC, 1, 100);
        pair.alice.protectRtp(packet, 0, 112);

        for (int len = 0; len < 12 + tag; len++) {
            assertThat(pair.bob.unprotectRtp(packet, 0, len)).as("RTP length %d", len).isEqualTo(SrtpError.MALFORMED.code());
        }
        for (int len = 0; len < 8 + tag + 4; len++) {
            assertThat(pair.bob.unprotectRtcp(packet, 0, len)).as("RTCP length %d", len).isEqualTo(SrtpError.MALFORMED.code());
        }
        final byte[] csrcs = rtp(SSRC, 2, 20);
        csrcs[0] = (byte) 0x8F; // 15 CSRCs: a 72-byte header in a 32-byte packet
        assertThat(pair.bob.unprotectRtp(csrcs, 0, 32 + tag)).isEqualTo(SrtpError.MALFORMED.code());
        final byte[] extension = rtp(SSRC, 3, 20);
        extension[0] = (byte) 0x90;
        extension[14] = (byte) 0xFF; // 65,280 words of header extension
        assertThat(pair.bob.unprotectRtp(extension, 0, 32 + tag)).isEqualTo(SrtpError.MALFORMED.code());
        final byte[] version1 = rtp(SSRC, 4, 20);
        version1[0] = 0x40;
        assertThat(pair.bob.unprotectRtp(version1, 0, 32 + tag)).isEqualTo(SrtpError.MALFORMED.code());

        assertThat(pair.bob.stats().malformed()).isEqualTo(12 + tag + 8 + tag + 4 + 3);
        assertThat(pair.bob.unprotectRtp(packet, 0, 112 + tag)).isEqualTo(112);
    }

    @Test
    void protectRefusesPacketsWithoutRoomForTheTagOrWithoutAnRtpHeader() {
        final Pair pair = Pair.of(SrtpProfile.AEAD_AES_128_GCM);
        final byte[] tight = Arrays.copyOf(rtp(SSRC, 1, 20), 32 + 15);
        final byte[] shortRtcp = new byte[4 + SrtpSession.MAX_OVERHEAD];
        shortRtcp[0] = (byte) 0x80;

        assertThat(pair.alice.protectRtp(tight, 0, 32)).isEqualTo(SrtpError.NO_ROOM.code());
        assertThat(pair.alice.protectRtcp(Arrays.copyOf(senderReport(SSRC, 2), 28 + 19), 0, 28))
                .isEqualTo(SrtpError.NO_ROOM.code());
        assertThat(pair.alice.protectRtp(new byte[40], 0, 8)).isEqualTo(SrtpError.MALFORMED.code());
        assertThat(pair.alice.protectRtcp(shortRtcp, 0, 4)).isEqualTo(SrtpError.MALFORMED.code());
        assertThat(pair.alice.stats().protectFailures()).isEqualTo(4);
    }

    @Test
    void protectingOneSequenceNumberTwiceIsRefusedRatherThanReusingTheNonce() {
        final Pair pair = Pair.of(SrtpProfile.AEAD_AES_128_GCM);
        pair.alice.protectRtp(rtp(SSRC, 9, 20), 0, 32);

        assertThat(pair.alice.protectRtp(rtp(SSRC, 9, 20), 0, 32)).isEqualTo(SrtpError.REPLAYED.code());
        assertThat(pair.alice.stats().protectFailures()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void forgedPacketsWithUnknownSsrcsAreDroppedAndCreateNoStream(SrtpProfile profile) {
        final Pair pair = Pair.of(profile);
        for (int ssrc = 1; ssrc <= 50; ssrc++) {
            final byte[] forged = rtp(ssrc, 1, 40);
            assertThat(pair.bob.unprotectRtp(forged, 0, 52 + 16)).isEqualTo(SrtpError.AUTH_FAILED.code());
        }

        deliver(pair, 1);
        final byte[] other = rtp(0x0BAD_CAFE, 77, 40);
        final int n = pair.alice.protectRtp(other, 0, 52);
        assertThat(pair.bob.unprotectRtp(other, 0, n)).isEqualTo(52);

        assertThat(pair.bob.stats().authFailures()).isEqualTo(50);
        assertThat(pair.bob).hasToString("SrtpSession[" + profile + ", streams out=0/0 in=2/0]");
    }

    @Test
    void sessionsKeyedFromOneDtlsExportTalkToEachOther() throws Exception {
        final byte[] exported = new byte[56];
        for (int i = 0; i < exported.length; i++) {
            exported[i] = (byte) (i * 7 + 1);
        }
        final SrtpSession client = SrtpSession.create(keying(DtlsRole.CLIENT, exported));
        final SrtpSession server = SrtpSession.create(keying(DtlsRole.SERVER, exported));
        final byte[] packet = rtp(SSRC, 1, 20);

        final int n = client.protectRtp(packet, 0, 32);

        assertThat(client.profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(server.unprotectRtp(packet, 0, n)).isEqualTo(32);
        assertThat(client.unprotectRtp(rtpFrom(server, 2), 0, 48)).isEqualTo(32);
    }

    @Test
    void keysOfTheWrongLengthAreRefused() {
        assertThatThrownBy(() -> SrtpSession.create(SrtpProfile.AES128_CM_HMAC_SHA1_80, new byte[16], new byte[12],
                                                    new byte[16], new byte[14]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("localSalt: 12 bytes (expected: 14 for AES128_CM_HMAC_SHA1_80)");
    }

    @Test
    void aClosedSessionRefusesEveryPacket() {
        final Pair pair = Pair.of(SrtpProfile.AEAD_AES_128_GCM);
        final byte[] packet = rtp(SSRC, 1, 20);
        final int n = pair.alice.protectRtp(packet, 0, 32);

        pair.bob.close();
        pair.bob.close();

        assertThat(pair.bob.unprotectRtp(packet, 0, n)).isEqualTo(SrtpError.CLOSED.code());
        assertThat(pair.bob.protectRtp(rtp(SSRC, 1, 20), 0, 32)).isEqualTo(SrtpError.CLOSED.code());
        assertThat(pair.bob.stats().otherDrops()).isEqualTo(1);
        assertThat(pair.bob).hasToString("SrtpSession[AEAD_AES_128_GCM, closed]");
    }

    @Test
    void errorCodesMapBackToTheirErrors() {
        for (SrtpError error : SrtpError.values()) {
            assertThat(error.code()).isNegative();
            assertThat(SrtpError.fromCode(error.code())).isEqualTo(error);
        }
        assertThat(SrtpError.fromCode(0)).isNull();
        assertThat(SrtpError.fromCode(1200)).isNull();
        assertThat(SrtpError.fromCode(-100)).isNull();
    }

    private static void deliver(Pair pair, int seq) {
        final byte[] packet = rtp(SSRC, seq, 60);
        final int n = pair.alice.protectRtp(packet, 0, 72);
        assertThat(pair.bob.unprotectRtp(packet, 0, n)).isEqualTo(72);
    }

    private static byte[] rtpFrom(SrtpSession sender, int seq) {
        final byte[] packet = rtp(SSRC + 1, seq, 20);
        assertThat(sender.protectRtp(packet, 0, 32)).isEqualTo(48);
        return packet;
    }

    private static SrtpKeyingMaterial keying(DtlsRole role, byte[] exported) throws Exception {
        // The constructor is the DTLS transport's; this test stands in for a handshake.
        final Constructor<SrtpKeyingMaterial> constructor =
                SrtpKeyingMaterial.class.getDeclaredConstructor(SrtpProfile.class, DtlsRole.class, byte[].class);
        constructor.setAccessible(true);
        return constructor.newInstance(SrtpProfile.AEAD_AES_128_GCM, role, exported);
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + value);
    }

    private static byte[] filled(int length, int value) {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (value + i);
        }
        return bytes;
    }
}
