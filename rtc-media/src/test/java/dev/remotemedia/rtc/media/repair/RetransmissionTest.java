package dev.remotemedia.rtc.media.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.RtpPacket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The sender's history, RTX wrapping (RFC 4588) and the keyframe request pacing. */
class RetransmissionTest {
    private static final long MS = 1_000_000L;

    private static RtpPacket packet(int seq) {
        final byte[] payload = new byte[100 + seq % 7];
        Arrays.fill(payload, (byte) seq);
        return RtpPacket.builder().payloadType(96).sequenceNumber(seq & 0xFFFF).timestamp(90L * seq).ssrc(0x1234)
                        .marker(seq % 3 == 0).extension(3, new byte[] {1, 2, 3}).payload(payload).build();
    }

    @Test
    void theHistoryResendsWhatItKeptOncePerRoundTrip() {
        final RtpSendHistory history = new RtpSendHistory(64, 1_000 * MS);
        for (int seq = 65_500; seq < 65_600; seq++) { // across the wrap
            history.put(packet(seq), 0);
        }
        assertThat(history.resend(65_599 & 0xFFFF, 10 * MS, 50 * MS)).isEqualTo(packet(65_599));
        assertThat(history.resend(65_599 & 0xFFFF, 30 * MS, 50 * MS)).as("resent 20 ms ago").isNull();
        assertThat(history.resend(65_599 & 0xFFFF, 61 * MS, 50 * MS)).isEqualTo(packet(65_599));
        assertThat(history.resend(65_530, 10 * MS, 50 * MS)).as("overwritten: 64 slots").isNull();
        assertThat(history.resend(65_580 & 0xFFFF, 1_001 * MS, 50 * MS)).as("too old").isNull();
        assertThat(history.resend(200, 10 * MS, 50 * MS)).as("never sent").isNull();
        assertThat(history.resent()).isEqualTo(2);
        assertThat(history.throttled()).isEqualTo(1);
        assertThat(history.notFound()).isEqualTo(3);
    }

    @Test
    void theHistoryRefusesABadSize() {
        assertThatThrownBy(() -> new RtpSendHistory(100, MS)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> new RtpSendHistory(64, 0)).hasMessageContaining("maxAgeNanos");
    }

    @Test
    void rtxCarriesTheOriginalSequenceNumberAndPayloadAndUnwrapsToTheOriginal() {
        final RtpPacket original = packet(4_242);
        final RtpPacket rtx = Rtx.wrap(original, 0x5678, 97, 17);
        assertThat(rtx.ssrc()).isEqualTo(0x5678);
        assertThat(rtx.payloadType()).isEqualTo(97);
        assertThat(rtx.sequenceNumber()).isEqualTo(17);
        assertThat(rtx.timestamp()).isEqualTo(original.timestamp());
        assertThat(rtx.marker()).isEqualTo(original.marker());
        assertThat(rtx.payload().getUint16(0)).isEqualTo(4_242);
        assertThat(rtx.payload().length()).isEqualTo(original.payload().length() + 2);

        // Through the wire format and back.
        final RtpPacket parsed = RtpPacket.parse(rtx.toByteArray(), 0, rtx.serializedSize()).valueOrNull();
        assertThat(parsed).isNotNull();
        final ParseResult<RtpPacket> unwrapped = Rtx.unwrap(parsed, 0x1234, 96);
        assertThat(unwrapped.valueOrNull()).isNotNull();
        assertThat(unwrapped.valueOrNull().toByteArray()).isEqualTo(original.toByteArray());
    }

    @Test
    void anRtxPacketWithoutAnOriginalSequenceNumberIsRefusedWithItsReason() {
        final RtpPacket padding = RtpPacket.builder().payloadType(97).sequenceNumber(1).ssrc(0x5678).paddingSize(200).build();
        assertThat(Rtx.unwrap(padding, 0x1234, 96)).isInstanceOfSatisfying(ParseResult.Error.class, e ->
                assertThat(e.message()).contains("0-byte payload").contains("padding-only"));
        final RtpPacket oneByte = RtpPacket.builder().payloadType(97).sequenceNumber(1).ssrc(0x5678).payload(new byte[1]).build();
        assertThat(Rtx.unwrap(oneByte, 0x1234, 96).isOk()).isFalse();
    }

    @Test
    void keyframeRequestsGoOutAtOnceThenAtMostOncePerIntervalUntilTheKeyframeComes() {
        final KeyframeRequester pli = new KeyframeRequester(KeyframeRequester.DEFAULT_INTERVAL_NANOS);
        assertThat(pli.poll(0, 0)).as("nothing wanted").isFalse();
        assertThat(pli.nextPollNanos(0)).isEqualTo(Long.MAX_VALUE);
        pli.want();
        assertThat(pli.poll(5 * MS, 0)).isTrue();
        pli.want(); // the decoder keeps failing
        assertThat(pli.poll(50 * MS, 0)).isFalse();
        assertThat(pli.nextPollNanos(300 * MS)).as("an RTT over the interval spaces them").isEqualTo(305 * MS);
        assertThat(pli.poll(205 * MS, 0)).isTrue();
        assertThat(pli.firSequenceNumber()).as("a repetition keeps its FIR number").isZero();
        pli.onKeyframe();
        assertThat(pli.poll(500 * MS, 0)).isFalse();
        pli.want();
        assertThat(pli.firSequenceNumber()).isEqualTo(1);
        assertThat(pli.poll(500 * MS, 0)).isTrue();
        assertThat(pli.sent()).isEqualTo(3);
    }
}
