package dev.remotemedia.rtc.sctp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.EventQueue;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.TimeSource;
import dev.remotemedia.rtc.sctp.packet.AbortChunk;
import dev.remotemedia.rtc.sctp.packet.ErrorCause;
import dev.remotemedia.rtc.sctp.packet.ParseResult;
import dev.remotemedia.rtc.sctp.packet.SctpPacket;
import dev.remotemedia.rtc.sctp.packet.UserInitiatedAbortCause;
import dev.remotemedia.rtc.sctp.timer.TimerManager;
import dev.remotemedia.rtc.sctp.tx.SctpOptions;
import dev.remotemedia.rtc.sctp.tx.SendQueue;
import dev.remotemedia.rtc.sctp.tx.SendQueueEvent;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The {@link SctpSocket} implementation: one SCTP association, modelled on dcSCTP's {@code
 * DcSctpSocket}. This class parses packets, checks verification tags and dispatches chunks; the
 * work is done by {@link ConnectHandler} (setup), {@link ShutdownHandler}, and, once both tags are
 * known, the {@link TransmissionControlBlock} (data path, {@link HeartbeatHandler}, {@link
 * StreamResetHandler}).
 *
 * <pre>{@code
 * SctpAssociation sctp = SctpAssociation.builder(timeSource).options(SctpOptions.defaults()).build();
 * }</pre>
 */
public final class SctpAssociation implements SctpSocket {

    /** The SCTP port WebRTC uses unless SDP's {@code a=sctp-port} says otherwise (RFC 8841). */
    public static final int DEFAULT_PORT = 5000;

    /** Shared: seeding a SecureRandom per association would cost setup time for nothing. */
    private static final SecureRandom SECURE_RANDOM = new SecureRandom();

    private final SctpOptions options;
    private final TimeSource timeSource;
    private final RandomGenerator random;
    private final int localPort;
    private final int remotePort;
    private final long cookieLifetimeNanos;
    private final long fixedInitialTsn;
    private final EventQueue<SctpEvent> events = EventQueue.unbounded();
    private final TimerManager timers = new TimerManager();
    private final StateCookie.Codec cookieCodec;
    private final ConnectHandler connectHandler;
    private final ShutdownHandler shutdownHandler;
    private final PacketDispatcher dispatcher;
    private SendQueue sendQueue;
    private AssociationState state = AssociationState.CLOSED;
    private @Nullable TransmissionControlBlock tcb;
    private long nowNanos;
    private long txPackets;
    private long rxPackets;
    private long txMessages;
    private long rxMessages;
    private long retransmittedChunksOfClosedTcbs;

    private SctpAssociation(Builder builder) {
        options = builder.options;
        timeSource = builder.timeSource;
        random = builder.random != null ? builder.random : SECURE_RANDOM;
        localPort = builder.localPort;
        remotePort = builder.remotePort;
        cookieLifetimeNanos = builder.cookieLifetime.toNanos();
        fixedInitialTsn = builder.initialTsn;
        nowNanos = timeSource.nowNanos();
        cookieCodec = new StateCookie.Codec(random);
        sendQueue = newSendQueue();
        connectHandler = new ConnectHandler(this);
        shutdownHandler = new ShutdownHandler(this);
        dispatcher = new PacketDispatcher(this);
    }

    /** Returns an association with the default options and ports, timed by {@code timeSource}. */
    public static SctpAssociation of(TimeSource timeSource) {
        return builder(timeSource).build();
    }

    /** Returns a builder of an association timed by {@code timeSource}. */
    public static Builder builder(TimeSource timeSource) {
        return new Builder(requireNonNull(timeSource, "timeSource"));
    }

    // ---- SctpSocket -------------------------------------------------------------------------

    @Override
    public void connect() {
        enter(timeSource.nowNanos());
        if (state == AssociationState.CLOSED) {
            connectHandler.connect();
        }
    }

