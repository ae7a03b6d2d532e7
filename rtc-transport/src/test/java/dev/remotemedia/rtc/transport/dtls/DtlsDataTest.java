package dev.remotemedia.rtc.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Application data through a connected pair, checked by content, and what happens to bad records. */
class DtlsDataTest {

    private static final int[] SIZES = {1, 2, 100, 1200, 1300, 4096, 16_383, 16_384};

    @Test
    void recordsOfOneByteTo16KibArriveIntactBothWays() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            pair.startBoth();
            pair.awaitConnected();
            final Random random = new Random(7);
            final List<byte[]> toServer = new ArrayList<>();
            final List<byte[]> toClient = new ArrayList<>();
            for (int size : SIZES) {
                toServer.add(randomBytes(random, size));
                toClient.add(randomBytes(random, size));
            }

            for (int i = 0; i < SIZES.length; i++) {
                assertThat(pair.client.send(toServer.get(i))).isTrue();
                assertThat(pair.server.send(toClient.get(i))).isTrue();
            }

            for (int i = 0; i < SIZES.length; i++) {
                assertThat(pair.server.awaitData()).as("to server, %d bytes", SIZES[i]).isEqualTo(toServer.get(i));
                assertThat(pair.client.awaitData()).as("to client, %d bytes", SIZES[i]).isEqualTo(toClient.get(i));
            }
        }
    }

    @Test
    void aThousandRecordsArriveInOrder() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            pair.startBoth();
            pair.awaitConnected();

            pair.client.run(() -> {
                for (int i = 0; i < 1000; i++) {
                    final byte[] record = ("message " + i).getBytes();
                    pair.client.transport.send(record, 0, record.length);
                }
            });

            for (int i = 0; i < 1000; i++) {
                assertThat(new String(pair.server.awaitData())).isEqualTo("message " + i);
            }
        }
    }

    @Test
    void sendBeforeTheHandshakeSendsNothing() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            assertThat(pair.client.send(new byte[] {1, 2, 3})).isFalse();
            assertThat(pair.clientToServer.sent()).isZero();
        }
    }

    @Test
    void sendRefusesEmptyAndOversizedRecords() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            pair.startBoth();
            pair.awaitConnected();

            assertThatThrownBy(() -> pair.client.transport.send(new byte[0], 0, 0))
                    .hasMessage("len: 0 (expected: 1..16384)");
            assertThatThrownBy(() -> pair.client.transport.send(new byte[16_385], 0, 16_385))
                    .hasMessage("len: 16385 (expected: 1..16384)");
        }
    }

    @Test
    void garbageAndForgedRecordsAreDroppedAndTheConnectionSurvives() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            pair.startBoth();
            pair.awaitConnected();
            // An application-data record of epoch 1 whose ciphertext fails authentication.
            final byte[] forged = new byte[13 + 40];
            forged[0] = 23;
            forged[1] = (byte) 0xFE;
            forged[2] = (byte) 0xFD;
            forged[4] = 1;
            forged[10] = 99;
            forged[12] = 40;
            final byte[] noise = randomBytes(new Random(3), 300);
            final byte[] truncated = {23, (byte) 0xFE, (byte) 0xFD, 0, 1};

            pair.server.run(() -> {
                pair.server.transport.handleDatagram(forged, 0, forged.length);
                pair.server.transport.handleDatagram(noise, 0, noise.length);
                pair.server.transport.handleDatagram(truncated, 0, truncated.length);
            });
            assertThat(pair.client.send("still here".getBytes())).isTrue();

            assertThat(new String(pair.server.awaitData())).isEqualTo("still here");
            assertThat(pair.server.transport.state()).isEqualTo(DtlsState.CONNECTED);
        }
    }

    @Test
    void aReplayedRecordIsDeliveredOnce() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            pair.startBoth();
            pair.awaitConnected();

            assertThat(pair.client.send("once".getBytes())).isTrue();
            assertThat(new String(pair.server.awaitData())).isEqualTo("once");
            final byte[] replay = pair.clientToServer.lastSent();
            pair.server.run(() -> pair.server.transport.handleDatagram(replay, 0, replay.length));
            assertThat(pair.client.send("twice?".getBytes())).isTrue();

            assertThat(new String(pair.server.awaitData())).isEqualTo("twice?");
            assertThat(pair.server.received).isEmpty();
        }
    }

    private static byte[] randomBytes(Random random, int size) {
        final byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }
}
