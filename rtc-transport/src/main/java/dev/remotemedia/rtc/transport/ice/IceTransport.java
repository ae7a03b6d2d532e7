package dev.remotemedia.rtc.transport.ice;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.TimeSource;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ICE transport of one peer connection (W3C's
 * <a href="https://www.w3.org/TR/webrtc/#rtcicetransport-interface">RTCIceTransport</a>, one
 * component: RTP and RTCP are muxed and every m-line is bundled), on an ice4j {@code Agent} whose
 * host candidates live on the shared {@link IceUdpMux} sockets and whose relayed candidates (one
 * per TURN server of the mux, RFC 8656) on private sockets of this transport. The
 * {@link IceTransportPolicy} chooses between all of them and the relayed ones only.
 *
 * <pre>{@code
 * IceTransport ice = IceTransport.builder(mux)
 *         .role(IceRole.CONTROLLING)                 // the offerer
 *         .eventExecutor(loop)                       // the connection's event loop
 *         .eventListener(event -> ...)               // candidates, end-of-candidates, states
 *         .datagramHandler((buf, off, len) -> loop.execute(() -> dtls.handleDatagram(buf, off, len)))
 *         .build();
 * offer.ufrag(ice.localUfrag()).pwd(ice.localPassword());
 * ice.gather();                                      // trickles LocalCandidate events
 * ice.setRemoteCredentials(answer.ufrag(), answer.pwd());
 * ice.addRemoteCandidate("candidate:1 1 udp 2130706431 192.0.2.7 50000 typ host");
 * ice.endOfRemoteCandidates();
 * ice.send(record, 0, record.length);                // once CONNECTED
 * }</pre>
 *
 * <p>Checks start once {@link #gather()} has run and the remote credentials are known, as soon
 * as there is something to check: a remote candidate, end-of-candidates, or a check from the
 * remote side that ice4j answered (a peer-reflexive candidate); at most one pacing interval later
 * without (see {@link IceCheckStart}). The {@link IceConfig#iceTimeout()} runs from then. The transport is
 * {@code CONNECTED} on its first valid pair and sends on it until ice4j selects (nominates) one.
 *
 * <p><b>Threads.</b> Call {@link #gather()}, {@link #setRemoteCredentials},
 * {@link #addRemoteCandidate} and {@link #endOfRemoteCandidates()} from one thread at a time, the
 * connection's event loop; {@link #send}, {@link #close()} and the getters from any thread.
 * {@link IceEvent}s reach the listener on the event executor, one at a time, in order, never
 * while ice4j's locks or this transport's are held; the executor must run tasks later, not
 * inline in {@code execute}. Datagrams reach the {@link DatagramHandler} on the mux's reader
 * thread (see there) and may come before the {@code CONNECTED} event has run.
 */
public final class IceTransport implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(IceTransport.class);
    private static final String STREAM_NAME = "stream";
    /**
     * Ta, the pacing of connectivity checks: the lowest RFC 8445 §14.2 allows (ice4j's default is
     * 20 ms). Each triggered check and the nomination wait for a pacing slot, which is why the
     * transport connects on the first valid pair instead of waiting for the nomination.
     */
    static final long PACING_MILLIS = 5;

    /** Where datagrams to the peer go: the selected pair's local socket and remote address. */
    private record Path(CandidateSocket socket, InetSocketAddress remote, IceCandidatePair pair) {}

    private final IceUdpMux mux;
    private final IceRole role;
    private final IceTransportPolicy policy;
    private final TurnRelays turnRelays;
    private final TimeSource clock;
    private final SerialDispatcher<IceEvent> events;
    private final MuxHarvester harvester;
    private final Agent agent;
    private final IceMediaStream stream;
    private final PropertyChangeListener agentListener = this::onAgentStateChange;
    private final PropertyChangeListener pairListener = this::onPairChange;
    private final AtomicBoolean agentFreed = new AtomicBoolean();

    /**
     * Held while remote candidates are added and while checks start, which may now happen on the
     * mux timer thread (see {@link #maybeStartChecks}): a candidate added as checks start would be
     * in neither ice4j's initial check list nor an update of it. Taken before {@link #lock}.
     */
    private final Object startLock = new Object();
    private final Object lock = new Object();
    // Guarded by lock.
    private final IceStateMachine machine;
    private IceGatheringState gatheringState = IceGatheringState.NEW;
    private final List<CandidateLine> pendingRemoteCandidates = new ArrayList<>();
    private @Nullable String remoteUfrag;
    private @Nullable String remotePassword;
    private final IceCheckStart checkStart = new IceCheckStart();
    private boolean closed;
    private @Nullable ScheduledFuture<?> timer;
    private long timerDeadlineNanos = Long.MAX_VALUE;
    // Read without the lock.
    private volatile @Nullable Component component;
    private volatile @Nullable Path path;
    private volatile IceTransportState state = IceTransportState.NEW;

    IceTransport(IceUdpMux mux, IceRole role, IceTransportPolicy policy, Executor eventExecutor,
                 Consumer<? super IceEvent> eventListener, DatagramHandler datagramHandler, TimeSource clock) {
        this.mux = mux;
        this.clock = clock;
        this.role = role;
        this.policy = policy;
        turnRelays = new TurnRelays(mux, datagramHandler, clock);
        events = new SerialDispatcher<>(eventExecutor, eventListener);
        harvester = new MuxHarvester(policy == IceTransportPolicy.RELAY ? List.of() : mux.sockets(), datagramHandler,
                                     this::onRemoteCheckAnswered);
        long consentNanos = mux.consentInterval().toNanos();
        // Two missed checks make "disconnected"; failing takes the configured timeout, but never
        // less than three intervals, in case ice4j checks less often than this config asks.
        machine = new IceStateMachine(mux.config().iceTimeout().toNanos(), 2 * consentNanos,
                                      Math.max(mux.config().consentTimeout().toNanos(), 3 * consentNanos));
        agent = new FreeableAgent(); // see there: a plain Agent can stay reachable after free()
        agent.setUseDynamicPorts(false);
        agent.setControlling(role == IceRole.CONTROLLING);
        agent.setPerformConsentFreshness(true);
        agent.setTa(PACING_MILLIS);
        agent.addCandidateHarvester(harvester);
        agent.addStateChangeListener(agentListener);
        stream = agent.createMediaStream(STREAM_NAME);
        stream.addPairChangeListener(pairListener);
        try {
            mux.register(this);
        } catch (IllegalStateException e) {
            agent.free();
            throw e;
        }
    }

    /** Returns a builder for a transport on {@code mux}. */
    public static IceTransportBuilder builder(IceUdpMux mux) {
        return new IceTransportBuilder(requireNonNull(mux, "mux"));
    }

    /** The local ICE username fragment, for {@code a=ice-ufrag} (24 random bits or more). */
    public String localUfrag() {
        return agent.getLocalUfrag();
    }

    /** The local ICE password, for {@code a=ice-pwd} (128 random bits). */
    public String localPassword() {
        return agent.getLocalPassword();
    }

    public IceRole role() {
        return role;
    }

    public IceTransportPolicy policy() {
        return policy;
    }

    public IceTransportState state() {
        return state;
    }

    public IceGatheringState gatheringState() {
        synchronized (lock) {
            return gatheringState;
        }
    }

    /** The remote address of the selected pair, or {@code null} before one is selected. */
    public @Nullable InetSocketAddress selectedRemoteAddress() {
        Path p = path;
        return p == null ? null : p.remote();
    }

    /** The selected pair's candidates, or {@code null} before one is selected (W3C {@code getSelectedCandidatePair()}). */
    public @Nullable IceCandidatePair selectedCandidatePair() {
        Path p = path;
        return p == null ? null : p.pair();
    }

    /**
     * The local addresses of this transport's private TURN sockets that are open now (one per
     * TURN server while gathering and connected; none once closed). For tests and diagnostics.
     */
    public List<InetSocketAddress> turnSocketAddresses() {
        return turnRelays.socketAddresses();
    }

    /**
     * Gathers the local candidates: with the {@link IceTransportPolicy#ALL ALL} policy, a host
     * candidate per mux address, then a server-reflexive one per address a STUN server reports
     * (within {@link IceConfig#gatheringTimeout()}); a relayed candidate per TURN server that
     * allocates (within the same timeout); then end-of-candidates, each as an {@link IceEvent}.
     * With TURN servers, the candidates come once the allocations have answered, so that ice4j
     * pairs the relayed ones too: one round trip to the slowest TURN server, at most the
     * gathering timeout. A server that fails gives an {@link IceEvent.CandidateError}. Does
     * nothing when gathering has already started or the transport is closed.
     */
    public void gather() {
        synchronized (lock) {
            if (closed || gatheringState != IceGatheringState.NEW) {
                return;
            }
            gatheringState = IceGatheringState.GATHERING;
        }
        List<TurnRelay> relays = turnRelays.start();
        if (relays.isEmpty()) {
            gatherCandidates(List.of());
            return;
        }
        List<CandidateLine> early;
        synchronized (lock) {
            early = List.copyOf(pendingRemoteCandidates);
        }
        for (CandidateLine line : early) { // trickled before the relays existed: see addRemoteCandidate
            turnRelays.permit(requireNonNull(line.ipAddress(), "checked by whyUnusable"));
        }
        CompletableFuture.allOf(relays.stream().map(TurnRelay::allocation).toArray(CompletableFuture[]::new))
                         .whenCompleteAsync((ignored, error) -> gatherCandidates(relays), this::runOnTimer);
    }

    /** Harvests (host and) relayed candidates, posts them and starts the STUN queries. */
    private void gatherCandidates(List<TurnRelay> relays) {
        if (isClosed()) {
            return; // close() closed the relays
        }
        List<TurnRelay> allocated = new ArrayList<>();
        for (TurnRelay relay : relays) {
            TurnEvent result = relay.allocation().getNow(null);
            if (result instanceof TurnEvent.Allocated) {
                allocated.add(relay);
            } else {
                if (result instanceof TurnEvent.Failed f && !isClosed()) {
                    events.post(new IceEvent.CandidateError(relay.server().url(), f.errorCode(), f.reason()));
                }
                relay.close();
            }
        }
        if (policy == IceTransportPolicy.RELAY && allocated.isEmpty()) {
            finishGathering(List.of()); // no candidate at all: fails the transport
            return;
        }
        harvester.addRelays(allocated);
        Component c;
        try {
            c = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
        } catch (IOException | RuntimeException e) {
            if (!isClosed()) {
                logger.warn("ICE gathering failed for ufrag {}", localUfrag(), e);
                finishGathering(List.of());
            }
            return;
        }
        synchronized (startLock) {
            List<CandidateLine> pending;
            synchronized (lock) {
                if (closed) {
                    harvester.closeEndpoints(); // close() ran while ice4j was gathering
                    return;
                }
                component = c;
                for (LocalCandidate local : c.getLocalCandidates()) {
                    events.post(new IceEvent.LocalCandidate(Ice4jCandidates.toLine(local).format()));
                }
                pending = List.copyOf(pendingRemoteCandidates);
                pendingRemoteCandidates.clear();
                if (!pending.isEmpty()) {
                    checkStart.remoteCandidateAdded();
                }
            }
            for (CandidateLine line : pending) {
                Ice4jCandidates.addRemote(c, line, false);
            }
        }
        maybeStartChecks();
        List<MappedAddressQuery> queries = policy == IceTransportPolicy.RELAY ? List.of() : mux.reflexiveQueries();
        if (queries.isEmpty()) {
            finishGathering(List.of());
        } else {
            // Off the mux reader thread, which may complete the last query.
            IceUdpMux.allDone(queries).whenCompleteAsync(
                    (ignored, error) -> finishGathering(isClosed() ? List.of()
                                                                   : Ice4jCandidates.addServerReflexive(c, queries)),
                    this::runOnTimer);
        }
    }

    /**
     * Sets the remote side's {@code ice-ufrag} and {@code ice-pwd}; checks start now if
     * {@link #gather()} has run. Setting the same values again does nothing.
     *
     * @throws RemoteMediaException {@link ErrorCode#INVALID_PARAMS} when a value breaks RFC 8839
     *     §5.4, {@link ErrorCode#NOT_AVAILABLE} when they differ from the ones set before (an
     *     ICE restart)
     */
    public void setRemoteCredentials(String ufrag, String password) {
        requireNonNull(ufrag, "ufrag");
        requireNonNull(password, "password");
        if (ufrag.length() < 4 || ufrag.length() > 256 || !CandidateLine.isIceChars(ufrag)) {
            throw new RemoteMediaException(ErrorCode.INVALID_PARAMS, "ice-ufrag: '" + ufrag
                    + "' (expected: 4 to 256 characters of ALPHA, DIGIT, '+' and '/', RFC 8839 §5.4)");
        }
        if (password.length() < 22 || password.length() > 256 || !CandidateLine.isIceChars(password)) {
            throw new RemoteMediaException(ErrorCode.INVALID_PARAMS, "ice-pwd: " + password.length()
                    + " characters (expected: 22 to 256 characters of ALPHA, DIGIT, '+' and '/', RFC 8839 §5.4)");
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (remoteUfrag != null) {
                if (remoteUfrag.equals(ufrag) && password.equals(remotePassword)) {
                    return;
                }
                throw new RemoteMediaException(ErrorCode.NOT_AVAILABLE, "ice-ufrag/ice-pwd changed from "
                        + remoteUfrag + " to " + ufrag + ": ICE restart is not available yet");
            }
        }
        stream.setRemoteUfrag(ufrag);
        stream.setRemotePassword(password);
        synchronized (lock) {
            remoteUfrag = ufrag;
            remotePassword = password;
        }
        maybeStartChecks();
    }

    /**
     * Adds a remote candidate, {@code [a=]candidate:...} as trickled by the remote side.
     *
     * @return whether it is used: {@code false} for candidates this transport cannot reach and
     *     ignores (RTCP component 2, TCP, host names such as mDNS {@code .local} ones, another
     *     ufrag's), or when the transport is closed
     * @throws RemoteMediaException {@link ErrorCode#INVALID_PARAMS} when the line is not a
     *     candidate, saying what is wrong with it
     */
    public boolean addRemoteCandidate(String candidate) {
        requireNonNull(candidate, "candidate");
        CandidateLine.Parsed parsed = CandidateLine.parse(candidate);
        if (parsed instanceof CandidateLine.Invalid invalid) {
            String shown = candidate.length() > 120 ? candidate.substring(0, 120) + "…" : candidate;
            throw new RemoteMediaException(ErrorCode.INVALID_PARAMS,
                                           "candidate: " + invalid.reason() + " in '" + shown + "'");
        }
        CandidateLine line = ((CandidateLine.Ok) parsed).line();
        String ufrag;
        synchronized (lock) {
            ufrag = remoteUfrag;
        }
        String unusable = Ice4jCandidates.whyUnusable(line, ufrag);
        if (unusable != null) {
            logger.debug("ignoring remote candidate '{}': {}", candidate, unusable);
            return false;
        }
        Component c;
        boolean started;
        // RFC 8656 §9: the remote side's checks reach our relayed address only with a permission.
        turnRelays.permit(requireNonNull(line.ipAddress(), "checked by whyUnusable"));
        synchronized (startLock) {
            synchronized (lock) {
                if (closed) {
                    return false;
                }
                c = component;
                if (c == null) {
                    pendingRemoteCandidates.add(line);
                    return true;
                }
                started = checkStart.started();
            }
            Ice4jCandidates.addRemote(c, line, started);
        }
        if (!started) {
            synchronized (lock) {
                checkStart.remoteCandidateAdded();
            }
            maybeStartChecks();
        }
        return true;
    }

    /**
     * The remote side has sent all its candidates ({@code a=end-of-candidates}, RFC 8838 §4.5):
     * the transport may go {@code COMPLETED} once its checks finish.
     */
    public void endOfRemoteCandidates() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            checkStart.remoteEndOfCandidates();
            apply(machine.onRemoteEndOfCandidates());
        }
        maybeStartChecks();
    }

    /**
     * Sends one datagram to the peer over the selected pair; thread-safe and never blocks for
     * long (a UDP send).
     *
     * @return {@code false}, sending nothing, when no pair is selected yet, consent has expired or
     *     the transport is closed, or when the socket refused the datagram
     */
    public boolean send(byte[] buf, int off, int len) {
        Path p = path;
        if (p == null || !state.canSend()) {
            return false;
        }
        try {
            p.socket().send(p.remote(), buf, off, len);
            return true;
        } catch (IOException e) {
            logger.debug("send to {} failed", p.remote(), e);
            return false;
        }
    }

    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /**
     * Closes the transport: frees the ice4j agent, its thread and its mux routes, and posts
     * {@link IceTransportState#CLOSED}. Idempotent; thread-safe.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            path = null;
            cancelTimer();
            apply(machine.onClose());
        }
        freeAgent();
        turnRelays.close();
        mux.unregister(this);
    }

    private void freeAgent() {
        if (!agentFreed.compareAndSet(false, true)) {
            return;
        }
        agent.removeStateChangeListener(agentListener);
        stream.removePairStateChangeListener(pairListener);
        try {
            agent.free();
        } catch (RuntimeException e) {
            logger.warn("freeing the ICE agent of ufrag {} failed", localUfrag(), e);
        } finally {
            harvester.closeEndpoints();
        }
    }

    /**
     * ice4j answered the remote side's first check on a host candidate (on an ice4j thread): it
     * knows the check's pair now, so checks started now check it back at once (RFC 8445 §7.3.1.4)
     * without waiting for the remote candidates to trickle in through signaling.
     */
    private void onRemoteCheckAnswered() {
        boolean start;
        synchronized (lock) {
            start = !closed && !checkStart.started();
            checkStart.remoteCheckAnswered();
        }
        if (start) {
            runOnTimer(this::maybeStartChecks); // not on ice4j's thread, which is answering the check
        }
    }

    /** Starts the checks when {@link IceCheckStart} says so. */
    private void maybeStartChecks() {
        synchronized (startLock) {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                if (component != null && remoteUfrag != null) {
                    checkStart.prerequisitesMet();
                }
                switch (checkStart.decide()) {
                    case WAIT -> {
                        return;
                    }
                    case ARM_TIMER -> {
                        runOnTimerAfter(PACING_MILLIS, () -> {
                            synchronized (lock) {
                                checkStart.pacingIntervalElapsed();
                            }
                            maybeStartChecks();
                        });
                        return;
                    }
                    case START -> {
                        apply(machine.onChecksStarted(clock.nowNanos()));
                        rescheduleTimer();
                    }
                }
            }
            agent.startConnectivityEstablishment();
        }
    }

    private void finishGathering(List<LocalCandidate> lastCandidates) {
        boolean failed;
        synchronized (lock) {
            if (closed || gatheringState == IceGatheringState.COMPLETE) {
                return;
            }
            for (LocalCandidate local : lastCandidates) {
                events.post(new IceEvent.LocalCandidate(Ice4jCandidates.toLine(local).format()));
            }
            gatheringState = IceGatheringState.COMPLETE;
            events.post(new IceEvent.GatheringComplete());
            Component c = component;
            // No local candidate (relay-only, and no TURN server allocated): nothing can ever connect.
            failed = c == null || c.getLocalCandidateCount() == 0;
            if (failed) {
                logger.info("ICE transport of ufrag {} gathered no candidate ({} policy)", localUfrag(), policy);
                apply(machine.onAgentFailed());
                rescheduleTimer();
            }
        }
        if (failed) {
            freeAgentLater();
        }
    }

    /** ice4j's agent changed state; on one of ice4j's threads, maybe under its locks. */
    private void onAgentStateChange(PropertyChangeEvent event) {
        if (!Agent.PROPERTY_ICE_PROCESSING_STATE.equals(event.getPropertyName())) {
            return;
        }
        IceProcessingState oldState = (IceProcessingState) event.getOldValue();
        IceProcessingState newState = (IceProcessingState) event.getNewValue();
        Path selected = newState == IceProcessingState.COMPLETED ? selectedPath() : null;
        boolean failed;
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (newState == IceProcessingState.COMPLETED) {
                if (selected == null) {
                    logger.warn("ICE agent of ufrag {} completed without a usable selected pair", localUfrag());
                    apply(machine.onAgentFailed());
                } else {
                    if (!selected.equals(path)) {
                        selected.socket().select(selected.remote());
                        path = selected;
                    }
                    logger.debug("ICE transport of ufrag {} selected {}", localUfrag(), selected.pair());
                    apply(machine.onPairSelected(clock.nowNanos()));
                }
            } else if (newState == IceProcessingState.TERMINATED && oldState == IceProcessingState.COMPLETED) {
                apply(machine.onChecksFinished());
            } else if (newState == IceProcessingState.FAILED) {
                apply(machine.onAgentFailed());
            }
            rescheduleTimer();
            failed = machine.state() == IceTransportState.FAILED;
        }
        if (failed) {
            freeAgentLater();
        }
    }

    /** A candidate pair changed; on one of ice4j's threads. */
    private void onPairChange(PropertyChangeEvent event) {
        String name = event.getPropertyName();
        if (IceMediaStream.PROPERTY_PAIR_CONSENT_FRESHNESS_CHANGED.equals(name)) {
            synchronized (lock) {
                if (!closed) {
                    apply(machine.onConsent(clock.nowNanos()));
                    rescheduleTimer();
                }
            }
        } else if (IceMediaStream.PROPERTY_PAIR_VALIDATED.equals(name) && path == null
                   && event.getSource() instanceof CandidatePair pair) {
            onPairValidated(pair);
        } else if (IceMediaStream.PROPERTY_PAIR_NOMINATED.equals(name) && path != null) {
            Path selected = selectedPath(); // a later nomination may move the selected pair
            synchronized (lock) {
                if (!closed && selected != null && path != null && !selected.equals(path)) {
                    selected.socket().select(selected.remote());
                    path = selected;
                }
            }
        }
    }

    /**
     * The first valid pair carries data until ice4j selects one (RFC 8445 §12: data may flow on a
     * valid pair before nomination): the transport is connected one nomination earlier, which on
     * the controlling side is a pacing slot (Ta) and a round trip, so DTLS starts that much
     * sooner. A ClientHello that came in the meantime is already waiting for it.
     */
    private void onPairValidated(CandidatePair pair) {
        Path valid = pathOf(pair);
        if (valid == null) {
            return;
        }
        synchronized (lock) {
            if (closed || path != null) {
                return;
            }
            valid.socket().select(valid.remote());
            path = valid;
            logger.debug("ICE transport of ufrag {} sends on valid pair {}", localUfrag(), valid.pair());
            apply(machine.onPairValidated(clock.nowNanos()));
            rescheduleTimer();
        }
    }

    private @Nullable Path selectedPath() {
        Component c = component;
        CandidatePair pair = c == null ? null : c.getSelectedPair();
        return pair == null ? null : pathOf(pair);
    }

    private static @Nullable Path pathOf(CandidatePair pair) {
        LocalCandidate local = pair.getLocalCandidate();
        if (!(local instanceof MuxHostCandidate) && !(local instanceof TurnRelayedCandidate) && local.getBase() != null) {
            local = local.getBase();
        }
        CandidateSocket socket;
        if (local instanceof MuxHostCandidate host) {
            socket = host.endpoint();
        } else if (local instanceof TurnRelayedCandidate relayed) {
            socket = relayed.relay();
        } else {
            return null;
        }
        TransportAddress remote = pair.getRemoteCandidate().getTransportAddress();
        IceCandidatePair candidates = new IceCandidatePair(Ice4jCandidates.toLine(pair.getLocalCandidate()).format(),
                                                           Ice4jCandidates.toLine(pair.getRemoteCandidate()).format());
        return new Path(socket, new InetSocketAddress(remote.getAddress(), remote.getPort()), candidates);
    }

    private void onTimer() {
        boolean failed;
        synchronized (lock) {
            if (closed) {
                return;
            }
            timer = null;
            timerDeadlineNanos = Long.MAX_VALUE;
            apply(machine.advanceTime(clock.nowNanos()));
            rescheduleTimer();
            failed = machine.state() == IceTransportState.FAILED;
        }
        if (failed) {
            freeAgentLater();
        }
    }

    /** Called with the lock held: publishes a state change. */
    private void apply(@Nullable IceTransportState next) {
        if (next == null) {
            return;
        }
        state = next;
        if (next == IceTransportState.FAILED) {
            logger.info("ICE transport of ufrag {} failed", localUfrag());
        }
        events.post(new IceEvent.StateChanged(next));
    }

    /** Called with the lock held: arms the timer for the machine's next deadline. */
    private void rescheduleTimer() {
        long deadline = machine.nextDeadlineNanos();
        if (closed || deadline == Long.MAX_VALUE) {
            cancelTimer();
            return;
        }
        if (timer != null && timerDeadlineNanos <= deadline) {
            return; // fires early, finds nothing due, and re-arms for the later deadline
        }
        cancelTimer();
        try {
            timer = mux.timer().schedule(this::onTimer, Math.max(0, deadline - clock.nowNanos()),
                                         TimeUnit.NANOSECONDS);
            timerDeadlineNanos = deadline;
        } catch (RejectedExecutionException e) {
            logger.debug("mux timer stopped; no ICE deadline for ufrag {}", localUfrag());
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        timerDeadlineNanos = Long.MAX_VALUE;
    }

    /** A failed transport sends nothing more (RFC 7675 §5.1): free the agent now, off ice4j's threads. */
    private void freeAgentLater() {
        runOnTimer(this::freeAgent);
    }

    /** Runs {@code task} on the mux timer thread after {@code delayMillis}; not at all once the mux is closed. */
    private void runOnTimerAfter(long delayMillis, Runnable task) {
        try {
            mux.timer().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            logger.debug("mux timer stopped; ICE checks of ufrag {} not started", localUfrag());
        }
    }

    /** Runs {@code task} on the mux timer thread, or here when the mux is closed. */
    private void runOnTimer(Runnable task) {
        try {
            mux.timer().execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    @Override
    public String toString() {
        return "IceTransport{ufrag=" + localUfrag() + ", role=" + role + ", state=" + state + '}';
    }
}
