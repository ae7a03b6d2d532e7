package dev.remotemedia.rtc.rtp.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.rtp.Mutator;
import dev.remotemedia.rtc.rtp.ParseResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile payloads never make a depacketizer or the assembler throw, and what they keep stays
 * within their bounds. Seeded, so a failure reproduces; the failing input is in the message.
 */
class VideoFuzzTest {

    private static final int MAX_FRAME_SIZE = 64 * 1024;

    @ParameterizedTest
    @EnumSource(TestStreams.class)
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void mutatedPayloadsNeverThrowAndFramesStayBounded(TestStreams codec) {
        final Random random = new Random(6184 + codec.ordinal());
        final List<List<byte[]>> seeds = new ArrayList<>();
        final VideoPacketizer packetizer = codec.newPacketizer();
        for (int i = 0; i < 20; i++) {
            seeds.add(packetizer.packetize(codec.frame(i % 3 == 0, 1 + random.nextInt(3000), random),
                                           30 + random.nextInt(800)));
        }
        final VideoDepacketizer depacketizer = codec.depacketizer();
        final FrameAssembler assembler = FrameAssembler.builder(depacketizer)
                .maxPackets(64).maxBytes(20_000).maxFrameSize(MAX_FRAME_SIZE).lossTimeoutNanos(1000).build();
        int accepted = 0;
        int seq = 0;
        final int iterations = 4000;
        for (int i = 0; i < iterations; i++) {
            final List<byte[]> payloads = new ArrayList<>();
            seeds.get(random.nextInt(seeds.size())).forEach(p -> payloads.add(p.clone()));
            final int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                final int at = random.nextInt(payloads.size());
                switch (random.nextInt(6)) {
                    case 0 -> payloads.remove(at);
                    case 1 -> payloads.add(at, payloads.get(at).clone());
                    case 2 -> Collections.swap(payloads, at, random.nextInt(payloads.size()));
                    default -> payloads.set(at, Mutator.mutate(payloads.get(at), random));
                }
                if (payloads.isEmpty()) {
                    payloads.add(new byte[] {(byte) random.nextInt()});
                }
            }
            final Supplier<String> input = () -> describe(payloads);
            final List<ByteView> views = Hex.views(payloads);
            for (ByteView view : views) {
                if (!view.isEmpty()) {
                    assertThat(depacketizer.inspect(view)).as(input).isNotNull();
                }
            }
            final ParseResult<byte[]> result = depacketizer.assemble(views, MAX_FRAME_SIZE);
            assertThat(result).as(input).isNotNull();
            if (result.isOk()) {
                accepted++;
                assertThat(result.valueOrNull().length).as(input).isLessThanOrEqualTo(MAX_FRAME_SIZE);
            }
            for (int k = 0; k < payloads.size(); k++) {
                assembler.insert(seq, i / 3, k == payloads.size() - 1, views.get(k), i);
                seq = (seq + 1 + (random.nextInt(20) == 0 ? random.nextInt(100) : 0)) & 0xFFFF;
            }
            assembler.advanceTime(i);
            for (AssembledFrame frame = assembler.pollFrame(); frame != null; frame = assembler.pollFrame()) {
                assertThat(frame.data().length).isLessThanOrEqualTo(MAX_FRAME_SIZE);
            }
            assertThat(assembler.heldPackets()).isLessThanOrEqualTo(64);
            assertThat(assembler.heldBytes()).isLessThanOrEqualTo(20_000);
        }
        // Both outcomes are exercised.
        assertThat(accepted).isBetween(iterations / 50, iterations - iterations / 50);
        assertThat(assembler.dropped(FrameAssembler.DropReason.MALFORMED)).isPositive();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void randomDescriptorsNeverThrowAndWhatParsesWritesBack() {
        final Random random = new Random(7741);
        for (int i = 0; i < 30_000; i++) {
            final byte[] bytes = Hex.random(random, random.nextInt(40));
            final ByteView view = ByteView.of(bytes);
            final String input = HexFormat.of().formatHex(bytes);
            final Vp8Descriptor vp8 = Vp8Descriptor.parse(view).valueOrNull();
            if (vp8 != null) {
                final byte[] written = new byte[vp8.serializedSize()];
                vp8.serializeTo(written, 0);
                assertThat(Vp8Descriptor.parse(ByteView.of(written)).orElseThrow()).as(input).isEqualTo(vp8);
            }
            final Vp9Descriptor vp9 = Vp9Descriptor.parse(view).valueOrNull();
            if (vp9 != null) {
                final byte[] written = new byte[vp9.serializedSize()];
                vp9.serializeTo(written, 0);
                assertThat(Vp9Descriptor.parse(ByteView.of(written)).orElseThrow()).as(input).isEqualTo(vp9);
            }
            for (TestStreams codec : TestStreams.values()) {
                if (bytes.length > 0) {
                    assertThat(codec.depacketizer().inspect(view)).as(input).isNotNull();
                }
                assertThat(codec.depacketizer().assemble(List.of(view), 1000)).as(input).isNotNull();
            }
        }
    }

    private static String describe(List<byte[]> payloads) {
        final StringBuilder text = new StringBuilder();
        for (byte[] payload : payloads) {
            text.append(HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 24))).append(" | ");
        }
        return text.toString();
    }
}
