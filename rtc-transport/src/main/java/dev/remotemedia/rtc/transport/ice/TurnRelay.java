package dev.remotemedia.rtc.transport.ice;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.TimeSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.SocketClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transport's allocation on one TURN server: a {@link TurnClient} driven on a private UDP
 * socket (read by the mux's {@link TurnSocketReader}, timed by the mux timer), and what ice4j sees
 * as the relayed candidate's socket, like {@link MuxEndpoint} for host candidates: ice4j's STUN
 * stack reads only the STUN messages peers relay to us and sends its checks through the relay;
 * every other relayed datagram (DTLS, SRTP) goes to the transport's {@link DatagramHandler} on the
 * reader thread.
 *
 * <p>The client runs under this relay's lock; datagrams are sent and events delivered after it is
 * released. Closing deallocates, closes the socket and ends ice4j's reader of it.
 */
final class TurnRelay implements CandidateSocket, Ice4jSocket.Owner {

    private static final Logger logger = LoggerFactory.getLogger(TurnRelay.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Datagram(byte[] data, InetSocketAddress from) {}

    private static final Datagram CLOSED = new Datagram(new byte[0], new InetSocketAddress(0));

    private final TurnServer server;
    private final TurnSocketReader reader;
    private final ScheduledExecutorService timer;
    private final TimeSource clock;
    private final CompletableFuture<TurnEvent> allocation = new CompletableFuture<>();
    private final BlockingQueue<Datagram> stunQueue = new ArrayBlockingQueue<>(MuxEndpoint.STUN_QUEUE_CAPACITY);
    private final Ice4jSocket datagramSocket = new Ice4jSocket(this);
    private final IceUdpSocketWrapper wrapper = new IceUdpSocketWrapper(datagramSocket);
    private volatile DatagramHandler dataHandler;
    private volatile @Nullable DatagramChannel channel;
    private volatile @Nullable InetSocketAddress relayed;
    private volatile boolean closed;
    private final AtomicBoolean closing = new AtomicBoolean();

    private final Object lock = new Object();
    // Guarded by lock.
    private final TurnClient client;
    private @Nullable ScheduledFuture<?> timerTask;
    private long timerDeadlineNanos = Long.MAX_VALUE;

    private TurnRelay(TurnServer server, TurnSocketReader reader, ScheduledExecutorService timer,
                      Duration allocateTimeout, DatagramHandler dataHandler, TimeSource clock) {
        this.server = server;
        this.clock = clock;
        this.reader = reader;
        this.timer = timer;
        this.dataHandler = dataHandler;
        client = new TurnClient(server.address(), server.url(), server.username(), server.credential(),
                                allocateTimeout.toNanos(), RANDOM);
    }

    /**
     * Opens a private socket (the wildcard address of the server's family, an ephemeral port: the
     * system picks the interface that reaches the server) and sends the Allocate. The result
     * completes with {@link TurnEvent.Allocated} or {@link TurnEvent.Failed} within
     * {@code allocateTimeout}.
     */
    static TurnRelay start(TurnServer server, TurnSocketReader reader, ScheduledExecutorService timer,
                           Duration allocateTimeout, DatagramHandler dataHandler, TimeSource clock) {
        TurnRelay relay = new TurnRelay(server, reader, timer, allocateTimeout, dataHandler, clock);
        InetAddress any;
        try {
            any = InetAddress.getByAddress(new byte[server.address().getAddress() instanceof Inet4Address ? 4 : 16]);
            relay.channel = reader.open(new InetSocketAddress(any, 0), relay::onDatagram);
        } catch (IOException e) {
            relay.allocation.complete(new TurnEvent.Failed(TurnClient.UNREACHABLE, server.url()
                    + ": cannot open a UDP socket for it: " + e.getMessage()));
            relay.closed = true;
            return relay;
        }
        relay.drive(c -> c.start(relay.clock.nowNanos()));
        return relay;
    }

    TurnServer server() {
        return server;
    }

    /** Completes with {@link TurnEvent.Allocated} or {@link TurnEvent.Failed}. */
    CompletableFuture<TurnEvent> allocation() {
        return allocation;
    }

    /** The relayed address, or {@code null} before the allocation. */
    @Nullable InetSocketAddress relayedAddress() {
        return relayed;
    }

    /** The socket ice4j uses for the relayed candidate and its STUN stack. */
    IceUdpSocketWrapper wrapper() {
        return wrapper;
    }

    /** The private socket's local address, or {@code null} when it is closed or never opened. */
    @Nullable InetSocketAddress localAddress() {
        DatagramChannel ch = channel;
        try {
            return ch == null || !ch.isOpen() ? null : (InetSocketAddress) ch.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** For ice4j, the candidate's address is the relayed one. */
    @Override
    public @Nullable InetSocketAddress localSocketAddress() {
        return relayed;
    }

    /**
     * Installs a permission for a remote candidate's IP (RFC 8656 §9), so its checks reach us.
     * An address of the other family is skipped: the relayed address cannot reach it.
     */
    void permit(InetAddress peer) {
        if (!closed && (peer instanceof Inet4Address) == (server.address().getAddress() instanceof Inet4Address)) {
            drive(c -> c.permit(peer, clock.nowNanos()));
        }
    }

    /** Relays a datagram to {@code to}; thread-safe. */
    @Override
    public void send(InetSocketAddress to, byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new SocketClosedException();
        }
        boolean[] accepted = new boolean[1];
        drive(c -> accepted[0] = c.send(to, buf, off, len, clock.nowNanos()));
        if (!accepted[0]) {
            throw new IOException("TURN relay " + server.url() + " cannot send to " + to + " now");
        }
    }

    @Override
    public void select(InetSocketAddress remote) {
        // Nothing to route: everything this socket reads is ours.
    }

    /** Deallocates, closes the socket and ends ice4j's reader. Idempotent; thread-safe. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        drive(c -> c.close(clock.nowNanos())); // sends the deallocating Refresh
        closed = true;
        dataHandler = DatagramHandler.discarding();
        allocation.complete(new TurnEvent.Failed(TurnClient.UNREACHABLE, server.url() + ": closed"));
        synchronized (lock) {
            if (timerTask != null) {
                timerTask.cancel(false);
                timerTask = null;
            }
        }
        DatagramChannel ch = channel;
        if (ch != null) {
            reader.close(ch);
        }
        stunQueue.clear();
        stunQueue.offer(CLOSED);
    }

    private interface Step {
        void apply(TurnClient client);
    }

    /**
     * Runs {@code step} on the client under the lock, collects what it wants sent and reported,
     * re-arms the timer, then sends and reports outside the lock.
     */
    private void drive(Step step) {
        List<byte[]> out = new ArrayList<>();
        List<TurnEvent> events = new ArrayList<>();
        synchronized (lock) {
            step.apply(client);
            for (byte[] b; (b = client.pollTransmit()) != null; ) {
                out.add(b);
            }
            for (TurnEvent e; (e = client.pollEvent()) != null; ) {
                events.add(e);
            }
            rescheduleTimer();
        }
        DatagramChannel ch = channel;
        for (byte[] b : out) {
            try {
                if (ch != null) {
                    ch.send(ByteBuffer.wrap(b), server.address());
                }
            } catch (IOException e) {
                logger.debug("sending to TURN server {} failed", server.url(), e);
            }
        }
        for (TurnEvent e : events) {
            onEvent(e);
        }
    }

    private void onEvent(TurnEvent event) {
        if (event instanceof TurnEvent.Data d) {
            onRelayed(d.data(), d.peer());
        } else if (event instanceof TurnEvent.Allocated a) {
            relayed = a.relayed();
            logger.debug("TURN server {} allocated {} (lifetime {} s)", server.url(), a.relayed(), a.lifetimeSeconds());
            allocation.complete(a);
        } else if (event instanceof TurnEvent.Failed f) {
            if (!allocation.complete(f)) {
                logger.warn("TURN allocation on {} lost: {}", server.url(), f.reason());
            } else {
                logger.info("TURN allocation on {} failed: {}", server.url(), f.reason());
            }
        }
    }

    /** A datagram from the private socket; on the reader thread. */
    private void onDatagram(byte[] data, InetSocketAddress from) {
        if (closed || !from.equals(server.address())) {
            return; // only the server talks to this socket
        }
        drive(c -> c.handleInput(data, 0, data.length, clock.nowNanos()));
    }

    /** A datagram a peer sent through the relay: STUN for ice4j, DTLS and SRTP for the transport. */
    private void onRelayed(byte[] data, InetSocketAddress peer) {
        if (closed) {
            return;
        }
        if (StunPacket.isStun(data, 0, data.length)) {
            stunQueue.offer(new Datagram(data, peer)); // dropped when ice4j is that far behind
            return;
        }
        Rfc7983.Kind kind = Rfc7983.classify(data, 0, data.length);
        if (kind != Rfc7983.Kind.DTLS && kind != Rfc7983.Kind.RTP_RTCP) {
            return;
        }
        try {
            dataHandler.onDatagram(data, 0, data.length);
        } catch (RuntimeException e) {
            logger.warn("the datagram handler threw on a datagram relayed from {}", peer, e);
        }
    }

    /** Called with the lock held. */
    private void rescheduleTimer() {
        long deadline = client.nextDeadlineNanos();
        if (closed || deadline == Long.MAX_VALUE) {
            return;
        }
        if (timerTask != null && timerDeadlineNanos <= deadline) {
            return;
        }
        if (timerTask != null) {
            timerTask.cancel(false);
        }
        try {
            timerTask = timer.schedule(this::onTimer, Math.max(0, deadline - clock.nowNanos()), TimeUnit.NANOSECONDS);
            timerDeadlineNanos = deadline;
        } catch (RejectedExecutionException e) {
            logger.debug("mux timer stopped; no TURN timers for {}", server.url());
        }
    }

    private void onTimer() {
        synchronized (lock) {
            timerTask = null;
            timerDeadlineNanos = Long.MAX_VALUE;
        }
        if (!closed) {
            drive(c -> c.advanceTime(clock.nowNanos()));
        }
    }

    @Override
    public String toString() {
        String counts;
        synchronized (lock) {
            counts = ", dropped " + client.malformedCount() + " malformed and " + client.unexpectedCount()
                     + " unexpected";
        }
        return "TurnRelay{" + server.url() + (relayed != null ? ", relayed=" + relayed : "") + counts
               + (closed ? ", closed" : "") + '}';
    }

    /** Blocks until a relayed STUN message comes, for ice4j's {@code Connector}. */
    @Override
    public void takeStun(DatagramPacket p) throws IOException {
        Datagram d;
        try {
            d = closed ? CLOSED : stunQueue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for STUN on " + this);
        }
        if (d == CLOSED) {
            stunQueue.offer(CLOSED);
            throw new SocketClosedException();
        }
        int n = Math.min(d.data().length, p.getData().length - p.getOffset());
        System.arraycopy(d.data(), 0, p.getData(), p.getOffset(), n);
        p.setLength(n);
        p.setSocketAddress(d.from());
    }

    @Override
    public void sendFromIce4j(DatagramPacket p) throws IOException {
        SocketAddress target = p.getSocketAddress();
        if (!(target instanceof InetSocketAddress t)) {
            throw new SocketException("no target address for a datagram on " + this);
        }
        send(new InetSocketAddress(t.getAddress(), t.getPort()), p.getData(), p.getOffset(), p.getLength());
    }
}
