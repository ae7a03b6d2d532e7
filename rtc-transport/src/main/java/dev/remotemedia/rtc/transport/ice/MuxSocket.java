package dev.remotemedia.rtc.transport.ice;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.transport.ice.StunPacket.TransactionId;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound UDP socket of an {@link IceUdpMux} and the thread that reads it. Every ICE agent on
 * this address has a {@link MuxEndpoint} here; each datagram goes to one of them:
 *
 * <ul>
 *   <li>a STUN request, by the recipient ufrag in its USERNAME (RFC 8445 §7.2.2);
 *   <li>a STUN response, by the transaction ID of the request sent through this socket;
 *   <li>a STUN indication or anything else (DTLS, SRTP), by the remote address, which an
 *       endpoint claims when it sends a check there or gets one from there, and for good when it
 *       selects a pair with it.
 * </ul>
 *
 * <p>A {@link DatagramSocket}, not a {@code DatagramChannel}: a channel is closed for everyone
 * when a thread sending on it is interrupted, and ice4j interrupts its pool threads when it
 * cancels an agent's tasks.
 *
 * <p>Unlike ice4j's {@code SinglePortUdpHarvester}, which only learns remote addresses from
 * incoming checks (so two of its agents can never reach each other), an endpoint may start
 * checks itself. DTLS and SRTP carry no ufrag, so a remote address (IP and port) that talks to two
 * agents on this socket carries data for only the last one that selected it: two transports
 * connecting to each other over one mux, or two pairs of transports between the same two muxes.
 * Browsers use a port per peer connection, so this only limits Java↔Java: give one side a mux
 * per peer.
 */
final class MuxSocket {

    private static final Logger logger = LoggerFactory.getLogger(MuxSocket.class);

    /** The largest UDP payload. */
    static final int MAX_DATAGRAM = 65_507;
    /** How long a request may wait for its response: past ice4j's longest STUN transaction. */
    static final long TRANSACTION_LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(45);
    private static final int RECEIVE_BUFFER_BYTES = 1 << 20;

    private record PendingTransaction(StunTransactionOwner owner, long sentNanos) {}

    private final DatagramSocket udp;
    private final InetSocketAddress localAddress;
    private final Thread reader;
    private final Map<String, MuxEndpoint> endpointsByUfrag = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, MuxEndpoint> endpointsByRemote = new ConcurrentHashMap<>();
    private final Map<TransactionId, PendingTransaction> transactions = new ConcurrentHashMap<>();
    private final LongAdder received = new LongAdder();
    private final LongAdder unrouted = new LongAdder();
    private volatile boolean closed;

    private MuxSocket(DatagramSocket udp, InetSocketAddress localAddress) {
        this.udp = udp;
        this.localAddress = localAddress;
        reader = new Thread(this::readLoop, "remotemedia-ice-udp-" + describe(localAddress));
        reader.setDaemon(true);
    }

    /** Binds {@code address} and starts reading. */
    static MuxSocket bind(InetSocketAddress address) throws IOException {
        DatagramSocket udp = new DatagramSocket(null);
        try {
            try {
                udp.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
            } catch (IOException e) {
                logger.debug("cannot set SO_RCVBUF on {}", address, e);
            }
            udp.bind(address);
            MuxSocket socket = new MuxSocket(udp, new InetSocketAddress(address.getAddress(), udp.getLocalPort()));
            socket.reader.start();
            return socket;
        } catch (IOException | RuntimeException e) {
            udp.close();
            throw e;
        }
    }

    InetSocketAddress localAddress() {
        return localAddress;
    }

    boolean isClosed() {
        return closed;
    }

    /** Datagrams read so far. */
    long receivedCount() {
        return received.sum();
    }

    /** Datagrams dropped because no endpoint wanted them. */
    long unroutedCount() {
        return unrouted.sum();
    }

    /** Endpoints registered now. */
    int endpointCount() {
        return endpointsByUfrag.size();
    }

    /**
     * Adds an endpoint for the agent whose local ufrag is {@code ufrag}.
     *
     * @throws IllegalStateException if another endpoint has that ufrag or the socket is closed
     */
    MuxEndpoint register(String ufrag, DatagramHandler dataHandler) {
        requireNonNull(ufrag, "ufrag");
        if (closed) {
            throw new IllegalStateException("the IceUdpMux socket " + describe(localAddress) + " is closed");
        }
        MuxEndpoint endpoint = new MuxEndpoint(this, ufrag, dataHandler);
        if (endpointsByUfrag.putIfAbsent(ufrag, endpoint) != null) {
            throw new IllegalStateException("ufrag " + ufrag + " is already registered on " + describe(localAddress));
        }
        return endpoint;
    }

