package dev.remotemedia.pipeline.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GainTest {

    @Test
    void convertsDecibelsToAmplitudeFactors() {
        assertThat(Gain.dbToLinear(0)).isEqualTo(1f);
        assertThat(Gain.dbToLinear(20)).isEqualTo(10f);
        assertThat(Gain.dbToLinear(-6)).isCloseTo(0.501f, within(0.001f));
        assertThat(Gain.dbToLinear(Double.NEGATIVE_INFINITY)).isZero();
    }

    @Test
    void scalesEverySampleIntoANewArrayWithoutClipping() {
        float[] in = {0.5f, -0.25f, 0.75f};
        float[] out = Gain.apply(in, 2f);

        assertThat(out).containsExactly(1f, -0.5f, 1.5f);
        assertThat(in).containsExactly(0.5f, -0.25f, 0.75f);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> Gain.dbToLinear(Double.NaN)).hasMessage("db: NaN (expected: at most 120)");
        assertThatThrownBy(() -> Gain.dbToLinear(121)).hasMessage("db: 121.0 (expected: at most 120)");
        assertThatThrownBy(() -> Gain.apply(new float[1], -1f)).hasMessage("linear: -1.0 (expected: a finite value >= 0)");
        assertThatThrownBy(() -> Gain.apply(new float[1], Float.NaN)).hasMessage("linear: NaN (expected: a finite value >= 0)");
    }
}
