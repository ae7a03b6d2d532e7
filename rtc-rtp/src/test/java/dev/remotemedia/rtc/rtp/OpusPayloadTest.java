package dev.remotemedia.rtc.rtp;

import static dev.remotemedia.rtc.rtp.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.rtp.OpusPayload.Bandwidth;
import dev.remotemedia.rtc.rtp.OpusPayload.Mode;
import org.junit.jupiter.api.Test;

class OpusPayloadTest {

    @Test
    void aChromiumVoicePacketIsOneTwentyMillisecondHybridFrame() {
        // TOC 0x78: config 15 (hybrid, fullband, 20 ms), mono, one frame.
        final OpusPayload opus = OpusPayload.parse(ByteView.of(hex("78 0be4c136"))).orElseThrow();

        assertThat(opus).isEqualTo(new OpusPayload(15, false, 1));
        assertThat(opus.mode()).isEqualTo(Mode.HYBRID);
        assertThat(opus.bandwidth()).isEqualTo(Bandwidth.FULLBAND);
        assertThat(opus.samplesPerChannel()).isEqualTo(960);
        assertThat(opus.durationMicros()).isEqualTo(20_000);
    }

    @Test
    void theSilenceFrameIsCeltFullband() {
        // libopus's 20 ms silence frame f8 ff fe, as a DTX sender sends it.
        final OpusPayload opus = OpusPayload.parse(hex("f8fffe"), 0, 3).orElseThrow();

        assertThat(opus.mode()).isEqualTo(Mode.CELT_ONLY);
        assertThat(opus.bandwidth()).isEqualTo(Bandwidth.FULLBAND);
        assertThat(opus.samplesPerChannel()).isEqualTo(960);
    }

    @Test
    void everyConfigurationHasItsFrameDuration() {
        // RFC 6716 §3.1, Table 2.
        final int[] expectedMicros = {
                10_000, 20_000, 40_000, 60_000, 10_000, 20_000, 40_000, 60_000, 10_000, 20_000, 40_000, 60_000,
                10_000, 20_000, 10_000, 20_000,
                2_500, 5_000, 10_000, 20_000, 2_500, 5_000, 10_000, 20_000, 2_500, 5_000, 10_000, 20_000,
                2_500, 5_000, 10_000, 20_000};
        final Bandwidth[] expectedBandwidth = {
                Bandwidth.NARROWBAND, Bandwidth.MEDIUMBAND, Bandwidth.WIDEBAND, Bandwidth.SUPER_WIDEBAND,
                Bandwidth.FULLBAND, Bandwidth.NARROWBAND, Bandwidth.WIDEBAND, Bandwidth.SUPER_WIDEBAND,
                Bandwidth.FULLBAND};
        final int[] bandwidthStart = {0, 4, 8, 12, 14, 16, 20, 24, 28, 32};
        for (int config = 0; config < 32; config++) {
            final OpusPayload opus = OpusPayload.parse(new byte[] {(byte) (config << 3)}, 0, 1).orElseThrow();
            assertThat(opus.durationMicros()).as("config %d", config).isEqualTo(expectedMicros[config]);
            int band = 0;
            while (config >= bandwidthStart[band + 1]) {
                band++;
            }
            assertThat(opus.bandwidth()).as("config %d", config).isEqualTo(expectedBandwidth[band]);
        }
    }

    @Test
    void countsTheFramesOfEachCode() {
        assertThat(OpusPayload.parse(hex("7d 0102"), 0, 3).orElseThrow().frameCount()).isEqualTo(2);   // code 1
        assertThat(OpusPayload.parse(hex("7e 01aa"), 0, 3).orElseThrow().frameCount()).isEqualTo(2);   // code 2
        final OpusPayload code3 = OpusPayload.parse(hex("ff 83 00"), 0, 3).orElseThrow();            // 3 × 20 ms
        assertThat(code3.frameCount()).isEqualTo(3);
        assertThat(code3.stereo()).isTrue();
        assertThat(code3.samplesPerChannel()).isEqualTo(2880);
        // 2 × 60 ms
        assertThat(OpusPayload.parse(hex("1b 02"), 0, 2).orElseThrow().durationMicros()).isEqualTo(120_000);
    }

    @Test
    void rejectsWhatNoDecoderCouldPlay() {
        assertThat(OpusPayload.parse(ByteView.of(new byte[0])).errorOrNull())
                .isEqualTo("Opus payload: empty (expected: at least the TOC byte, RFC 6716 §3.1)");
        assertThat(OpusPayload.parse(hex("7f"), 0, 1).errorOrNull())
                .isEqualTo("Opus payload: code 3 with no frame count byte (expected: >= 2 bytes)");
        assertThat(OpusPayload.parse(hex("7e"), 0, 1).errorOrNull())
                .isEqualTo("Opus payload: code 2 with no frame length (expected: >= 2 bytes)");
        assertThat(OpusPayload.parse(hex("7f 00"), 0, 2).errorOrNull())
                .isEqualTo("Opus payload: 0 frames of config 15 (expected: 1 frame to 120 ms, RFC 6716 §3.2.5)");
        assertThat(OpusPayload.parse(hex("7f 07"), 0, 2).errorOrNull())
                .isEqualTo("Opus payload: 7 frames of config 15 (expected: 1 frame to 120 ms, RFC 6716 §3.2.5)");
        assertThat(OpusPayload.parse(hex("1b 03"), 0, 2).errorOrNull()) // 3 × 60 ms
                .isEqualTo("Opus payload: 3 frames of config 3 (expected: 1 frame to 120 ms, RFC 6716 §3.2.5)");
        assertThatThrownBy(() -> new OpusPayload(3, false, 3))
                .hasMessage("frameCount: 3 (expected: at most 120 ms of audio, 2 frames of config 3)");
    }
}
