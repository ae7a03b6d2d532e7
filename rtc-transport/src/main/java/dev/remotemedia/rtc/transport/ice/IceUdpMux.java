package dev.remotemedia.rtc.transport.ice;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP sockets every {@link IceTransport} of a process shares: one per configured host address,
 * all on {@link IceConfig#udpPort()}, as Jitsi Videobridge serves every peer on one port. A
 * thousand peers mean a thousand routing entries here, not a thousand sockets.
 *
 * <p>TURN (RFC 8656) cannot share that port: an allocation belongs to the client's address and
 * port, so each transport allocates from a private ephemeral socket per TURN server, opened when
 * it gathers and closed with it. One more thread ({@code remotemedia-ice-turn-<port>}) reads all
 * of those sockets; it starts with the first allocation.
 *
 * <p><b>Threads.</b> One reader thread per socket ({@code remotemedia-ice-udp-<address>:<port>}),
 * which routes each datagram to its transport and runs the {@link DatagramHandler}s; one timer
 * thread ({@code remotemedia-ice-timer-<port>}) for ICE timeouts, consent deadlines and STUN and
 * TURN retransmissions. Each transport adds one ice4j thread per socket while it is open (ice4j's STUN
 * stack reads its endpoint with a {@code Connector} thread), and ice4j keeps small shared pools
 * ({@code ice4j.Agent-*}, {@code ice4j.NetAccessManager-*}, {@code ice4j.StunClientTransaction-*}
 * …) that it sizes by the number of cores.
 *
 * <p>DTLS and SRTP are routed by remote address, so one remote IP and port can carry data for
 * only one transport of a mux: fine for browsers (a port per peer connection), but two transports
 * of one mux cannot connect to each other, and two Java processes with a mux each can run only
 * one connection between them at a time. Give one side a mux per peer for that.
 *
 * <p>{@link #close()} closes every transport still open, then the sockets (the port is free when
 * it returns) and the threads. Thread-safe.
 */
public final class IceUdpMux implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(IceUdpMux.class);
    private static final long SWEEP_PERIOD_SECONDS = 15;

    private final IceConfig config;
    private final Duration consentInterval;
    private final List<MuxSocket> sockets;
    private final ScheduledThreadPoolExecutor timer;
    private final List<InetSocketAddress> stunServers;
    private final List<TurnServer> turnServers;
    /** Made when the first transport allocates on a TURN server. */
    private @Nullable TurnSocketReader turnReader;
    private final Set<IceTransport> transports = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, MappedAddressQuery> queries = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private IceUdpMux(IceConfig config, Duration consentInterval, List<MuxSocket> sockets,
                      List<InetSocketAddress> stunServers, List<TurnServer> turnServers) {
        this.config = config;
        this.consentInterval = consentInterval;
        this.sockets = List.copyOf(sockets);
        this.stunServers = List.copyOf(stunServers);
        this.turnServers = List.copyOf(turnServers);
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "remotemedia-ice-timer-" + sockets.get(0).localAddress().getPort());
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            for (MuxSocket s : this.sockets) {
                s.sweepTransactions(now);
            }
        }, SWEEP_PERIOD_SECONDS, SWEEP_PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Binds a socket on every {@link IceConfig#hostAddresses()} address and starts asking the STUN
     * servers for the server-reflexive addresses (resolving their names here, on the caller's
     * thread; a name that does not resolve is logged and skipped, so an offline host still
     * works). Sets ice4j's configuration first (see {@link #consentInterval()}).
     *
     * @throws RemoteMediaException {@link ErrorCode#INTERNAL} when an address cannot be bound,
     *     saying which one and why (the port is in use, the address is not this host's, …)
     */
    public static IceUdpMux open(IceConfig config) {
        requireNonNull(config, "config");
        Duration consentInterval = Ice4jSettings.apply(config.consentInterval());
        List<MuxSocket> sockets = new ArrayList<>();
        for (InetAddress address : config.hostAddresses()) {
            InetSocketAddress bindAddress = new InetSocketAddress(address, config.udpPort());
            try {
                sockets.add(MuxSocket.bind(bindAddress));
            } catch (IOException e) {
                sockets.forEach(MuxSocket::close);
                throw new RemoteMediaException(
                        ErrorCode.INTERNAL,
                        "udpPort: cannot bind UDP " + MuxSocket.describe(bindAddress) + ": " + e.getMessage()
                        + " (expected: a free port on an address of this host)", e);
            }
        }
        List<InetSocketAddress> stunServers = new ArrayList<>();
        List<TurnServer> turnServers = new ArrayList<>();
        for (IceServer server : config.iceServers()) {
            for (String url : server.urls()) {
                IceServerUrl parsed = IceServerUrl.parse(url); // checked by IceConfig
                boolean turn = parsed.scheme() == IceServerUrl.Scheme.TURN;
                try {
                    InetAddress[] addresses = InetAddress.getAllByName(parsed.host());
                    if (turn) {
                        // One allocation per server and transport: the first address is enough.
                        turnServers.add(new TurnServer(url, new InetSocketAddress(addresses[0], parsed.port()),
                                                       requireNonNull(server.username(), "checked by IceConfig"),
                                                       requireNonNull(server.credential(), "checked by IceConfig")));
                    } else {
                        for (InetAddress a : addresses) {
                            stunServers.add(new InetSocketAddress(a, parsed.port()));
                        }
                    }
                } catch (UnknownHostException e) {
                    logger.warn("{} server {} does not resolve: no {} candidates from it", turn ? "TURN" : "STUN",
                                url, turn ? "relayed" : "server-reflexive");
                }
            }
        }
        IceUdpMux mux = new IceUdpMux(config, consentInterval, sockets, stunServers, turnServers);
        mux.reflexiveQueries(); // starts them, so that the first gather need not wait long
        logger.debug("opened {}", mux);
        return mux;
    }

    public IceConfig config() {
        return config;
    }

    /** The bound addresses, with the actual port when {@link IceConfig#udpPort()} is 0. */
    public List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> out = new ArrayList<>(sockets.size());
        for (MuxSocket s : sockets) {
            out.add(s.localAddress());
        }
        return out;
    }

    /**
     * The consent interval ice4j uses. ice4j reads it once per JVM, so it is the
     * {@link IceConfig#consentInterval()} of the first mux opened in this JVM (or
     * {@code -Dice4j.consent-freshness.interval}); a later mux asking for another one logs a
     * warning and gets this.
     */
    public Duration consentInterval() {
        return consentInterval;
    }

    /** How many transports are open on this mux. */
    public int transportCount() {
        return transports.size();
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Closes every open transport, then the sockets and the timer. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (IceTransport t : List.copyOf(transports)) {
            t.close();
        }
        for (MuxSocket s : sockets) {
            s.close();
        }
        TurnSocketReader reader;
        synchronized (this) {
            reader = turnReader;
        }
        if (reader != null) {
            reader.close();
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<MuxSocket> sockets() {
        return sockets;
    }

    /** The TURN servers every transport allocates on. */
    List<TurnServer> turnServers() {
        return turnServers;
    }

    /**
     * The reader of every transport's TURN sockets, started on first use.
     *
     * @throws IOException when the selector cannot be opened or the mux is closed
     */
    synchronized TurnSocketReader turnReader() throws IOException {
        if (closed.get()) {
            throw new IOException("the IceUdpMux is closed");
        }
        if (turnReader == null) {
            turnReader = new TurnSocketReader("remotemedia-ice-turn-" + sockets.get(0).localAddress().getPort());
        }
        return turnReader;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    void register(IceTransport transport) {
        if (closed.get()) {
            throw new IllegalStateException("the IceUdpMux is closed");
        }
        transports.add(transport);
    }

    void unregister(IceTransport transport) {
        transports.remove(transport);
    }

    /**
     * Returns one query per socket and STUN server of the same address family, starting any that
     * has not run or found nothing before. Empty without STUN servers.
     */
    List<MappedAddressQuery> reflexiveQueries() {
        List<MappedAddressQuery> out = new ArrayList<>();
        if (closed.get()) {
            return out;
        }
        for (MuxSocket socket : sockets) {
            boolean v4 = socket.localAddress().getAddress() instanceof Inet4Address;
            for (InetSocketAddress server : stunServers) {
                if ((server.getAddress() instanceof Inet4Address) != v4) {
                    continue;
                }
                String key = MuxSocket.describe(socket.localAddress()) + '>' + MuxSocket.describe(server);
                MappedAddressQuery query = queries.compute(key, (k, previous) -> {
                    boolean failed = previous != null && previous.result().isDone()
                                     && previous.result().getNow(null) == null;
                    return previous == null || failed
                           ? new MappedAddressQuery(socket, server, timer).start(config.gatheringTimeout())
                           : previous;
                });
                out.add(query);
            }
        }
        return out;
    }

    /** Completes when every query has an answer or has timed out. */
    static CompletableFuture<Void> allDone(List<MappedAddressQuery> queries) {
        return CompletableFuture.allOf(queries.stream().map(MappedAddressQuery::result)
                                              .toArray(CompletableFuture[]::new));
    }

    @Override
    public String toString() {
        return "IceUdpMux{" + localAddresses() + ", transports=" + transports.size()
               + (closed.get() ? ", closed" : "") + '}';
    }
}
