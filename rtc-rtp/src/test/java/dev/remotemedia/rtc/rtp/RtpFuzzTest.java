package dev.remotemedia.rtc.rtp;

import static dev.remotemedia.rtc.rtp.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.ByteView;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile input never makes the RTP parsers throw, what they return stays within the input, and
 * whatever they accept writes back to bytes that parse to the same packet. Seeded, so a failure
 * reproduces; the failing input is in the message.
 */
class RtpFuzzTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void randomBytesNeverThrow() {
        final Random random = new Random(3550);
        for (int i = 0; i < 30_000; i++) {
            final byte[] bytes = new byte[random.nextInt(80)];
            random.nextBytes(bytes);
            if (random.nextBoolean() && bytes.length > 0) {
                bytes[0] = (byte) (0x80 | bytes[0] & 0x3F); // version 2, so parsing goes past the first check
            }
            check(bytes);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void mutatedPacketsNeverThrowAndWhatParsesRoundTrips() {
        final Random random = new Random(8285);
        final List<byte[]> seeds = seeds();
        int accepted = 0;
        final int iterations = 40_000;
        for (int i = 0; i < iterations; i++) {
            byte[] bytes = seeds.get(random.nextInt(seeds.size())).clone();
            final int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                bytes = Mutator.mutate(bytes, random);
            }
            if (check(bytes)) {
                accepted++;
            }
        }
        // Both outcomes are exercised.
        assertThat(accepted).isBetween(iterations / 20, iterations - iterations / 20);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void extensionValuesAndOpusPayloadsNeverThrow() {
        final Random random = new Random(6464);
        final List<Function<ByteView, ParseResult<?>>> parsers = List.of(
                MidExtension::parse, RidExtension::parse, RepairedRidExtension::parse, AbsSendTimeExtension::parse,
                TransportSequenceNumberExtension::parse, AudioLevelExtension::parse, OpusPayload::parse);
        for (int i = 0; i < 30_000; i++) {
            final byte[] bytes = new byte[random.nextInt(20)];
            random.nextBytes(bytes);
            final ByteView data = ByteView.of(bytes);
            for (Function<ByteView, ParseResult<?>> parser : parsers) {
                final ParseResult<?> result;
                try {
                    result = parser.apply(data);
                } catch (RuntimeException e) {
                    throw new AssertionError("parse threw on " + HexFormat.of().formatHex(bytes), e);
                }
                if (result.valueOrNull() instanceof HeaderExtensionValue value
                    && !parser.apply(ByteView.of(value.toBytes())).equals(result)) {
                    throw new AssertionError("round trip of " + HexFormat.of().formatHex(bytes) + " gave " + result);
                }
            }
        }
    }

    /** Parses {@code bytes}; returns whether it was accepted, after checking bounds and the round trip. */
    private static boolean check(byte[] bytes) {
        final ParseResult<RtpPacket> result;
        try {
            result = RtpPacket.parse(bytes, 0, bytes.length);
        } catch (RuntimeException e) {
            throw new AssertionError("parse threw on " + HexFormat.of().formatHex(bytes), e);
        }
        // Plain checks, not AssertJ: this runs 70,000 times and should take about a second.
        if (result instanceof ParseResult.Ok<RtpPacket> ok) {
            final RtpPacket packet = ok.value();
            final int elements = packet.extensions() == null ? 0 : packet.extensions().elements().size();
            if (packet.payload().length() + packet.paddingSize() > bytes.length || elements > bytes.length) {
                throw new AssertionError("unbounded result for " + HexFormat.of().formatHex(bytes) + ": " + packet);
            }
            final byte[] written = packet.toByteArray();
            final ParseResult<RtpPacket> again = RtpPacket.parse(written, 0, written.length);
            if (!packet.equals(again.valueOrNull()) || written.length > bytes.length) {
                throw new AssertionError("round trip of " + HexFormat.of().formatHex(bytes) + " gave " + again);
            }
            return true;
        }
        final String message = result.errorOrNull();
        if (!message.startsWith("RTP packet: ")) {
            throw new AssertionError("unexpected error for " + HexFormat.of().formatHex(bytes) + ": " + message);
        }
        return false;
    }

    private static List<byte[]> seeds() {
        final List<byte[]> seeds = new ArrayList<>();
        seeds.add(RtpPacketTest.CHROMIUM_ONE_BYTE_EXTENSIONS);
        seeds.add(RtpPacketTest.CHROMIUM_TWO_BYTE_EXTENSIONS);
        seeds.add(hex("906f2a1b 5bd2c1a0 1d5e8f3a bede0003 10ba 2283126f 310005 4030 00 780be4c136ecc58d8c494699"));
        seeds.add(hex("90e0698f d9c293da 1c642782 bede0003 10aa 21bbbb 0000 33cccccccc 9836be889e"));
        seeds.add(hex("90000001 00000002 00000003 abcd0001 01020304 99"));
        seeds.add(hex("a0000001 00000002 00000003 cafe 000003"));
        seeds.add(RtpPacket.builder().csrcs(List.of(1L, 2L, 3L)).extension(1, hex("01")).extension(20, hex("0203"))
                           .payload(hex("0405060708")).paddingSize(4).build().toByteArray());
        return seeds;
    }
}
