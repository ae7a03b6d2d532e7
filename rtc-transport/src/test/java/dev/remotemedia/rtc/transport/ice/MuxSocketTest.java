package dev.remotemedia.rtc.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.transport.ice.StunPacket.TransactionId;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ice4j.socket.SocketClosedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How one mux socket routes datagrams between remote peers and agents, without ice4j's agents. */
class MuxSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** RFC 5769 §2.1: a Binding request to ufrag "evtj". */
    private static final byte[] REQUEST_TO_EVTJ = StunPacketTest.hex(
            "000100582112a442b7e7a701bc34d686fa87dfae802200105354554e207465737420766563746f72"
            + "002400046e0001ff80290008932ff9b151263b36000600096576746a3a683676592020200008001"
            + "49aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a280280004e57a3bcf");

    private final MuxSocket mux = bind();
    private final BlockingQueue<byte[]> data = new LinkedBlockingQueue<>();
    private final MuxEndpoint evtj = mux.register("evtj", (buf, off, len) -> data.add(buf));

    @AfterEach
    void close() {
        evtj.close();
        mux.close();
    }

    @Test
    void routesARequestByTheRecipientUfragAndThenDataFromThatAddress() throws Exception {
        try (DatagramSocket remote = loopbackSocket()) {
            send(remote, REQUEST_TO_EVTJ);

            DatagramPacket got = receiveAsIce4j(evtj);
            assertThat(got.getLength()).isEqualTo(REQUEST_TO_EVTJ.length);
            assertThat(got.getSocketAddress()).isEqualTo(remote.getLocalSocketAddress());

            byte[] clientHello = {22, (byte) 0xfe, (byte) 0xfd, 0, 1};
            send(remote, clientHello);
            assertThat(data.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(clientHello);
        }
    }

    @Test
    void dropsWhatNoEndpointClaims() throws Exception {
        try (DatagramSocket stranger = loopbackSocket()) {
            byte[] toSomeoneElse = REQUEST_TO_EVTJ.clone();
            toSomeoneElse[64] = 'x'; // USERNAME "xvtj:h6vY"
            assertThat(StunPacket.recipientUfrag(toSomeoneElse, 0, toSomeoneElse.length)).isEqualTo("xvtj");
            long before = mux.unroutedCount();

            send(stranger, toSomeoneElse);
            send(stranger, new byte[] {22, 1, 2, 3});

            IceTransportTest.awaitCondition(() -> mux.unroutedCount() == before + 2, WAIT);
            assertThat(data).isEmpty();
        }
    }

    @Test
    void routesAResponseToTheEndpointThatSentTheRequest() throws Exception {
        try (DatagramSocket server = loopbackSocket()) {
            byte[] request = StunPacket.bindingRequest(TransactionId.random(new Random(1)));
            evtj.wrapper().send(new DatagramPacket(request, request.length, server.getLocalSocketAddress()));
            DatagramPacket atServer = new DatagramPacket(new byte[1500], 1500);
            server.setSoTimeout((int) WAIT.toMillis());
            server.receive(atServer);
            assertThat(atServer.getSocketAddress()).isEqualTo(mux.localAddress());

            byte[] response = FakeStunServer.bindingSuccess(request, new InetSocketAddress(InetAddress.getByName("203.0.113.1"), 1));
            send(server, response);

            DatagramPacket got = receiveAsIce4j(evtj);
            assertThat(StunPacket.transactionId(got.getData(), got.getOffset())).isEqualTo(StunPacket.transactionId(request, 0));
        }
    }

    @Test
    void closingAnEndpointWakesIce4jsReaderAndRemovesItsRoutes() throws Exception {
        CompletableFuture<DatagramPacket> reader = CompletableFuture.supplyAsync(() -> receiveOrThrow(evtj));

        evtj.close();

        assertThatThrownBy(() -> reader.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(SocketClosedException.class);
        assertThat(mux.endpointCount()).isZero();
        assertThat(evtj.wrapper().getUDPSocket().isClosed()).isTrue();
        MuxEndpoint again = mux.register("evtj", (buf, off, len) -> { });
        again.close();
    }

    @Test
    void refusesTwoEndpointsWithOneUfrag() {
        assertThatThrownBy(() -> mux.register("evtj", (buf, off, len) -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("ufrag evtj is already registered");
    }

    private static MuxSocket bind() {
        try {
            return MuxSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static DatagramSocket loopbackSocket() throws java.net.SocketException {
        return new DatagramSocket(0, InetAddress.getLoopbackAddress());
    }

    private void send(DatagramSocket from, byte[] bytes) throws java.io.IOException {
        from.send(new DatagramPacket(bytes, bytes.length, mux.localAddress()));
    }

    private static DatagramPacket receiveAsIce4j(MuxEndpoint endpoint) throws Exception {
        return CompletableFuture.supplyAsync(() -> receiveOrThrow(endpoint)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static DatagramPacket receiveOrThrow(MuxEndpoint endpoint) {
        DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
        try {
            endpoint.wrapper().receive(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p;
    }
}
