package dev.remotemedia.rtc.rtcp;

import static dev.remotemedia.rtc.rtcp.RtcpAssertions.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.rtp.Mutator;
import dev.remotemedia.rtc.rtp.ParseResult;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile input never makes the RTCP parsers throw, a compound yields no more packets than it has
 * 32-bit words, and whatever parses writes back to bytes that parse to the same packets. Seeded, so
 * a failure reproduces; the failing input is in the message.
 */
class RtcpFuzzTest {

    private static final int[] PACKET_TYPES = {200, 201, 202, 203, 204, 205, 206, 207, 192, 223};
    private static final int[] FMTS = {0, 1, 4, 5, 15};

    @FunctionalInterface
    private interface Parser {
        ParseResult<?> parse(byte[] buf, int off, int len);
    }

    private static final List<Parser> SINGLE_PARSERS = List.of(
            SenderReport::parse, ReceiverReport::parse, SourceDescription::parse, Goodbye::parse,
            GenericNack::parse, PictureLossIndication::parse, FullIntraRequest::parse, Remb::parse,
            TransportWideFeedback::parse, UnknownRtcp::parse);

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void randomPacketsOfEveryTypeNeverThrow() {
        final Random random = new Random(4585);
        for (int i = 0; i < 30_000; i++) {
            final int words = random.nextInt(12);
            final byte[] bytes = new byte[4 + 4 * words];
            random.nextBytes(bytes);
            bytes[0] = (byte) (0x80 | (random.nextInt(8) == 0 ? 0x20 : 0) | FMTS[random.nextInt(FMTS.length)]);
            bytes[1] = (byte) PACKET_TYPES[random.nextInt(PACKET_TYPES.length)];
            final int length = words - (random.nextInt(4) == 0 ? random.nextInt(3) - 1 : 0);
            bytes[2] = (byte) (length >>> 8);
            bytes[3] = (byte) length;
            if (words >= 3 && random.nextBoolean()) {
                bytes[12] = 'R';
                bytes[13] = 'E';
                bytes[14] = 'M';
                bytes[15] = 'B';
            }
            checkCompound(bytes);
            checkSingleParsers(bytes);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void mutatedPacketsNeverThrowAndWhatParsesRoundTrips() {
        final Random random = new Random(5104);
        final List<byte[]> seeds = seeds();
        int accepted = 0;
        final int iterations = 40_000;
        for (int i = 0; i < iterations; i++) {
            byte[] bytes = seeds.get(random.nextInt(seeds.size())).clone();
            final int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                bytes = Mutator.mutate(bytes, random);
            }
            if (checkCompound(bytes)) {
                accepted++;
            }
            checkSingleParsers(bytes);
        }
        // Both outcomes are exercised.
        assertThat(accepted).isBetween(iterations / 20, iterations - iterations / 20);
    }

    /** Parses {@code bytes} as a compound; returns whether it was accepted, after checking bounds and round trip. */
    private static boolean checkCompound(byte[] bytes) {
        final ParseResult<List<RtcpPacket>> result;
        try {
            result = RtcpCompound.parse(bytes, 0, bytes.length);
        } catch (RuntimeException e) {
            throw new AssertionError("parse threw on " + HexFormat.of().formatHex(bytes), e);
        }
        // Plain checks, not AssertJ: this runs 70,000 times and should take about a second.
        if (result instanceof ParseResult.Ok<List<RtcpPacket>> ok) {
            if (ok.value().isEmpty() || ok.value().size() > bytes.length / 4) {
                throw new AssertionError("unbounded result for " + HexFormat.of().formatHex(bytes) + ": " + ok.value());
            }
            final byte[] written = RtcpCompound.serialize(ok.value());
            final ParseResult<List<RtcpPacket>> again = RtcpCompound.parse(written, 0, written.length);
            if (!ok.value().equals(again.valueOrNull())) {
                throw new AssertionError("round trip of " + HexFormat.of().formatHex(bytes) + " gave " + again);
            }
            return true;
        }
        final String message = result.errorOrNull();
        if (!message.startsWith("RTCP compound packet: ")) {
            throw new AssertionError("unexpected error for " + HexFormat.of().formatHex(bytes) + ": " + message);
        }
        return false;
    }

    /** The typed parsers take any bytes too, whatever type the header says. */
    private static void checkSingleParsers(byte[] bytes) {
        for (Parser parser : SINGLE_PARSERS) {
            final ParseResult<?> result;
            try {
                result = parser.parse(bytes, 0, bytes.length);
            } catch (RuntimeException e) {
                throw new AssertionError("a single-packet parser threw on " + HexFormat.of().formatHex(bytes), e);
            }
            if (result.valueOrNull() instanceof RtcpPacket packet) {
                final byte[] written = packet.toByteArray();
                if (!packet.equals(parser.parse(written, 0, written.length).valueOrNull())) {
                    throw new AssertionError("single round trip of " + HexFormat.of().formatHex(bytes));
                }
            }
        }
    }

    private static List<byte[]> seeds() {
        final List<byte[]> seeds = new ArrayList<>();
        seeds.add(ReportsTest.SR_WITH_REPORT_BLOCK);
        seeds.add(ReportsTest.BROWSER_RR);
        seeds.add(SourceDescriptionTest.CHROMIUM_CNAME);
        seeds.add(RtcpCompoundTest.CHROMIUM_SR_SDES);
        seeds.add(RtcpCompoundTest.BROWSER_COMPOUND);
        seeds.add(TransportWideFeedbackTest.CHROMIUM_RUN_LENGTH);
        seeds.add(TransportWideFeedbackTest.BROWSER_VECTOR_AND_RUN);
        seeds.add(TransportWideFeedbackTest.ONE_BIT_VECTOR);
        seeds.add(hex("81cd0006 12345678 23456789 ffdc8000 fffe0017 00140000 00640000"));
        seeds.add(hex("8fce0005 00000001 00000000 52454d42 011a20df 4874ed16"));
        seeds.add(hex("84ce0006 00000000 4bc4fcb4 12345678 42000000 98765432 57000000"));
        seeds.add(hex("80c90001 00000001 80cf0004 00000001 04000002 e020a2a9 52a53fc0"));
        seeds.add(RtcpCompound.serialize(List.of(
                new ReceiverReport(1, List.of()),
                Goodbye.of(List.of(1L, 2L), "bye"),
                new SourceDescription(List.of(new SourceDescription.Chunk(1, List.of(
                        SourceDescription.Item.of(SourceDescription.CNAME, "a"),
                        SourceDescription.Item.of(SourceDescription.TOOL, "tool"))))),
                new UnknownRtcp(204, 1, ByteView.of(hex("0102030405"))))));
        seeds.add(TransportWideFeedback.builder(1, 2, 3, 4).addReceived(65534, 300).addReceived(2, -4)
                                       .addReceived(30, 5).build().toByteArray());
        return seeds;
    }
}
