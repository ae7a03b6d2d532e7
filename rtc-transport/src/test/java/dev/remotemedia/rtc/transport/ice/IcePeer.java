package dev.remotemedia.rtc.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.Nullable;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One side of an ICE test: an {@link IceTransport} with its own single-thread event loop, which
 * records every event and datagram and, once {@link #trickleTo linked}, passes its candidates
 * and end-of-candidates to the other side as signaling would.
 */
final class IcePeer implements AutoCloseable {

    private static final AtomicInteger IDS = new AtomicInteger();

    final ExecutorService loop;
    final IceTransport transport;
    final List<IceEvent> events = new CopyOnWriteArrayList<>();
    final List<IceTransportState> states = new CopyOnWriteArrayList<>();
    final List<String> localCandidates = new CopyOnWriteArrayList<>();
    final BlockingQueue<byte[]> datagrams = new LinkedBlockingQueue<>();
    /** Names of the threads that delivered events and datagrams. */
    final Set<String> eventThreads = ConcurrentHashMap.newKeySet();
    final Set<String> datagramThreads = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<IceTransportState> stateQueue = new LinkedBlockingQueue<>();
    private volatile @Nullable IcePeer remote;
    private volatile boolean gatheringComplete;

    final String loopName = "ice-test-loop-" + IDS.incrementAndGet();

    IcePeer(IceUdpMux mux, IceRole role) {
        this(mux, role, IceTransportPolicy.ALL);
    }

    IcePeer(IceUdpMux mux, IceRole role, IceTransportPolicy policy) {
        String name = loopName;
        loop = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        transport = IceTransport.builder(mux)
                                .role(role)
                                .policy(policy)
                                .eventExecutor(loop)
                                .eventListener(this::onEvent)
                                .datagramHandler((data, off, len) -> {
                                    datagramThreads.add(Thread.currentThread().getName());
                                    byte[] copy = new byte[len];
                                    System.arraycopy(data, off, copy, 0, len);
                                    datagrams.add(copy);
                                })
                                .build();
    }

    /** From now on, candidates and end-of-candidates go to {@code other} on its loop. */
    void trickleTo(IcePeer other) {
        remote = other;
    }

    private void onEvent(IceEvent event) {
        eventThreads.add(Thread.currentThread().getName());
        events.add(event);
        IcePeer r = remote;
        if (event instanceof IceEvent.LocalCandidate c) {
            localCandidates.add(c.candidate());
            if (r != null) {
                r.loop.execute(() -> r.transport.addRemoteCandidate(c.candidate()));
            }
        } else if (event instanceof IceEvent.GatheringComplete) {
            gatheringComplete = true;
            if (r != null) {
                r.loop.execute(r.transport::endOfRemoteCandidates);
            }
        } else if (event instanceof IceEvent.StateChanged s) {
            states.add(s.state());
            stateQueue.add(s.state());
        }
    }

    boolean gatheringComplete() {
        return gatheringComplete;
    }

    /** Waits until end-of-candidates has been delivered. */
    void awaitGatheringComplete(Duration timeout) {
        try {
            IceTransportTest.awaitCondition(() -> gatheringComplete, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs {@code task} on this peer's loop and waits for it. */
    void onLoop(Runnable task) {
        try {
            loop.submit(task).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("task on " + transport + " failed", e);
        }
    }

    /** Tells this side the other side's credentials, on this side's loop. */
    void learnCredentialsOf(IcePeer other) {
        String ufrag = other.transport.localUfrag();
        String pwd = other.transport.localPassword();
        onLoop(() -> transport.setRemoteCredentials(ufrag, pwd));
    }

    /**
     * Waits until the transport has reported {@code state} and returns how long that took;
     * fails if {@code timeout} passes first.
     */
    Duration awaitState(IceTransportState state, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        if (states.contains(state)) {
            return Duration.ZERO;
        }
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                IceTransportState s = left <= 0 ? null : stateQueue.poll(left, TimeUnit.NANOSECONDS);
                if (s == null) {
                    throw new AssertionError(transport + " did not reach " + state + " within " + timeout
                                             + "; states so far: " + states);
                }
                if (s == state) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Connects this peer and {@code other}: trickle both ways, credentials, then gathering. */
    void connectTo(IcePeer other) {
        trickleTo(other);
        other.trickleTo(this);
        learnCredentialsOf(other);
        other.learnCredentialsOf(this);
        onLoop(transport::gather);
        other.onLoop(other.transport::gather);
    }

    /** Waits for the next datagram. */
    byte[] awaitDatagram(Duration timeout) throws InterruptedException {
        byte[] d = datagrams.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        assertThat(d).as("a datagram within %s on %s", timeout, transport).isNotNull();
        return d;
    }

    @Override
    public void close() {
        transport.close();
        loop.shutdown();
    }
}
