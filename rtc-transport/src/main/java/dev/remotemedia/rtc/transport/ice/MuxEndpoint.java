package dev.remotemedia.rtc.transport.ice;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.transport.ice.StunPacket.TransactionId;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.SocketClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ICE agent's view of a {@link MuxSocket}: what ice4j sees as the host candidate's socket.
 *
 * <p>ice4j's STUN stack reads it with a thread of its own (a {@code Connector}, blocked in
 * {@link #takeStun}) and gets only the STUN messages routed to this agent; it sends through it to
 * any remote address. Every other datagram routed here goes straight to the transport's
 * {@link DatagramHandler} on the socket's reader thread. Closing the endpoint ends that ice4j
 * thread and removes every route to it.
 */
final class MuxEndpoint implements StunTransactionOwner, CandidateSocket, Ice4jSocket.Owner {

    private static final Logger logger = LoggerFactory.getLogger(MuxEndpoint.class);

    /** STUN messages waiting for ice4j; more than this and the newest are dropped. */
    static final int STUN_QUEUE_CAPACITY = 256;

    private record Datagram(byte[] data, InetSocketAddress from) {}

    /** Wakes ice4j's reader when the endpoint closes. */
    private static final Datagram CLOSED = new Datagram(new byte[0], new InetSocketAddress(0));

    private final MuxSocket socket;
    private final String ufrag;
    /** Dropped on close: ice4j may keep a freed agent, and through it this endpoint, for seconds. */
    private volatile DatagramHandler dataHandler;
    private final BlockingQueue<Datagram> stunQueue = new ArrayBlockingQueue<>(STUN_QUEUE_CAPACITY);
    private final Set<InetSocketAddress> claims = ConcurrentHashMap.newKeySet();
    private final Ice4jSocket datagramSocket = new Ice4jSocket(this);
    private final IceUdpSocketWrapper wrapper = new IceUdpSocketWrapper(datagramSocket);
    private final LongAdder dropped = new LongAdder();
    private volatile boolean closed;
    private volatile @Nullable Runnable firstAnswerListener;

    MuxEndpoint(MuxSocket socket, String ufrag, DatagramHandler dataHandler) {
        this.socket = socket;
        this.ufrag = ufrag;
        this.dataHandler = dataHandler;
    }

    String ufrag() {
        return ufrag;
    }

    MuxSocket socket() {
        return socket;
    }

    /** The socket ice4j uses for the host candidate and its STUN stack. */
    IceUdpSocketWrapper wrapper() {
        return wrapper;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Datagrams dropped: STUN queue full, or a first byte RFC 7983 gives to nobody we serve. */
    long droppedCount() {
        return dropped.sum();
    }

    List<InetSocketAddress> claimedAddresses() {
        return List.copyOf(claims);
    }

    void addClaim(InetSocketAddress remote) {
        claims.add(remote);
    }

    /** Routes datagrams from {@code remote} here for good: it is the selected pair's. */
    @Override
    public void select(InetSocketAddress remote) {
        socket.claim(remote, this, true);
    }

    /** Sends on the shared socket; thread-safe. */
    @Override
    public void send(InetSocketAddress to, byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new SocketClosedException();
        }
        socket.send(to, buf, off, len);
    }

    /**
     * Runs {@code listener} once, on the ice4j thread that sends it, when the agent first answers
     * a check on this endpoint: ice4j has then taken in the check and its (peer-reflexive) pair.
     */
    void onFirstCheckAnswered(Runnable listener) {
        firstAnswerListener = listener;
    }

    /** Takes a STUN message for ice4j; reader thread. */
    void offerStun(byte[] data, InetSocketAddress from) {
        if (closed || !stunQueue.offer(new Datagram(data, from))) {
            dropped.increment();
        }
    }

    @Override
    public void onStunResponse(byte[] data, InetSocketAddress from) {
        offerStun(data, from);
    }

    /** Passes DTLS and SRTP to the transport; reader thread. */
    void onData(byte[] data, InetSocketAddress from) {
        Rfc7983.Kind kind = Rfc7983.classify(data, 0, data.length);
        if (closed || (kind != Rfc7983.Kind.DTLS && kind != Rfc7983.Kind.RTP_RTCP)) {
            dropped.increment();
            return;
        }
        try {
            dataHandler.onDatagram(data, 0, data.length);
        } catch (RuntimeException e) {
            logger.warn("the datagram handler of ufrag {} threw on a datagram from {}", ufrag, from, e);
        }
    }

    /** Closes the endpoint: ice4j's reader ends and nothing more is routed here. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        dataHandler = DatagramHandler.discarding();
        firstAnswerListener = null;
        stunQueue.clear();
        stunQueue.offer(CLOSED);
        socket.unregister(this);
    }

    /** Blocks until a STUN message comes, for ice4j's {@code Connector}. */
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
            stunQueue.offer(CLOSED); // for any other reader
            throw new SocketClosedException();
        }
        int n = Math.min(d.data().length, p.getData().length - p.getOffset());
        System.arraycopy(d.data(), 0, p.getData(), p.getOffset(), n);
        p.setLength(n);
        p.setSocketAddress(d.from());
    }

    /** A packet from ice4j: a check, a response or an indication. */
    @Override
    public void sendFromIce4j(DatagramPacket p) throws IOException {
        SocketAddress target = p.getSocketAddress();
        if (!(target instanceof InetSocketAddress)) {
            throw new SocketException("no target address for a datagram on " + this);
        }
        InetSocketAddress to = new InetSocketAddress(((InetSocketAddress) target).getAddress(),
                                                     ((InetSocketAddress) target).getPort());
        byte[] buf = p.getData();
        int off = p.getOffset();
        int len = p.getLength();
        int stunClass = StunPacket.isStun(buf, off, len) ? StunPacket.messageClass(buf, off) : -1;
        if (stunClass == StunPacket.CLASS_REQUEST) {
            TransactionId id = StunPacket.transactionId(buf, off);
            socket.expectResponse(id, this, System.nanoTime());
            socket.claim(to, this, false);
        }
        send(to, buf, off, len);
        Runnable listener = firstAnswerListener;
        if (stunClass == StunPacket.CLASS_SUCCESS_RESPONSE && listener != null) {
            firstAnswerListener = null;
            listener.run();
        }
    }

    @Override
    public InetSocketAddress localSocketAddress() {
        return socket.localAddress();
    }

    @Override
    public String toString() {
        return "MuxEndpoint{ufrag=" + ufrag + ", " + MuxSocket.describe(socket.localAddress())
               + (closed ? ", closed" : "") + '}';
    }
}
