package dev.remotemedia.rtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.sctp.packet.Crc32c;
import dev.remotemedia.rtc.sctp.packet.SctpPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile input into {@link SctpSocket#handleInput} never throws and never hits an internal error
 * (DESIGN.md §8): real packets of a whole session, replayed out of context or mutated (bytes
 * flipped, truncated, extended, chunks spliced), most with our verification tag and the checksum fixed so they reach the chunk handlers, fed to
 * associations in every state. Seeded, so a failure reproduces.
 */
class SctpFuzzTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mutatedRealPacketsNeverThrow() {
        final List<byte[]> corpus = recordSession();
        assertThat(corpus).hasSizeGreaterThan(50);
        final Random random = new Random(0xF022);
        int accepted = 0;
        long processed = 0;
        for (int round = 0; round < 40; round++) {
            final SctpPair pair = new SctpPair(round);
            pair.log.disable();
            // Targets in different states: closed, connecting, established, shutting down.
            switch (round % 4) {
                case 0 -> { }
                case 1 -> pair.a.sctp.connect();
                case 2 -> pair.connectBoth();
                default -> {
                    pair.connectBoth();
                    pair.a.sctp.send(new SctpMessage(0, 53, new byte[5000]), SendOptions.DEFAULT);
                    pair.a.sctp.shutdown();
                }
            }
            for (int i = 0; i < 300; i++) {
                byte[] bytes = corpus.get(random.nextInt(corpus.size())).clone();
                // A third go in unchanged: valid chunks out of context (stale TSNs, SACKs of unsent TSNs, ...).
                for (int m = random.nextInt(3); m > 0; m--) {
                    bytes = mutate(bytes, corpus, random);
                }
                final SctpPair.Peer target = random.nextBoolean() ? pair.a : pair.z;
                final TransmissionControlBlock tcb = target.sctp.tcb();
                final boolean ourTag = tcb != null && bytes.length >= SctpPacket.COMMON_HEADER_SIZE
                                       && random.nextInt(10) < 7;
                if (ourTag) {
                    // Past the verification tag check, into the chunk handlers.
                    dev.remotemedia.rtc.common.BigEndian.putUint32(bytes, 4, tcb.localTag());
                }
                if (bytes.length >= SctpPacket.COMMON_HEADER_SIZE && random.nextInt(10) < 8) {
                    Crc32c.writeChecksum(bytes, 0, bytes.length);
                }
                target.sctp.handleInput(bytes, 0, bytes.length);
                if (SctpPacket.parse(bytes, 0, bytes.length).isOk()) {
                    accepted++;
                    processed += ourTag ? 1 : 0;
                }
                if (random.nextInt(20) == 0) {
                    pair.step(pair.clock.nowNanos() + 5_000_000_000L);
                }
                pair.pump();
                for (SctpPair.Peer peer : List.of(pair.a, pair.z)) {
                    assertThat(peer.events).noneMatch(e -> e instanceof SctpEvent.Aborted aborted
                                                           && aborted.reason().contains("internal error"));
                }
                if (round % 4 == 2 && (pair.a.sctp.state() != SctpState.CONNECTED
                                       || pair.z.sctp.state() != SctpState.CONNECTED)) {
                    // Knocked out by fuzzed input: after it, a new association still comes up.
                    pair.a.sctp.abort("start over");
                    pair.z.sctp.abort("start over");
                    pair.pump();
                    pair.a.events.clear();
                    pair.z.events.clear();
                    pair.connectBoth();
                }
            }
            // Whatever happened, time still moves without exceptions.
            pair.runFor(120_000_000_000L);
        }
        assertThat(accepted).isGreaterThan(3000);
        // Thousands reached the chunk handlers of an established association.
        assertThat(processed).isGreaterThan(1500);
    }

    @Test
    void randomBytesNeverThrow() {
        final Random random = new Random(7);
        final SctpPair pair = new SctpPair(1);
        pair.connectBoth();
        for (int i = 0; i < 5_000; i++) {
            final byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            if (bytes.length >= SctpPacket.COMMON_HEADER_SIZE && random.nextBoolean()) {
                Crc32c.writeChecksum(bytes, 0, bytes.length);
            }
            pair.a.sctp.handleInput(bytes, 0, bytes.length);
        }
        pair.pump();
        assertThat(pair.a.eventsOf(SctpEvent.Error.class)).isNotEmpty();
        assertThat(pair.a.sctp.state()).isEqualTo(SctpState.CONNECTED);
    }

    /** Records every packet of a lossy session with setup, data, partial reliability, reset and shutdown. */
    private static List<byte[]> recordSession() {
        final List<byte[]> packets = new ArrayList<>();
        final SctpPair pair = new SctpPair(99, dev.remotemedia.rtc.sctp.tx.SctpOptions.builder()
                .heartbeatInterval(java.time.Duration.ofSeconds(2)).build(), b -> {});
        final java.util.function.Consumer<SctpEvent> ignore = e -> {};
        pair.a.listener = ignore;
        pair.connectBoth();
        pair.link.forBoth(d -> d.dropProbability(0.2).dropIf(bytes -> {
            packets.add(bytes.clone());
            return false;
        }));
        for (int i = 0; i < 20; i++) {
            pair.a.sctp.send(new SctpMessage(i % 3, 53, TestMessages.payload(i % 3, i, 1 + i * 700)),
                             i % 2 == 0 ? SendOptions.DEFAULT : new SendOptions(true, 0, -1));
            pair.z.sctp.send(new SctpMessage(4, 51, TestMessages.payload(4, i, 10)), SendOptions.DEFAULT);
        }
        pair.runFor(10_000_000_000L);
        pair.a.sctp.resetStreams(1);
        pair.runFor(10_000_000_000L);
        pair.a.sctp.shutdown();
        pair.runFor(10_000_000_000L);
        final SctpPair second = new SctpPair(100);
        second.link.forBoth(d -> d.dropIf(bytes -> {
            packets.add(bytes.clone());
            return false;
        }));
        second.connectBoth();
        second.a.sctp.abort("fuzz");
        second.pump();
        return packets;
    }

    private static byte[] mutate(byte[] bytes, List<byte[]> corpus, Random random) {
        switch (random.nextInt(7)) {
            case 0: {
                if (bytes.length > 0) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return bytes;
            }
            case 1: {
                if (bytes.length > 0) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                return bytes;
            }
            case 2:
                return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            case 3: {
                final byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(16));
                for (int i = bytes.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                return longer;
            }
            case 4: {
                // Splice the chunks of another packet behind this one's header.
                final byte[] other = corpus.get(random.nextInt(corpus.size()));
                if (bytes.length < 12 || other.length < 12) {
                    return bytes;
                }
                final byte[] spliced = java.util.Arrays.copyOf(bytes, bytes.length + other.length - 12);
                System.arraycopy(other, 12, spliced, bytes.length, other.length - 12);
                return spliced;
            }
            case 5: {
                // A length field (of the first chunk or a parameter) set to something odd.
                if (bytes.length >= 16) {
                    final int at = 14 + 4 * random.nextInt(Math.max(1, (bytes.length - 14) / 4));
                    if (at + 1 < bytes.length) {
                        final int value = random.nextInt(3) == 0 ? 0 : random.nextInt(70_000);
                        bytes[at] = (byte) (value >> 8);
                        bytes[at + 1] = (byte) value;
                    }
                }
                return bytes;
            }
            default: {
                // A 32-bit field (TSN, tag, cumulative ack...) set to an extreme.
                if (bytes.length >= 20) {
                    final int at = 12 + random.nextInt(bytes.length - 15);
                    final long[] extremes = {0, 1, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0xFFFF_FFFEL};
                    dev.remotemedia.rtc.common.BigEndian.putUint32(bytes, at, extremes[random.nextInt(extremes.length)]);
                }
                return bytes;
            }
        }
    }
}
