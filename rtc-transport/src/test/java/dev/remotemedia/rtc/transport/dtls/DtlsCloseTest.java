package dev.remotemedia.rtc.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Closing in every state: close_notify, the peer's side, threads, and closing twice. */
class DtlsCloseTest {

    @Test
    void closeSendsCloseNotifyAndThePeerReportsClosed() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            pair.startBoth();
            pair.awaitConnected();

            pair.client.run(pair.client.transport::close);

            pair.server.closed.get(DtlsPair.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(pair.server.transport.state()).isEqualTo(DtlsState.CLOSED);
            assertThat(pair.client.transport.state()).isEqualTo(DtlsState.CLOSED);
            assertThat(pair.client.closed).as("no onClosed for a local close").isNotDone();
            assertThat(pair.client.failed).isNotDone();
            assertThat(pair.server.failed).isNotDone();
            assertThat(pair.client.send(new byte[] {1})).isFalse();
            assertThat(pair.server.send(new byte[] {1})).isFalse();
        }
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            pair.startBoth();
            pair.awaitConnected();
            final int sentBefore = pair.clientToServer.sent();

            pair.client.run(pair.client.transport::close);
            pair.client.run(pair.client.transport::close);

            assertThat(pair.clientToServer.sent()).as("one close_notify").isEqualTo(sentBefore + 1);
            assertThat(pair.client.transport.state()).isEqualTo(DtlsState.CLOSED);
        }
    }

    @Test
    void dataArrivingAfterCloseIsDropped() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            pair.startBoth();
            pair.awaitConnected();
            pair.clientToServer.blocked(true); // the server will not hear the close_notify

            pair.client.run(pair.client.transport::close);
            assertThat(pair.server.send("late".getBytes())).isTrue();
            pair.server.run(() -> { });
            pair.client.run(() -> { }); // the late record has been handled

            assertThat(pair.client.received).isEmpty();
        }
    }

    @Test
    void closeDuringTheHandshakeStopsItsThreadWithoutCallbacks() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            pair.serverToClient.blocked(true); // the client waits for a ServerHello that never comes
            pair.startBoth();
            while (pair.clientToServer.sent() == 0) {
                Thread.onSpinWait();
            }

            pair.client.run(pair.client.transport::close);

            pair.client.awaitHandshakeThreadsEnded();
            pair.client.run(() -> { }); // anything the thread posted has run
            assertThat(pair.client.transport.state()).isEqualTo(DtlsState.CLOSED);
            assertThat(pair.client.failed).isNotDone();
            assertThat(pair.client.connected).isNotDone();
        }
    }

    @Test
    void closeBeforeStartLeavesNothingToStart() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            pair.client.run(pair.client.transport::close);

            assertThat(pair.client.transport.state()).isEqualTo(DtlsState.CLOSED);
            assertThatThrownBy(() -> pair.client.transport.start())
                    .hasMessage("start: DTLS transport is CLOSED (expected: NEW)");
            assertThat(pair.client.handshakeThreads).isEmpty();
        }
    }

    @Test
    void listenerMayCloseFromOnData() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            pair.startBoth();
            pair.awaitConnected();
            pair.server.onDataHook = data -> pair.server.transport.close();

            pair.client.run(() -> {
                pair.client.transport.send(new byte[] {1}, 0, 1);
                pair.client.transport.send(new byte[] {2}, 0, 1);
            });

            pair.client.closed.get(DtlsPair.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            pair.server.run(() -> { });
            assertThat(pair.server.received).containsExactly(new byte[] {1});
            assertThat(pair.server.transport.state()).isEqualTo(DtlsState.CLOSED);
        }
    }
}
