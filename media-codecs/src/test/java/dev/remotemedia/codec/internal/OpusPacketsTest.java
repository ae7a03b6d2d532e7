package dev.remotemedia.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.codec.OpusConfig;
import dev.remotemedia.codec.OpusEncoder;
import dev.remotemedia.testing.ToneGenerator;
import org.junit.jupiter.api.Test;

/** RFC 6716 §3: the TOC byte, the four frame packings and the validity rules R1–R7 of §3.4. */
class OpusPacketsTest {

    private static int samples(int... bytes) {
        final byte[] packet = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            packet[i] = (byte) bytes[i];
        }
        return OpusPackets.samplesPerChannel(packet, 0, packet.length);
    }

    @Test
    void tocGivesTheFrameDurationOfEachMode() {
        assertThat(OpusPackets.frameSamples(0 << 3)).isEqualTo(480); // SILK NB 10 ms
        assertThat(OpusPackets.frameSamples(11 << 3)).isEqualTo(2880); // SILK WB 60 ms
        assertThat(OpusPackets.frameSamples(13 << 3)).isEqualTo(960); // Hybrid SWB 20 ms
        assertThat(OpusPackets.frameSamples(16 << 3)).isEqualTo(120); // CELT NB 2.5 ms
        assertThat(OpusPackets.frameSamples(31 << 3)).isEqualTo(960); // CELT FB 20 ms
    }

    @Test
    void codesZeroToThreeGiveTheirFrameCounts() {
        assertThat(samples(0xf8, 1, 2, 3)).isEqualTo(960); // code 0: one 20 ms frame
        assertThat(samples(0xf9, 1, 2)).isEqualTo(1920); // code 1: two equal frames
        assertThat(samples(0xfa, 1, 9, 9)).isEqualTo(1920); // code 2: lengths 1 and 1
        assertThat(samples(0xfb, 3, 0, 0, 0)).isEqualTo(2880); // code 3 CBR: 3 frames of 1 byte
        assertThat(samples(0xfb, 0x83, 1, 0, 9, 9)).isEqualTo(2880); // code 3 VBR: 1, 0 and the rest (2)
        assertThat(samples(0xfb, 0x42, 2, 7, 7, 9, 9)).isEqualTo(1920); // code 3, 2 bytes of padding
    }

    @Test
    void packetsBreakingTheRulesOfSection34AreInvalid() {
        assertThat(OpusPackets.samplesPerChannel(new byte[0], 0, 0)).isEqualTo(OpusPackets.INVALID); // R1
        assertThat(OpusPackets.samplesPerChannel(new byte[1277], 0, 1277)).isEqualTo(OpusPackets.INVALID); // R2
        assertThat(samples(0xf9, 1, 2, 3)).isEqualTo(OpusPackets.INVALID); // R3: odd
        assertThat(samples(0xfa, 253)).isEqualTo(OpusPackets.INVALID); // R4: length byte cut
        assertThat(samples(0xfa, 5, 1)).isEqualTo(OpusPackets.INVALID); // R4: first frame longer than packet
        assertThat(samples(0xfb, 0)).isEqualTo(OpusPackets.INVALID); // R5: no frames
        assertThat(samples(0xfb, 7)).isEqualTo(OpusPackets.INVALID); // R5: 140 ms
        assertThat(samples(0xfb, 2, 1, 2, 3)).isEqualTo(OpusPackets.INVALID); // R6: 3 bytes for 2 frames
        assertThat(samples(0xfb, 0x42, 255)).isEqualTo(OpusPackets.INVALID); // R6: padding runs out
        assertThat(samples(0xfb, 0x82, 9, 1)).isEqualTo(OpusPackets.INVALID); // R7: first frame too long
        // 120 ms of 2.5 ms frames is the most: 48 frames, valid; 49 is not.
        assertThat(samples((16 << 3) | 3, 48)).isEqualTo(5760);
        assertThat(samples((16 << 3) | 3, 49)).isEqualTo(OpusPackets.INVALID);
    }

    @Test
    void lossPacketsKeepTheModeAndCoverTheAskedDuration() {
        final byte[] out = new byte[2];
        // After a SILK WB 20 ms packet: 20 ms → one empty SILK frame; 60 ms → one 60 ms SILK frame.
        assertThat(OpusPackets.lossPacket(9 << 3, 960, out)).isEqualTo(1);
        assertThat(out[0] & 0xff).isEqualTo(9 << 3);
        assertThat(OpusPackets.lossPacket(9 << 3, 2880, out)).isEqualTo(1);
        assertThat(OpusPackets.samplesPerChannel(out, 0, 1)).isEqualTo(2880);
        // 30 ms after a hybrid packet: three 10 ms frames, code 3.
        assertThat(OpusPackets.lossPacket(13 << 3 | 4, 1440, out)).isEqualTo(2);
        assertThat(OpusPackets.samplesPerChannel(out, 0, 2)).isEqualTo(1440);
        assertThat(out[0] & 0x04).isEqualTo(4); // stereo kept
        // 2.5 ms cannot be SILK: CELT fullband.
        assertThat(OpusPackets.lossPacket(9 << 3, 120, out)).isEqualTo(1);
        assertThat((out[0] & 0xff) >> 3).isEqualTo(28);
        // Before any packet.
        assertThat(OpusPackets.lossPacket(-1, 5760, out)).isEqualTo(2);
        assertThat(OpusPackets.samplesPerChannel(out, 0, 2)).isEqualTo(5760);
    }

    @Test
    void fecIsFoundInPacketsOfAnEncoderWithFecOnAndNotWithItOff() {
        assertThat(fecPackets(true)).isGreaterThan(20);
        assertThat(fecPackets(false)).isZero();
    }

    // How many of 30 packets of a speech-mode encoder carry LBRR.
    private static int fecPackets(boolean fec) {
        final OpusConfig config = OpusConfig.builder().inbandFec(fec).expectedPacketLossPercent(10).build();
        final short[] pcm = new short[960];
        final ToneGenerator tone = ToneGenerator.of(48_000, 0.5, 300);
        final byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
        int withFec = 0;
        try (OpusEncoder encoder = new ConcentusOpusEncoder(config)) {
            for (int i = 0; i < 30; i++) {
                tone.fill(pcm, 0, 960);
                final int length = encoder.encode(pcm, 0, packet, 0, packet.length);
                if (OpusPackets.hasFec(packet, 0, length)) {
                    withFec++;
                }
            }
        }
        return withFec;
    }

    @Test
    void celtPacketsNeverCarryFec() {
        final byte[] celt = {(byte) 0xf8, (byte) 0xff, (byte) 0xff};
        assertThat(OpusPackets.hasFec(celt, 0, 3)).isFalse();
        final byte[] silkWithFlags = {(byte) (9 << 3), (byte) 0b0100_0000};
        assertThat(OpusPackets.hasFec(silkWithFlags, 0, 2)).isTrue(); // VAD 0, LBRR 1
        final byte[] silkDtx = {(byte) (9 << 3)};
        assertThat(OpusPackets.hasFec(silkDtx, 0, 1)).isFalse();
    }
}
