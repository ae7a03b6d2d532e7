package dev.remotemedia.rtc.transport.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SsrcMapTest {

    @Test
    void findsEverySsrcPutIncludingZeroAndNegativeOnesAcrossGrowth() {
        final SsrcMap<String> map = new SsrcMap<>();
        final int[] ssrcs = new Random(7).ints(500).toArray();
        ssrcs[0] = 0;
        ssrcs[1] = -1;
        for (int ssrc : ssrcs) {
            if (map.get(ssrc) == null) {
                map.put(ssrc, "s" + ssrc);
            }
        }

        for (int ssrc : ssrcs) {
            assertThat(map.get(ssrc)).isEqualTo("s" + ssrc);
        }
        assertThat(map.get(12345)).isNull();
        assertThat(map.size()).isEqualTo(500);
    }

    @Test
    void clearForgetsEverything() {
        final SsrcMap<String> map = new SsrcMap<>();
        map.put(1, "one");

        map.clear();

        assertThat(map.get(1)).isNull();
        assertThat(map.size()).isZero();
    }
}
