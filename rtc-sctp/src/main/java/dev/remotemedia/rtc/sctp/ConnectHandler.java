package dev.remotemedia.rtc.sctp;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.common.SeqNum32;
import dev.remotemedia.rtc.sctp.packet.AbortChunk;
import dev.remotemedia.rtc.sctp.packet.CookieAckChunk;
import dev.remotemedia.rtc.sctp.packet.CookieEchoChunk;
import dev.remotemedia.rtc.sctp.packet.CookieReceivedWhileShuttingDownCause;
import dev.remotemedia.rtc.sctp.packet.ErrorChunk;
import dev.remotemedia.rtc.sctp.packet.InitAckChunk;
import dev.remotemedia.rtc.sctp.packet.InitChunk;
import dev.remotemedia.rtc.sctp.packet.MissingMandatoryParameterCause;
import dev.remotemedia.rtc.sctp.packet.Parameter;
import dev.remotemedia.rtc.sctp.packet.ProtocolViolationCause;
import dev.remotemedia.rtc.sctp.packet.ShutdownAckChunk;
import dev.remotemedia.rtc.sctp.packet.StaleCookieCause;
import dev.remotemedia.rtc.sctp.packet.StateCookieParameter;
import dev.remotemedia.rtc.sctp.packet.UnknownParameter;
import dev.remotemedia.rtc.sctp.packet.UnrecognizedParameterParameter;
import dev.remotemedia.rtc.sctp.timer.Timer;
import dev.remotemedia.rtc.sctp.timer.TimerOptions;
import dev.remotemedia.rtc.sctp.tx.SctpOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Association setup (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-5">RFC 9260 §5</a>):
 * INIT, INIT ACK with a signed {@link StateCookie}, COOKIE ECHO, COOKIE ACK; T1-init and
 * T1-cookie; INIT collisions and restarts (§5.2); stale cookies (§5.2.6).
 *
 * <p>Our INIT's tag and initial TSN live here while we wait for its INIT ACK. Answering an INIT
 * keeps no state at all: the cookie holds both sides' parameters, signed.
 */
final class ConnectHandler {

    private final SctpAssociation association;
    private final Timer t1Init;
    private final Timer t1Cookie;
    /** Our INIT's Initiate Tag, while in COOKIE-WAIT; 0 otherwise. */
    private long connectTag;
    private long connectInitialTsn;

    ConnectHandler(SctpAssociation association) {
        this.association = association;
        final SctpOptions options = association.options();
        final long maxBackoff = options.maxTimerBackoff().toNanos();
        t1Init = association.timers().create("t1-init", TimerOptions.exponential(
                options.t1InitTimeout().toNanos(), maxBackoff, options.maxInitRetransmits()), this::onT1InitExpiry);
        t1Cookie = association.timers().create("t1-cookie", TimerOptions.exponential(
                options.t1CookieTimeout().toNanos(), maxBackoff, options.maxInitRetransmits()),
                this::onT1CookieExpiry);
    }

    /** Returns the tag the peer's packets must carry while we have no TCB: our INIT's, or 0. */
    long connectTag() {
        return connectTag;
    }

    void connect() {
        connectTag = association.newVerificationTag(0);
        connectInitialTsn = association.newInitialTsn();
        sendInit();
        t1Init.start(association.now());
        association.setState(AssociationState.COOKIE_WAIT);
    }

    /** Stops the setup timers, when the association closes or shuts down. */
    void stop() {
        t1Init.stop();
        t1Cookie.stop();
        connectTag = 0;
    }

    private void sendInit() {
        final SctpOptions options = association.options();
        association.send(association.packetBuilder(0).add(new InitChunk(
                connectTag, options.receiveWindowBytes(), options.outboundStreams(), options.inboundStreams(),
                connectInitialTsn, Capabilities.ANNOUNCED)));
    }

    /** RFC 9260 §5.1 B, §5.2.1 (collision), §5.2.2 (restart). */
    void handleInit(InitChunk init) {
        if (init.initiateTag() == 0) {
            // §3.3.2: "the receiver MUST silently discard the packet".
            association.reportError(ErrorKind.PROTOCOL_VIOLATION, "INIT with Initiate Tag 0 (expected: non-zero)");
            return;
        }
        if (init.outboundStreams() == 0 || init.inboundStreams() == 0) {
            // §3.3.2: discard, SHOULD answer with an ABORT, MUST NOT change any existing association.
            association.send(association.packetBuilder(init.initiateTag()).add(new AbortChunk(false, List.of(
                    ProtocolViolationCause.of("INIT with 0 inbound or outbound streams")))));
            association.reportError(ErrorKind.PROTOCOL_VIOLATION, "INIT with OS " + init.outboundStreams()
                                                                  + ", MIS " + init.inboundStreams()
                                                                  + " (expected: both > 0)");
            return;
        }
        final AssociationState state = association.associationState();
        if (state == AssociationState.SHUTDOWN_ACK_SENT) {
            // §9.2: our SHUTDOWN COMPLETE was lost; say SHUTDOWN ACK again.
            association.shutdownHandler().sendShutdownAck();
            return;
        }
        final long localTag;
        final long localInitialTsn;
        long tieTag = 0;
        final TransmissionControlBlock tcb = association.tcb();
        if (state == AssociationState.COOKIE_WAIT) {
            // §5.2.1: answer a colliding INIT with our own INIT's parameters, tag unchanged.
            localTag = connectTag;
            localInitialTsn = connectInitialTsn;
        } else if (tcb == null) {
            localTag = association.newVerificationTag(0);
            localInitialTsn = association.newInitialTsn();
        } else if (state == AssociationState.COOKIE_ECHOED) {
            // §5.2.1 also for COOKIE-ECHOED: the tag of our INIT, which the TCB holds.
            localTag = tcb.localTag();
            localInitialTsn = tcb.localInitialTsn();
        } else {
            // §5.2.2: an unexpected INIT (the peer may have restarted). A new tag, TSNs far from the
            // old ones, and the tie tag so a COOKIE ECHO can be matched to this association.
            localTag = association.newVerificationTag(tcb.localTag());
            localInitialTsn = SeqNum32.add(tcb.nextTsn(), 1_000_000);
            tieTag = tcb.tieTag();
        }
        final List<Parameter> parameters = new ArrayList<>();
        final List<Parameter> known = recognizedParameters(init.parameters(), parameters);
        final Capabilities capabilities = Capabilities.negotiate(known);
        final SctpOptions options = association.options();
        final StateCookie cookie = new StateCookie(
                init.initiateTag(), init.initialTsn(), init.advertisedReceiverWindowCredit(),
                Math.min(options.outboundStreams(), init.inboundStreams()),
                Math.min(options.inboundStreams(), init.outboundStreams()), localTag, localInitialTsn, tieTag,
                capabilities.partialReliability(), capabilities.reconfig(), association.now());
        parameters.add(0, new StateCookieParameter(ByteView.of(association.cookieCodec().seal(cookie))));
        parameters.addAll(Capabilities.ANNOUNCED);
        association.send(association.packetBuilder(init.initiateTag()).add(new InitAckChunk(
                localTag, options.receiveWindowBytes(), options.outboundStreams(), options.inboundStreams(),
                localInitialTsn, parameters)));
    }

    /**
     * Returns the parameters to act on, by RFC 9260 §3.2.1: an unknown one whose type starts with
     * bits 00 or 01 ends the list; those with 01 or 11 are reported in {@code report} (as
     * Unrecognized Parameter parameters of the INIT ACK).
     */
    private static List<Parameter> recognizedParameters(List<Parameter> parameters, List<Parameter> report) {
        final List<Parameter> known = new ArrayList<>(parameters.size());
        for (Parameter parameter : parameters) {
            if (parameter instanceof UnknownParameter unknown) {
                if (unknown.isReported()) {
                    final byte[] bytes = new byte[unknown.serializedSize()];
                    unknown.serializeTo(bytes, 0);
                    report.add(new UnrecognizedParameterParameter(ByteView.of(bytes, 0, unknown.length())));
                }
                if (unknown.stopsProcessing()) {
                    break;
                }
            } else {
                known.add(parameter);
            }
        }
        return known;
    }

    /** RFC 9260 §5.1 C, §5.2.3. */
    void handleInitAck(InitAckChunk initAck) {
        if (association.associationState() != AssociationState.COOKIE_WAIT) {
            // §5.2.3: an INIT ACK in any other state is discarded.
            return;
        }
        final StateCookieParameter cookie = initAck.parameter(StateCookieParameter.class);
        if (cookie == null || initAck.initiateTag() == 0 || initAck.outboundStreams() == 0
            || initAck.inboundStreams() == 0) {
            final String problem = cookie == null ? "INIT ACK without a State Cookie"
                                                  : "INIT ACK with a zero Initiate Tag, OS or MIS";
            association.send(association.packetBuilder(initAck.initiateTag()).add(new AbortChunk(false, List.of(
                    cookie == null ? new MissingMandatoryParameterCause(List.of(StateCookieParameter.TYPE))
                                   : ProtocolViolationCause.of(problem)))));
            association.internalClose(ErrorKind.PROTOCOL_VIOLATION, problem);
            return;
        }
        t1Init.stop();
        final SctpOptions options = association.options();
        final PeerParameters parameters = new PeerParameters(
                connectTag, connectInitialTsn, initAck.initiateTag(), initAck.initialTsn(),
                initAck.advertisedReceiverWindowCredit(), association.newTieTag(),
                Capabilities.negotiate(recognizedParameters(initAck.parameters(), new ArrayList<>())),
                Math.min(options.outboundStreams(), initAck.inboundStreams()),
                Math.min(options.inboundStreams(), initAck.outboundStreams()));
        connectTag = 0;
        final TransmissionControlBlock tcb = association.createTcb(parameters);
        association.setState(AssociationState.COOKIE_ECHOED);
        tcb.setCookieEcho(new CookieEchoChunk(ByteView.of(cookie.cookie().copyToArray())));
        tcb.sendBufferedPackets();
        t1Cookie.start(association.now());
    }

    /** RFC 9260 §5.1 D, §5.1.5, §5.2.4. */
    void handleCookieEcho(long verificationTag, CookieEchoChunk chunk) {
        final ByteView bytes = chunk.cookie();
        final StateCookie.Opened opened = association.cookieCodec().open(
                bytes.array(), bytes.arrayOffset(), bytes.length(), association.now(),
                association.cookieLifetimeNanos());
        final StateCookie cookie = opened.cookie();
        if (cookie == null) {
            association.reportError(ErrorKind.PARSE_FAILED, "COOKIE ECHO dropped: " + opened.problem());
            return;
        }
        if (verificationTag != cookie.localTag()) {
            // §5.1.5 step 2: the tag must be the one the cookie was made for.
            association.reportError(ErrorKind.PARSE_FAILED, String.format(
                    "COOKIE ECHO with verification tag %08x (expected: %08x, from its cookie)",
                    verificationTag, cookie.localTag()));
            return;
        }
        if (opened.problem() != null) {
            // §5.1.5 step 3: stale; tell the peer by how much (in microseconds).
            final long staleness = Math.min(opened.stalenessNanos() / 1_000, 0xFFFF_FFFFL);
            association.send(association.packetBuilder(cookie.peerTag()).add(
                    new ErrorChunk(List.of(new StaleCookieCause(staleness)))));
            association.reportError(ErrorKind.WRONG_SEQUENCE, "COOKIE ECHO with a stale cookie, "
                                                              + staleness + " µs past its lifetime");
            return;
        }
        TransmissionControlBlock tcb = association.tcb();
        if (tcb != null && !acceptCookieWithTcb(verificationTag, cookie, tcb)) {
            return;
        }
        t1Init.stop();
        t1Cookie.stop();
        tcb = association.tcb();
        if (tcb == null) {
            tcb = association.createTcb(PeerParameters.fromCookie(cookie, association.newTieTag()));
        }
        connectTag = 0;
        if (association.associationState() != AssociationState.ESTABLISHED) {
            tcb.clearCookieEcho();
            association.setState(AssociationState.ESTABLISHED);
            association.emit(new SctpEvent.Connected());
        }
        // §5.1: "A COOKIE ACK chunk MAY be bundled with any pending DATA chunks ... but MUST be first".
        tcb.sendBufferedPackets(tcb.packetBuilder().add(new CookieAckChunk()));
    }

    /**
     * RFC 9260 §5.2.4, a COOKIE ECHO while a TCB exists. Returns whether to go on and (re)establish
     * with the cookie; the TCB is discarded first when the cookie replaces it.
     */
    private boolean acceptCookieWithTcb(long verificationTag, StateCookie cookie, TransmissionControlBlock tcb) {
        final boolean localTagMatches = verificationTag == tcb.localTag();
        final boolean peerTagMatches = cookie.peerTag() == tcb.peerTag();
        if (!localTagMatches && !peerTagMatches && cookie.tieTag() == tcb.tieTag()) {
            // A) The peer restarted.
            if (association.associationState() == AssociationState.SHUTDOWN_ACK_SENT) {
                association.send(association.packetBuilder(cookie.peerTag()).add(new ShutdownAckChunk())
                                         .add(new ErrorChunk(List.of(new CookieReceivedWhileShuttingDownCause()))));
                association.reportError(ErrorKind.WRONG_SEQUENCE, "COOKIE ECHO of a restarted peer while shutting down");
                return false;
            }
            association.restart();
            return true;
        }
        if (localTagMatches && !peerTagMatches) {
            // B) Both sides started at about the same time; the peer's INIT came after its INIT ACK.
            association.discardTcb();
            return true;
        }
        if (!localTagMatches && peerTagMatches && cookie.tieTag() == 0) {
            // C) Our own cookie arrived late: discard it, change nothing.
            return false;
        }
        // D) Both tags match: a retransmitted COOKIE ECHO. Establish if need be, ACK again.
        return localTagMatches && peerTagMatches;
    }

    /** RFC 9260 §5.1 E. */
    void handleCookieAck() {
        if (association.associationState() != AssociationState.COOKIE_ECHOED) {
            // §5.2.5: discarded in any other state.
            return;
        }
        t1Cookie.stop();
        final TransmissionControlBlock tcb = association.tcb();
        tcb.clearCookieEcho();
        association.setState(AssociationState.ESTABLISHED);
        association.emit(new SctpEvent.Connected());
        tcb.sendBufferedPackets();
    }

    /**
     * RFC 9260 §5.2.6: our cookie was stale when it arrived. Start over with a new INIT (the
     * Cookie Preservative parameter is optional and we do not send it).
     */
    void handleStaleCookieError() {
        if (association.associationState() != AssociationState.COOKIE_ECHOED) {
            return;
        }
        final TransmissionControlBlock tcb = association.tcb();
        t1Cookie.stop();
        connectTag = tcb.localTag();
        connectInitialTsn = tcb.localInitialTsn();
        association.discardTcb();
        association.setState(AssociationState.COOKIE_WAIT);
        sendInit();
        t1Init.start(association.now());
    }

    private void onT1InitExpiry(Timer timer, long nowNanos) {
        if (timer.isRunning()) {
            sendInit();
        } else {
            association.internalClose(ErrorKind.TOO_MANY_RETRIES, "no INIT ACK after "
                                      + (association.options().maxInitRetransmits() + 1) + " INITs");
        }
    }

    private void onT1CookieExpiry(Timer timer, long nowNanos) {
        if (timer.isRunning()) {
            association.tcb().sendBufferedPackets();
        } else {
            association.internalClose(ErrorKind.TOO_MANY_RETRIES, "no COOKIE ACK after "
                                      + (association.options().maxInitRetransmits() + 1) + " COOKIE ECHOs");
        }
    }
}
