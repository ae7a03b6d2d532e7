package dev.remotemedia.rtc.datachannel;

import dev.remotemedia.rtc.datachannel.DataChannelOpen.Reliability;
import dev.remotemedia.rtc.sctp.packet.ParseResult;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile DCEP messages never make the parser throw; what it accepts writes back to the same message. */
class DcepFuzzTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void mutatedMessagesNeverThrowAndWhatParsesRoundTrips() {
        final Random random = new Random(8832);
        final List<byte[]> seeds = List.of(
                DcepMessageTest.chromiumPayload("page1-00007"), DcepMessageTest.chromiumPayload("page1-00008"),
                DcepMessageTest.chromiumPayload("page1-00009"), new DataChannelAck().toByteArray(),
                new DataChannelOpen(false, Reliability.PARTIAL_RELIABLE_TIMED, 9, 1, "ü🎉", "x").toByteArray());
        for (int i = 0; i < 30_000; i++) {
            final byte[] seed = seeds.get(random.nextInt(seeds.size()));
            final byte[] bytes = Arrays.copyOf(seed, Math.max(0, seed.length + random.nextInt(5) - 2));
            for (int m = 1 + random.nextInt(3); m > 0 && bytes.length > 0; m--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt();
            }
            check(bytes);
        }
    }

    private static void check(byte[] bytes) {
        final ParseResult<DcepMessage> result;
        try {
            result = DcepMessage.parse(bytes, 0, bytes.length);
        } catch (RuntimeException e) {
            throw new AssertionError("parse threw on " + HexFormat.of().formatHex(bytes), e);
        }
        if (result instanceof ParseResult.Ok<DcepMessage> ok) {
            final byte[] written = ok.value().toByteArray();
            if (!ok.value().equals(DcepMessage.parse(written, 0, written.length).valueOrNull())) {
                throw new AssertionError("round trip of " + HexFormat.of().formatHex(bytes));
            }
        }
    }
}
