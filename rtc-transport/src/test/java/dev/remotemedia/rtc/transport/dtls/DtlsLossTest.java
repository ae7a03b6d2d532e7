package dev.remotemedia.rtc.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Handshakes over a lossy pipe: BC retransmits lost flights on its own timers (RFC 6347 §4.2.4),
 * starting at 50 ms and doubling, so each must finish well within the bound asserted here.
 */
class DtlsLossTest {

    /** 50 ms doubling six times is 3.15 s of waiting at most for three losses per direction, plus slack. */
    private static final Duration BOUND = Duration.ofSeconds(8);

    @Test
    void handshakeCompletesWhenTheFirstThreeDatagramsEachWayAreLost() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            pair.clientToServer.dropFirst(3);
            pair.serverToClient.dropFirst(3);
            final long startNanos = System.nanoTime();
            pair.startBoth();

            pair.awaitConnected();

            assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(BOUND);
            assertThat(pair.clientToServer.dropped()).isEqualTo(3);
            assertThat(pair.serverToClient.dropped()).isEqualTo(3);
            assertDataFlows(pair);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void handshakeCompletesWithTwentyPercentRandomLoss(long seed) throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            pair.clientToServer.dropProbability(0.2, seed);
            pair.serverToClient.dropProbability(0.2, seed * 31);
            final long startNanos = System.nanoTime();
            pair.startBoth();

            pair.awaitConnected();

            assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(BOUND);
        }
    }

    /**
     * The server is connected once it sends its Finished; if that flight is lost, the client
     * retransmits its own and the server, already decrypting on its loop, must answer again.
     */
    @Test
    void lostFinalFlightIsResentByTheConnectedServer() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            // The server's last flight: ChangeCipherSpec (type 20) and Finished (type 22, epoch 1).
            pair.serverToClient.dropIf(d -> d[0] == 20 || (d[0] == 22 && d[3] == 0 && d[4] == 1), 2);
            pair.startBoth();

            pair.awaitConnected();

            assertThat(pair.serverToClient.dropped()).isEqualTo(2);
            assertDataFlows(pair);
        }
    }

    private static void assertDataFlows(DtlsPair pair) throws InterruptedException {
        pair.clientToServer.dropFirst(0).dropProbability(0, 0);
        pair.serverToClient.dropFirst(0).dropProbability(0, 0);
        assertThat(pair.client.send("ping".getBytes())).isTrue();
        assertThat(new String(pair.server.awaitData())).isEqualTo("ping");
        assertThat(pair.server.send("pong".getBytes())).isTrue();
        assertThat(new String(pair.client.awaitData())).isEqualTo("pong");
    }
}
