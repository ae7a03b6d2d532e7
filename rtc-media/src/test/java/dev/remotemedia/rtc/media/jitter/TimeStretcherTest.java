package dev.remotemedia.rtc.media.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeStretcherTest {
    private static final int RATE = 48_000;

    private static short[] tone(double hz, int samples, int room) {
        final short[] pcm = new short[samples + room];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(8_000 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return pcm;
    }

    /** The largest step between neighbouring samples: a click shows as a step far above the tone's own. */
    private static int largestStep(short[] pcm, int length) {
        int max = 0;
        for (int i = 1; i < length; i++) {
            max = Math.max(max, Math.abs(pcm[i] - pcm[i - 1]));
        }
        return max;
    }

    @Test
    void accelerateTakesOutWholePeriodsWithoutAClick() {
        final short[] pcm = tone(200, 2_400, 0); // period 240 samples
        final int toneStep = largestStep(pcm, 2_400);
        final int removed = new TimeStretcher(RATE, 1).accelerate(pcm, 0, 2_400, 720);
        assertThat(removed % 240).isZero();
        assertThat(removed).isPositive();
        assertThat(largestStep(pcm, 2_400 - removed)).isLessThanOrEqualTo(toneStep + 2);
    }

    @Test
    void expandPutsInWholePeriodsWithoutAClick() {
        final short[] pcm = tone(200, 2_400, 720);
        final int toneStep = largestStep(pcm, 2_400);
        final int added = new TimeStretcher(RATE, 1).expand(pcm, 0, 2_400, 720);
        assertThat(added % 240).isZero();
        assertThat(added).isPositive();
        assertThat(largestStep(pcm, 2_400 + added)).isLessThanOrEqualTo(toneStep + 2);
        // Still the tone: the last sample is where the tone is, one whole number of periods on.
        assertThat(pcm[2_400 + added - 1]).isEqualTo(tone(200, 2_400, 0)[2_399]);
    }

    @Test
    void noiseIsLeftAloneAndSilenceIsCutFreely() {
        final SplittableRandom random = new SplittableRandom(3);
        final short[] noise = new short[2_400];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) random.nextInt(-8_000, 8_000);
        }
        assertThat(new TimeStretcher(RATE, 1).accelerate(noise, 0, 2_400, 720)).isZero();
        final short[] silence = new short[2_400];
        assertThat(new TimeStretcher(RATE, 1).accelerate(silence, 0, 2_400, 500)).isEqualTo(500);
    }

    @Test
    void stereoIsSplicedOnFramesOfBothChannels() {
        final short[] mono = tone(300, 2_400, 0); // period 160 samples
        final short[] stereo = new short[4_800];
        for (int i = 0; i < 2_400; i++) {
            stereo[2 * i] = mono[i];
            stereo[2 * i + 1] = (short) -mono[i];
        }
        // The channels cancel in the sum: the search hears silence, and the splice is still a whole frame count.
        final int removed = new TimeStretcher(RATE, 2).accelerate(stereo, 0, 2_400, 480);
        assertThat(removed).isEqualTo(480);
        for (int i = 0; i < 2_400 - removed; i++) {
            assertThat(stereo[2 * i + 1]).isEqualTo((short) -stereo[2 * i]);
        }
    }
}