    @Override
    public void handleInput(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, requireNonNull(buf, "buf").length);
        enter(timeSource.nowNanos());
        final ParseResult<SctpPacket> parsed = SctpPacket.parse(buf, off, len);
        if (parsed instanceof ParseResult.Error<SctpPacket> error) {
            // RFC 9260 §6.8: invalid packets are silently discarded (and reported to the user here).
            reportError(ErrorKind.PARSE_FAILED, error.message());
            return;
        }
        final SctpPacket packet = parsed.orElseThrow();
        try {
            dispatcher.handlePacket(packet);
        } catch (RuntimeException e) {
            // A bug must not take the event loop down (DESIGN.md §8); the state may be inconsistent,
            // so end the association rather than carry on.
            abortWithCause(ErrorKind.PROTOCOL_VIOLATION, "internal error handling a packet: " + e,
                           UserInitiatedAbortCause.of("internal error"));
        }
        afterCall();
    }

    @Override
    public void advanceTime(long nowNanos) {
        enter(nowNanos);
        timers.advanceTime(nowNanos);
        afterCall();
    }

    @Override
    public long nextDeadlineNanos() {
        return timers.nextDeadlineNanos();
    }

    @Override
    public @Nullable SctpEvent pollEvent() {
        return events.poll();
    }

    @Override
    public SendStatus send(SctpMessage message, SendOptions options) {
        requireNonNull(message, "message");
        requireNonNull(options, "options");
        enter(timeSource.nowNanos());
        if (state == AssociationState.CLOSED) {
            return SendStatus.NOT_CONNECTED;
        }
        if (state.isShuttingDown()) {
            // RFC 9260 §9.2: no new data once shutting down.
            return SendStatus.SHUTTING_DOWN;
        }
        final TransmissionControlBlock current = tcb;
        // Without FORWARD TSN support on the peer every message goes reliably (RFC 3758 §3.3.1).
        final boolean partialReliability = current == null || current.capabilities().partialReliability();
        final SendStatus status = TxMapping.toSendStatus(sendQueue.add(
                nowNanos, message.streamId(), message.ppid(), message.payload(),
                TxMapping.toTxOptions(options, partialReliability)));
        if (status == SendStatus.OK) {
            txMessages++;
            if (current != null) {
                current.sendBufferedPackets();
            }
        }
        afterCall();
        return status;
    }

    @Override
    public ResetStreamsStatus resetStreams(int... streamIds) {
        requireNonNull(streamIds, "streamIds");
        for (int streamId : streamIds) {
            checkStreamId(streamId);
        }
        enter(timeSource.nowNanos());
        final TransmissionControlBlock current = tcb;
        if (current == null || state != AssociationState.ESTABLISHED) {
            return ResetStreamsStatus.NOT_CONNECTED;
        }
        if (!current.capabilities().reconfig()) {
            return ResetStreamsStatus.NOT_SUPPORTED;
        }
        current.streamReset().resetStreams(streamIds);
        current.sendBufferedPackets();
        afterCall();
        return ResetStreamsStatus.STARTED;
    }

    @Override
    public void shutdown() {
        enter(timeSource.nowNanos());
        shutdownHandler.shutdown();
        afterCall();
    }

    @Override
    public void abort(String reason) {
        requireNonNull(reason, "reason");
        enter(timeSource.nowNanos());
        if (state != AssociationState.CLOSED) {
            abortWithCause(ErrorKind.USER_ABORT, reason, UserInitiatedAbortCause.of(reason));
        }
    }

    @Override
    public SctpState state() {
        return state.publicState();
    }

    @Override
    public long bufferedAmount(int streamId) {
        checkStreamId(streamId);
        return sendQueue.bufferedAmount(streamId);
    }

    @Override
    public long bufferedAmountLowThreshold(int streamId) {
        checkStreamId(streamId);
        return sendQueue.bufferedAmountLowThreshold(streamId);
    }

    @Override
    public void setBufferedAmountLowThreshold(int streamId, long bytes) {
        checkStreamId(streamId);
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes: " + bytes + " (expected: >= 0)");
        }
        sendQueue.setBufferedAmountLowThreshold(streamId, bytes);
    }

    @Override
    public SctpMetrics metrics() {
        final TransmissionControlBlock current = tcb;
        final long retransmitted = retransmittedChunksOfClosedTcbs + (current == null ? 0 : current.retransmittedChunks());
        if (current == null) {
            return new SctpMetrics(txPackets, rxPackets, txMessages, rxMessages, retransmitted, 0, 0,
                                   options.rtoInitial().toMillis(), 0, 0, false, false);
        }
        return new SctpMetrics(txPackets, rxPackets, txMessages, rxMessages, retransmitted, current.cwnd(),
                               current.srttNanos() / 1_000_000, current.rtoNanos() / 1_000_000,
                               current.peerReceiverWindow(), current.outstandingBytes(),
                               current.capabilities().partialReliability(), current.capabilities().reconfig());
    }

    @Override
    public String toString() {
        return "SctpAssociation{" + state + (tcb == null ? "" : String.format(", tags %08x/%08x",
                                                                             tcb.localTag(), tcb.peerTag())) + '}';
    }

    // ---- what the handlers share ------------------------------------------------------------

    SctpOptions options() {
        return options;
    }

    long now() {
        return nowNanos;
    }

    TimerManager timers() {
        return timers;
    }

    AssociationState associationState() {
        return state;
    }

    void setState(AssociationState state) {
        this.state = state;
    }

    @Nullable TransmissionControlBlock tcb() {
        return tcb;
    }

    ConnectHandler connectHandler() {
        return connectHandler;
    }

    ShutdownHandler shutdownHandler() {
        return shutdownHandler;
    }

    StateCookie.Codec cookieCodec() {
        return cookieCodec;
    }

    long cookieLifetimeNanos() {
        return cookieLifetimeNanos;
    }

    TransmissionControlBlock createTcb(PeerParameters parameters) {
        discardTcb();
        tcb = new TransmissionControlBlock(this, parameters, sendQueue, timers);
        return tcb;
    }

    void discardTcb() {
        final TransmissionControlBlock current = tcb;
        if (current != null) {
            retransmittedChunksOfClosedTcbs += current.retransmittedChunks();
            current.close();
            tcb = null;
        }
    }

    /** RFC 9260 §5.2.4 A: the peer restarted. Sequence numbers start over on both sides. */
    void restart() {
        discardTcb();
        // Messages queued for the old association would carry stale SSNs; the peer's streams start
        // at SSN 0 again, and so must ours.
        sendQueue = newSendQueue();
        emit(new SctpEvent.ConnectionRestarted());
    }

    PacketBuilder packetBuilder(long verificationTag) {
        return new PacketBuilder(verificationTag, localPort, remotePort, options.mtu());
    }

    /** Sends the packet the builder holds, if any. */
    void send(PacketBuilder builder) {
        if (builder.isEmpty()) {
            return;
        }
        txPackets++;
        final boolean probesPath = builder.probesPath();
        emit(new SctpEvent.SendPacket(builder.build()));
        if (tcb != null && probesPath) {
            tcb.heartbeat().restartIntervalTimer(nowNanos);
        }
    }

    void countReceivedPacket() {
        rxPackets++;
    }

    void emit(SctpEvent event) {
        events.add(event);
    }

    void reportError(ErrorKind kind, String message) {
        emit(new SctpEvent.Error(kind, message));
    }

    void deliver(int streamId, long ppid, byte[] payload) {
        rxMessages++;
        emit(new SctpEvent.MessageReceived(streamId, ppid, payload));
    }

    /** Sends an ABORT with {@code cause} (if the peer's tag is known) and ends the association. */
    void abortWithCause(ErrorKind kind, String reason, ErrorCause cause) {
        if (tcb != null) {
            send(tcb.packetBuilder().add(new AbortChunk(false, List.of(cause))));
        }
        internalClose(kind, reason);
    }

    /** Ends the association: {@link SctpEvent.Closed} if {@code kind} is null, else {@link SctpEvent.Aborted}. */
    void internalClose(@Nullable ErrorKind kind, String reason) {
        if (state == AssociationState.CLOSED) {
            return;
        }
        connectHandler.stop();
        shutdownHandler.stop();
        discardTcb();
        state = AssociationState.CLOSED;
        // What was queued will never be sent; a later connect() starts afresh.
        sendQueue = newSendQueue();
        emit(kind == null ? new SctpEvent.Closed() : new SctpEvent.Aborted(kind, reason));
    }

    long newVerificationTag(long avoid) {
        long tag;
        do {
            tag = random.nextLong(1, 1L << 32);
        } while (tag == avoid);
        return tag;
    }

    long newInitialTsn() {
        return fixedInitialTsn >= 0 ? fixedInitialTsn : random.nextLong(0, 1L << 32);
    }

    long newTieTag() {
        long tieTag;
        do {
            tieTag = random.nextLong();
        } while (tieTag == 0);
        return tieTag;
    }

    // ---- helpers ----------------------------------------------------------------------------

    private void enter(long nowNanos) {
        this.nowNanos = nowNanos;
    }

    private void afterCall() {
        final TransmissionControlBlock current = tcb;
        if (current != null && current.hasTooManyTxErrors()) {
            abortWithCause(ErrorKind.TOO_MANY_RETRIES, "the peer stopped answering: more than "
                           + options.maxRetransmissions() + " retransmissions or heartbeats in a row unanswered",
                           UserInitiatedAbortCause.of("too many retransmissions"));
        }
        for (SendQueueEvent event = sendQueue.pollEvent(); event != null; event = sendQueue.pollEvent()) {
            if (event instanceof SendQueueEvent.BufferedAmountLow low) {
                emit(new SctpEvent.BufferedAmountLow(low.streamId()));
            }
        }
    }

    private SendQueue newSendQueue() {
        return new SendQueue(options.maxMessageSize(), options.maxSendBufferBytes());
    }

    private static void checkStreamId(int streamId) {
        if ((streamId & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("streamId: " + streamId + " (expected: 0..65535)");
        }
    }

    /** Builds an {@link SctpAssociation}. */
    public static final class Builder {

        private final TimeSource timeSource;
        private SctpOptions options = SctpOptions.defaults();
        private @Nullable RandomGenerator random;
        private int localPort = DEFAULT_PORT;
        private int remotePort = DEFAULT_PORT;
        private Duration cookieLifetime = Duration.ofSeconds(60);
        private long initialTsn = -1;

        private Builder(TimeSource timeSource) {
            this.timeSource = timeSource;
        }

        /** Sets the options; {@link SctpOptions#defaults()} if not set. */
        public Builder options(SctpOptions options) {
            this.options = requireNonNull(options, "options");
            return this;
        }

        /**
         * Sets where verification tags, initial TSNs and the cookie secret come from; a {@link
         * SecureRandom} if not set. Tests pass a seeded generator to get the same run every time.
         */
        public Builder random(RandomGenerator random) {
            this.random = requireNonNull(random, "random");
            return this;
        }

        /** Sets our SCTP port ({@code a=sctp-port} of our SDP); 5000 if not set. */
        public Builder localPort(int port) {
            localPort = checkPort(port, "localPort");
            return this;
        }

        /** Sets the peer's SCTP port ({@code a=sctp-port} of its SDP); 5000 if not set. */
        public Builder remotePort(int port) {
            remotePort = checkPort(port, "remotePort");
            return this;
        }

        /** Sets how long a State Cookie we send stays valid (RFC 9260 Valid.Cookie.Life); 60 s if not set. */
        public Builder cookieLifetime(Duration lifetime) {
            requireNonNull(lifetime, "lifetime");
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("cookieLifetime: " + lifetime + " (expected: > 0)");
            }
            cookieLifetime = lifetime;
            return this;
        }

        /** For tests: every association started uses {@code tsn} as its initial TSN (to test wraparound). */
        Builder initialTsn(long tsn) {
            if ((tsn & ~0xFFFF_FFFFL) != 0) {
                throw new IllegalArgumentException("initialTsn: " + tsn + " (expected: 0..4294967295)");
            }
            initialTsn = tsn;
            return this;
        }

        public SctpAssociation build() {
            return new SctpAssociation(this);
        }

        private static int checkPort(int port, String name) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(name + ": " + port + " (expected: 1..65535)");
            }
            return port;
        }
    }
}
