package dev.remotemedia.rtc.sctp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.sctp.packet.ReconfigurationResponseParameter.NextTsns;
import dev.remotemedia.rtc.sctp.packet.ReconfigurationResponseParameter.Result;
import dev.remotemedia.rtc.sctp.packet.SctpPacket.ParseOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile input never makes the parser throw, and whatever it accepts writes back to bytes that
 * parse to the same packet. Seeded, so a failure reproduces; the failing input is in the message.
 */
class PacketFuzzTest {

    private static final ParseOptions UNVERIFIED = ParseOptions.DEFAULT.withoutChecksumVerification();
    private static final int[] CHUNK_TYPES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 130, 192, 64, 0xC1};

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void randomBytesNeverThrow() {
        final Random random = new Random(9260);
        for (int i = 0; i < 30_000; i++) {
            final byte[] bytes = new byte[random.nextInt(120)];
            random.nextBytes(bytes);
            check(bytes, random.nextBoolean());
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void mutatedValidPacketsNeverThrowAndWhatParsesRoundTrips() {
        final Random random = new Random(0x5C7B);
        final List<byte[]> seeds = seeds();
        int accepted = 0;
        final int iterations = 40_000;
        for (int i = 0; i < iterations; i++) {
            byte[] bytes = seeds.get(random.nextInt(seeds.size())).clone();
            final int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                bytes = mutate(bytes, random);
            }
            // Fixing the checksum half the time takes the mutation past the CRC into the chunk parsers.
            final boolean fixChecksum = bytes.length >= SctpPacket.COMMON_HEADER_SIZE && random.nextBoolean();
            if (fixChecksum) {
                Crc32c.writeChecksum(bytes, 0, bytes.length);
            }
            if (check(bytes, fixChecksum)) {
                accepted++;
            }
        }
        // Both outcomes are exercised.
        assertThat(accepted).isBetween(iterations / 20, iterations - iterations / 20);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void randomValuesOfEveryChunkTypeNeverThrow() {
        final Random random = new Random(3758);
        for (int i = 0; i < 30_000; i++) {
            final int valueLength = random.nextInt(48);
            final byte[] bytes = new byte[SctpPacket.COMMON_HEADER_SIZE + 4 + valueLength];
            random.nextBytes(bytes);
            bytes[12] = (byte) CHUNK_TYPES[random.nextInt(CHUNK_TYPES.length)];
            final int length = 4 + valueLength - (random.nextInt(4) == 0 ? random.nextInt(4) : 0);
            bytes[14] = (byte) (length >>> 8);
            bytes[15] = (byte) length;
            if (random.nextBoolean() && valueLength >= 4) {
                // A plausible parameter or cause header at the start of the value.
                final int inner = random.nextInt(valueLength + 2);
                bytes[18] = (byte) (inner >>> 8);
                bytes[19] = (byte) inner;
            }
            check(bytes, false);
        }
    }

    /** Parses {@code bytes}; returns whether it was accepted, after checking the round trip. */
    private static boolean check(byte[] bytes, boolean verifyChecksum) {
        final ParseResult<SctpPacket> result;
        try {
            result = SctpPacket.parse(bytes, 0, bytes.length, verifyChecksum ? ParseOptions.DEFAULT : UNVERIFIED);
        } catch (RuntimeException e) {
            throw new AssertionError("parse threw on " + HexFormat.of().formatHex(bytes), e);
        }
        // Plain checks, not AssertJ: this runs 100,000 times and should take about a second.
        if (result instanceof ParseResult.Ok<SctpPacket> ok) {
            final byte[] written = ok.value().toByteArray();
            final ParseResult<SctpPacket> again = SctpPacket.parse(written, 0, written.length);
            if (!ok.value().equals(again.valueOrNull())) {
                throw new AssertionError("round trip of " + HexFormat.of().formatHex(bytes) + " gave " + again);
            }
            return true;
        }
        final String message = ((ParseResult.Error<SctpPacket>) result).message();
        if (!message.startsWith("SCTP packet: ")) {
            throw new AssertionError("unexpected error for " + HexFormat.of().formatHex(bytes) + ": " + message);
        }
        return false;
    }

    private static byte[] mutate(byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return new byte[] {(byte) random.nextInt()};
        }
        final int at = random.nextInt(bytes.length);
        switch (random.nextInt(7)) {
            case 0: // flip a bit
                bytes[at] ^= (byte) (1 << random.nextInt(8));
                return bytes;
            case 1: // set a byte
                bytes[at] = (byte) random.nextInt();
                return bytes;
            case 2: // write a small 16-bit value, often hitting a length or count field
                if (at + 1 < bytes.length) {
                    final int value = random.nextInt(bytes.length + 8);
                    bytes[at] = (byte) (value >>> 8);
                    bytes[at + 1] = (byte) value;
                }
                return bytes;
            case 3: // truncate
                return Arrays.copyOf(bytes, at);
            case 4: // append random bytes
                final byte[] longer = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(8));
                for (int i = bytes.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt();
                }
                return longer;
            case 5: // cut a slice out
                final int cut = Math.min(bytes.length - at, 1 + random.nextInt(8));
                final byte[] shorter = new byte[bytes.length - cut];
                System.arraycopy(bytes, 0, shorter, 0, at);
                System.arraycopy(bytes, at + cut, shorter, at, bytes.length - at - cut);
                return shorter;
            default: // set a 0xFF run, the largest lengths and counts
                Arrays.fill(bytes, at, Math.min(bytes.length, at + 1 + random.nextInt(4)), (byte) 0xFF);
                return bytes;
        }
    }

    private static List<byte[]> seeds() {
        final List<byte[]> seeds = new ArrayList<>();
        ChromiumPackets.all().values().stream().filter(packet -> packet.length <= 300).forEach(seeds::add);
        final List<Chunk> chunks = List.of(
                new InitChunk(1, 2, 3, 4, 5, List.of(
                        new SupportedExtensionsParameter(List.of(130, 192)), new ForwardTsnSupportedParameter(),
                        new ZeroChecksumAcceptableParameter(1),
                        new UnknownParameter(0x8005, ByteView.of(new byte[3])))),
                new InitAckChunk(1, 2, 3, 4, 5, List.of(
                        new StateCookieParameter(ByteView.of(new byte[9])),
                        new UnrecognizedParameterParameter(ByteView.of(new byte[] {(byte) 0xC0, 9, 0, 4})))),
                new SackChunk(1, 2, List.of(new SackChunk.GapAckBlock(2, 3)), List.of(9L)),
                new AbortChunk(true, AbortAndErrorChunkTest.EVERY_KIND_OF_CAUSE),
                new ErrorChunk(AbortAndErrorChunkTest.EVERY_KIND_OF_CAUSE),
                new ShutdownChunk(1), new ShutdownAckChunk(), new ShutdownCompleteChunk(true),
                new ReConfigChunk(List.of(
                        new OutgoingSsnResetRequestParameter(1, 2, 3, List.of(1, 2, 3)),
                        new IncomingSsnResetRequestParameter(4, List.of(5)),
                        new ReconfigurationResponseParameter(6, Result.DENIED, new NextTsns(7, 8)),
                        new AddOutgoingStreamsRequestParameter(9, 10),
                        new AddIncomingStreamsRequestParameter(11, 12))),
                new ForwardTsnChunk(1, List.of(new ForwardTsnChunk.SkippedStream(2, 3))),
                new UnknownChunk(0x40, 3, ByteView.of(new byte[5])));
        for (Chunk chunk : chunks) {
            seeds.add(new SctpPacket(5000, 5000, 1, List.of(chunk)).toByteArray());
        }
        seeds.add(new SctpPacket(5000, 5000, 1, chunks).toByteArray());
        return seeds;
    }
}
