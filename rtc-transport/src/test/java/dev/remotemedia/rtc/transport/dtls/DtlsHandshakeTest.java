package dev.remotemedia.rtc.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Handshakes between two Java endpoints over an in-memory pipe with real threads. */
class DtlsHandshakeTest {

    private static final Fingerprint WRONG = Fingerprint.sha256Of(new byte[] {1, 2, 3});

    @Test
    void clientAndServerConnectWithChromiumsFirstSuite() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            pair.startBoth();

            final DtlsConnectionInfo client = pair.client.awaitConnected();
            final DtlsConnectionInfo server = pair.server.awaitConnected();

            assertThat(client.role()).isEqualTo(DtlsRole.CLIENT);
            assertThat(server.role()).isEqualTo(DtlsRole.SERVER);
            assertThat(client.cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
            assertThat(server.cipherSuite()).isEqualTo(client.cipherSuite());
            assertThat(client.remoteFingerprint()).isEqualTo(DtlsPair.SERVER_CERTIFICATE.fingerprint());
            assertThat(server.remoteFingerprint()).isEqualTo(DtlsPair.CLIENT_CERTIFICATE.fingerprint());
            assertThat(pair.client.transport.state()).isEqualTo(DtlsState.CONNECTED);
            assertThat(pair.server.transport.state()).isEqualTo(DtlsState.CONNECTED);
        }
    }

    @Test
    void handshakeThreadEndsOnceConnected() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            pair.startBoth();
            pair.awaitConnected();

            pair.client.awaitHandshakeThreadsEnded();
            pair.server.awaitHandshakeThreadsEnded();
            assertThat(pair.client.handshakeThreads).hasSize(1);
            assertThat(pair.server.handshakeThreads).hasSize(1);
        }
    }

    @Test
    void eachFlightTravelsInOneDatagram() throws Exception {
        // A 10 s retransmission timeout: a slow machine must not add a retransmitted flight.
        try (DtlsPair pair = DtlsPair.create(c -> c.initialRetransmitTimeout(Duration.ofSeconds(10)),
                                             s -> s.initialRetransmitTimeout(Duration.ofSeconds(10)))) {
            pair.startBoth();
            pair.awaitConnected();

            // ClientHello; Certificate + ClientKeyExchange + CertificateVerify + ChangeCipherSpec + Finished.
            assertThat(pair.clientToServer.sent()).isEqualTo(2);
            // ServerHello + Certificate + ServerKeyExchange + CertificateRequest + ServerHelloDone;
            // ChangeCipherSpec + Finished.
            assertThat(pair.serverToClient.sent()).isEqualTo(2);
        }
    }

    @Test
    void clientRejectsServerCertificateThatDoesNotMatchItsFingerprint() throws Exception {
        try (DtlsPair pair = DtlsPair.create(c -> c.remoteFingerprints(List.of(WRONG)), s -> s)) {
            pair.startBoth();

            final RemoteMediaException clientError = pair.client.awaitFailed();
            final RemoteMediaException serverError = pair.server.awaitFailed();

            assertThat(clientError.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
            assertThat(clientError.getMessage()).isEqualTo(
                    "DTLS fingerprint mismatch: expected " + WRONG.toSdpValue() + ", got "
                    + DtlsPair.SERVER_CERTIFICATE.fingerprint().toSdpValue());
            assertThat(serverError.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
            assertThat(serverError.getMessage()).isEqualTo(
                    "DTLS handshake failed: the peer sent fatal alert bad_certificate(42)");
            assertNoDataFlows(pair);
        }
    }

    @Test
    void serverRejectsClientCertificateThatDoesNotMatchItsFingerprint() throws Exception {
        try (DtlsPair pair = DtlsPair.create(c -> c, s -> s.remoteFingerprints(List.of(WRONG)))) {
            pair.startBoth();

            final RemoteMediaException serverError = pair.server.awaitFailed();
            final RemoteMediaException clientError = pair.client.awaitFailed();

            assertThat(serverError.getMessage()).isEqualTo(
                    "DTLS fingerprint mismatch: expected " + WRONG.toSdpValue() + ", got "
                    + DtlsPair.CLIENT_CERTIFICATE.fingerprint().toSdpValue());
            assertThat(clientError.getMessage()).contains("the peer sent fatal alert bad_certificate");
            assertNoDataFlows(pair);
        }
    }

    @Test
    void acceptsCertificateMatchingAnyOfSeveralFingerprints() throws Exception {
        final Fingerprint sha384 = Fingerprint.compute("sha-384", DtlsPair.SERVER_CERTIFICATE.encoded());
        try (DtlsPair pair = DtlsPair.create(c -> c.remoteFingerprints(List.of(WRONG, sha384)), s -> s)) {
            pair.startBoth();

            pair.awaitConnected();
            assertThat(pair.client.connected.get().remoteFingerprint())
                    .isEqualTo(DtlsPair.SERVER_CERTIFICATE.fingerprint());
        }
    }

    @Test
    void handshakeTimesOutWhenThePeerNeverAnswers() throws Exception {
        try (DtlsPair pair = DtlsPair.create(c -> c.handshakeTimeout(Duration.ofMillis(300)), s -> s)) {
            pair.clientToServer.blocked(true);
            pair.client.start();

            final RemoteMediaException error = pair.client.awaitFailed();

            assertThat(error.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
            assertThat(error.getMessage())
                    .isEqualTo("DTLS handshake timed out after 300 ms (expected: the peer to answer)");
            assertThat(pair.client.transport.state()).isEqualTo(DtlsState.FAILED);
            pair.client.awaitHandshakeThreadsEnded();
        }
    }

    @Test
    void clientHelloThatArrivesBeforeStartIsKeptForTheHandshake() throws Exception {
        // A 10 s retransmission timeout: the handshake can only be quick if the early ClientHello is used.
        try (DtlsPair pair = DtlsPair.create(c -> c.initialRetransmitTimeout(Duration.ofSeconds(10)), s -> s)) {
            pair.client.start();
            while (pair.clientToServer.sent() == 0) {
                Thread.onSpinWait();
            }
            pair.server.run(() -> { }); // the ClientHello is now in the server's queue
            pair.server.start();

            pair.awaitConnected();
        }
    }

    @Test
    void garbageDuringTheHandshakeIsIgnored() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            final byte[] garbage = {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40, 1, 2, 3};
            pair.server.run(() -> pair.server.transport.handleDatagram(garbage, 0, garbage.length));
            pair.server.run(() -> pair.server.transport.handleDatagram(new byte[3], 0, 3));
            pair.startBoth();

            pair.awaitConnected();
        }
    }

    @Test
    void startTwiceIsRefused() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            pair.startBoth();
            pair.awaitConnected();

            assertThatThrownBy(() -> pair.client.transport.start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("start: DTLS transport is CONNECTED (expected: NEW)");
        }
    }

    @Test
    void builderNamesEverySettingThatIsMissing() {
        assertThatThrownBy(() -> DtlsTransport.builder().role(DtlsRole.CLIENT).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("DtlsTransport: not set: certificate, sender, loop, listener, "
                            + "remoteFingerprints (from the remote SDP's a=fingerprint)");
        assertThatThrownBy(() -> DtlsTransport.builder().mtu(100))
                .hasMessage("mtu: 100 (expected: 256..65507)");
        assertThatThrownBy(() -> DtlsTransport.builder().initialRetransmitTimeout(Duration.ZERO))
                .hasMessage("initialRetransmitTimeout: PT0S (expected: 1 ms..60000 ms)");
    }

    private static void assertNoDataFlows(DtlsPair pair) throws InterruptedException {
        assertThat(pair.client.connected).isNotDone();
        assertThat(pair.server.connected).isNotDone();
        assertThat(pair.client.send(new byte[] {1})).isFalse();
        assertThat(pair.server.send(new byte[] {1})).isFalse();
        assertThat(pair.client.transport.state()).isEqualTo(DtlsState.FAILED);
        assertThat(pair.server.transport.state()).isEqualTo(DtlsState.FAILED);
        pair.client.awaitHandshakeThreadsEnded();
        pair.server.awaitHandshakeThreadsEnded();
        pair.client.run(() -> { });
        pair.server.run(() -> { });
        assertThat(pair.client.received).isEmpty();
        assertThat(pair.server.received).isEmpty();
    }
}
