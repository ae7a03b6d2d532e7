package dev.remotemedia.rtc.transport.srtp;

import static dev.remotemedia.rtc.transport.srtp.SrtpTestPackets.rtp;
import static dev.remotemedia.rtc.transport.srtp.SrtpTestPackets.senderReport;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.transport.dtls.SrtpProfile;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Seeded mutations of genuine SRTP and SRTCP packets: none throws, none decrypts. */
class SrtpFuzzTest {

    private static final long SEED = 0x5eed_2026_1207L;
    private static final int ROUNDS = 3000;
    private static final int SSRC = 0x0102_0304;

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void mutatedPacketsNeverThrowAndNeverAuthenticate(SrtpProfile profile) {
        final Random random = new Random(SEED + profile.ordinal());
        final byte[] key = new byte[profile.keyLength()];
        final byte[] salt = new byte[profile.saltLength()];
        random.nextBytes(key);
        random.nextBytes(salt);
        final SrtpSession sender = SrtpSession.create(profile, key, salt, key, salt);
        final SrtpSession receiver = SrtpSession.create(profile, key, salt, key, salt);

        int seq = 0;
        for (int round = 0; round < ROUNDS; round++) {
            final boolean isRtp = random.nextBoolean();
            final byte[] genuine;
            final int length;
            if (isRtp) {
                genuine = rtp(SSRC, seq++, random.nextInt(200));
                length = sender.protectRtp(genuine, 0, genuine.length - SrtpSession.MAX_OVERHEAD);
            } else {
                genuine = senderReport(SSRC, round);
                length = sender.protectRtcp(genuine, 0, 28);
            }
            final byte[] mutated = new byte[length + 2 * SrtpSession.MAX_OVERHEAD];
            System.arraycopy(genuine, 0, mutated, 0, length);
            final int mutatedLength = mutate(random, mutated, length);
            assertThat(mutatedLength != length || !Arrays.equals(mutated, 0, length, genuine, 0, length))
                    .as("round %d mutated the packet", round).isTrue();

            final int result = isRtp ? receiver.unprotectRtp(mutated, 0, mutatedLength)
                                     : receiver.unprotectRtcp(mutated, 0, mutatedLength);

            assertThat(result).as("round %d", round).isNegative();
        }
        final SrtpStats stats = receiver.stats();
        assertThat(stats.authFailures() + stats.replays() + stats.malformed() + stats.otherDrops()).isEqualTo(ROUNDS);
        assertThat(stats.rtpPacketsUnprotected() + stats.rtcpPacketsUnprotected()).isZero();

        final byte[] after = rtp(SSRC, seq, 50);
        final int n = sender.protectRtp(after, 0, 62);
        assertThat(receiver.unprotectRtp(after, 0, n)).as("the receiver still works").isEqualTo(62);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void randomBytesNeverThrowInAnyDirection(SrtpProfile profile) {
        final Random random = new Random(SEED - profile.ordinal());
        final SrtpSession session = SrtpSession.create(profile, new byte[profile.keyLength()],
                                                       new byte[profile.saltLength()], new byte[profile.keyLength()],
                                                       new byte[profile.saltLength()]);
        for (int round = 0; round < ROUNDS; round++) {
            final byte[] buf = new byte[random.nextInt(120) + SrtpSession.MAX_OVERHEAD];
            random.nextBytes(buf);
            if (random.nextBoolean()) {
                buf[0] = (byte) (0x80 | (buf[0] & 0x3f)); // version 2, to get past the first check
            }
            final int len = random.nextInt(buf.length - SrtpSession.MAX_OVERHEAD + 1);

            session.protectRtp(buf.clone(), 0, len);
            session.protectRtcp(buf.clone(), 0, len);
            assertThat(session.unprotectRtp(buf.clone(), 0, len)).isNegative();
            assertThat(session.unprotectRtcp(buf.clone(), 0, len)).isNegative();
        }
    }

    /** One of: flipped bits, overwritten bytes, truncation, extension, swapped bytes. Returns the new length. */
    private static int mutate(Random random, byte[] packet, int length) {
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    packet[random.nextInt(length)] ^= (byte) (1 << random.nextInt(8));
                }
                return length;
            }
            case 1 -> {
                final int at = random.nextInt(length);
                packet[at] = (byte) (packet[at] + 1 + random.nextInt(255));
                return length;
            }
            case 2 -> {
                return random.nextInt(length);
            }
            case 3 -> {
                final int extra = 1 + random.nextInt(2 * SrtpSession.MAX_OVERHEAD);
                for (int i = length; i < length + extra; i++) {
                    packet[i] = (byte) random.nextInt(256);
                }
                return length + extra;
            }
            default -> {
                final int a = random.nextInt(length);
                int b = random.nextInt(length);
                while (packet[a] == packet[b]) {
                    b = (b + 1) % length;
                    if (b == a) {
                        packet[a] ^= 1;
                        return length;
                    }
                }
                final byte t = packet[a];
                packet[a] = packet[b];
                packet[b] = t;
                return length;
            }
        }
    }
}