    /** Forgets everything routed to {@code endpoint}; called once it is closed. */
    void unregister(MuxEndpoint endpoint) {
        endpointsByUfrag.remove(endpoint.ufrag(), endpoint);
        for (InetSocketAddress remote : endpoint.claimedAddresses()) {
            endpointsByRemote.remove(remote, endpoint);
        }
        transactions.values().removeIf(t -> t.owner() == endpoint);
    }

    /**
     * Routes datagrams from {@code remote} to {@code endpoint}. Without {@code force}, an address
     * already routed to a live endpoint stays with it.
     */
    void claim(InetSocketAddress remote, MuxEndpoint endpoint, boolean force) {
        MuxEndpoint owner = endpointsByRemote.compute(
                remote, (k, previous) -> force || previous == null || previous.isClosed() ? endpoint : previous);
        if (owner == endpoint) {
            endpoint.addClaim(remote);
        }
    }

    /** Sends the response to request {@code id} to {@code owner} when it comes. */
    void expectResponse(TransactionId id, StunTransactionOwner owner, long nowNanos) {
        transactions.put(id, new PendingTransaction(owner, nowNanos));
    }

    /** Forgets requests that were never answered. */
    void sweepTransactions(long nowNanos) {
        transactions.values().removeIf(t -> nowNanos - t.sentNanos() > TRANSACTION_LIFETIME_NANOS
                                            || t.owner().isClosed());
    }

    /** Sends one datagram; thread-safe. */
    void send(InetSocketAddress to, byte[] buf, int off, int len) throws IOException {
        udp.send(new DatagramPacket(buf, off, len, to));
    }

    /** Closes the socket and waits (briefly) for the reader to end, so that the port is free. */
    void close() {
        closed = true;
        udp.close();
        if (Thread.currentThread() != reader) {
            try {
                reader.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void readLoop() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!closed) {
            packet.setData(buffer, 0, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (closed || udp.isClosed()) {
                    break;
                }
                logger.warn("reading {}", describe(localAddress), e);
                continue;
            }
            SocketAddress from = packet.getSocketAddress();
            if (!(from instanceof InetSocketAddress)) {
                continue;
            }
            byte[] data = Arrays.copyOfRange(buffer, packet.getOffset(), packet.getOffset() + packet.getLength());
            received.increment();
            try {
                route(data, (InetSocketAddress) from);
            } catch (RuntimeException e) {
                logger.warn("dropped a datagram from {} on {}", from, describe(localAddress), e);
            }
        }
    }

    private void route(byte[] data, InetSocketAddress from) {
        if (StunPacket.isStun(data, 0, data.length)) {
            switch (StunPacket.messageClass(data, 0)) {
                case StunPacket.CLASS_REQUEST -> {
                    String ufrag = StunPacket.recipientUfrag(data, 0, data.length);
                    MuxEndpoint endpoint = ufrag == null ? null : endpointsByUfrag.get(ufrag);
                    if (endpoint == null) {
                        unrouted.increment();
                        return;
                    }
                    claim(from, endpoint, false);
                    endpoint.offerStun(data, from);
                }
                case StunPacket.CLASS_SUCCESS_RESPONSE, StunPacket.CLASS_ERROR_RESPONSE -> {
                    PendingTransaction pending = transactions.remove(StunPacket.transactionId(data, 0));
                    if (pending == null || pending.owner().isClosed()) {
                        unrouted.increment();
                        return;
                    }
                    pending.owner().onStunResponse(data, from);
                }
                default -> {
                    MuxEndpoint endpoint = liveEndpointFor(from);
                    if (endpoint == null) {
                        unrouted.increment();
                        return;
                    }
                    endpoint.offerStun(data, from);
                }
            }
            return;
        }
        MuxEndpoint endpoint = liveEndpointFor(from);
        if (endpoint == null) {
            unrouted.increment();
            return;
        }
        endpoint.onData(data, from);
    }

    private @Nullable MuxEndpoint liveEndpointFor(InetSocketAddress from) {
        MuxEndpoint endpoint = endpointsByRemote.get(from);
        return endpoint == null || endpoint.isClosed() ? null : endpoint;
    }

    static String describe(InetSocketAddress address) {
        return CandidateLine.formatAddress(address.getAddress()) + ':' + address.getPort();
    }

    @Override
    public String toString() {
        return "MuxSocket{" + describe(localAddress) + ", endpoints=" + endpointsByUfrag.size()
               + (closed ? ", closed" : "") + '}';
    }
}
