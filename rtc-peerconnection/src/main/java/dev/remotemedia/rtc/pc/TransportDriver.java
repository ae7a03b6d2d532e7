package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.TimeSource;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.rtc.transport.dtls.DtlsCertificate;
import dev.remotemedia.rtc.transport.dtls.DtlsConnectionInfo;
import dev.remotemedia.rtc.transport.dtls.DtlsListener;
import dev.remotemedia.rtc.transport.dtls.DtlsRole;
import dev.remotemedia.rtc.transport.dtls.DtlsTransport;
import dev.remotemedia.rtc.transport.dtls.Fingerprint;
import dev.remotemedia.rtc.transport.ice.IceTransport;
import dev.remotemedia.rtc.transport.ice.Rfc7983;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundled transport of one connection above ICE: routes each datagram by its first byte
 * (<a href="https://www.rfc-editor.org/rfc/rfc7983#section-7">RFC 7983 §7</a>) — DTLS records to
 * the {@link DtlsTransport}, SRTP/SRTCP to the {@link MediaPart} — and drives the parts above DTLS
 * (the {@link SctpPart} when data channels were negotiated, the media part when RTP sections were)
 * with one timer: the earliest deadline of any part. Runs only on the loop.
 */
final class TransportDriver implements DtlsListener {
    private static final Logger logger = LoggerFactory.getLogger(TransportDriver.class);

    private final ConnectionCore core;
    private final EventLoop loop;
    private final TimeSource clock;
    private final DtlsTransport dtls;
    private final IceTransport ice;
    private @Nullable SctpPart sctp;
    private @Nullable MediaPart media;
    private RTCDtlsTransportState dtlsState = RTCDtlsTransportState.NEW;
    private @Nullable DtlsConnectionInfo dtlsInfo;
    private boolean started;
    private boolean closed;
    private @Nullable ScheduledFuture<?> timer;
    private long timerDeadlineNanos = Long.MAX_VALUE;
    /** Datagrams that were neither DTLS nor SRTP/SRTCP, or SRTP before the keys exist: dropped. */
    final AtomicLong droppedDatagrams = new AtomicLong();

    TransportDriver(ConnectionCore core, EventLoop loop, TimeSource clock, DtlsCertificate certificate, DtlsRole role,
                    TransportParameters remote, IceTransport ice) {
        this.core = core;
        this.loop = loop;
        this.clock = clock;
        this.ice = ice;
        final List<Fingerprint> fingerprints = new ArrayList<>();
        for (dev.remotemedia.rtc.sdp.Fingerprint fingerprint : remote.fingerprints()) {
            fingerprints.add(Fingerprint.of(fingerprint.hashFunction(), fingerprint.digest()));
        }
        dtls = DtlsTransport.builder()
                            .role(role)
                            .certificate(certificate)
                            .remoteFingerprints(fingerprints)
                            .sender(ice::send)
                            .loop(loop)
                            .listener(this)
                            .build();
    }

    /** Adds the data channel part; SCTP connects once DTLS is (or now, if it already is). */
    SctpPart enableSctp(DtlsRole role, int remoteSctpPort) {
        if (sctp == null) {
            sctp = new SctpPart(core, this, clock, role, remoteSctpPort);
            if (dtlsState == RTCDtlsTransportState.CONNECTED) {
                sctp.connect();
            }
        }
        return sctp;
    }

    @Nullable SctpPart sctp() {
        return sctp;
    }

    /** Adds the media part; it gets its SRTP keys once DTLS is (or now, if it already is). */
    MediaPart enableMedia() {
        if (media == null) {
            media = new MediaPart(core, this, clock);
            if (dtlsInfo != null) {
                media.keyed(dtlsInfo);
            }
        }
        return media;
    }

    @Nullable MediaPart media() {
        return media;
    }

    /** Starts the DTLS handshake; called once ICE is connected. */
    void start() {
        if (!started && !closed) {
            started = true;
            logger.debug("{}: DTLS start", core);
            dtlsState = RTCDtlsTransportState.CONNECTING;
            dtls.start();
        }
    }

    /** A datagram from ICE (STUN was taken out below): RFC 7983 decides who gets it. */
    void handleDatagram(byte[] buf, int off, int len) {
        if (closed) {
            return;
        }
        switch (Rfc7983.classify(buf, off, len)) {
            case DTLS:
                dtls.handleDatagram(buf, off, len);
                break;
            case RTP_RTCP:
                if (media != null && media.isKeyed()) {
                    media.handleSrtp(buf, off, len);
                } else {
                    droppedDatagrams.incrementAndGet();
                }
                break;
            default:
                droppedDatagrams.incrementAndGet();
        }
    }

    RTCDtlsTransportState dtlsState() {
        return dtlsState;
    }

    /** Sends an SRTP or SRTCP datagram as it is. */
    boolean sendRaw(byte[] buf, int off, int len) {
        return !closed && ice.send(buf, off, len);
    }

    boolean sendDtls(byte[] buf, int off, int len) {
        return !closed && dtls.send(buf, off, len);
    }

    // ---- DTLS ---------------------------------------------------------------------------------------

    @Override
    public void onConnected(DtlsConnectionInfo info) {
        if (closed) {
            return;
        }
        logger.debug("{}: DTLS connected ({}, SRTP {})", core, info.cipherSuite(),
                     info.srtp() == null ? "none" : info.srtp().profile());
        dtlsState = RTCDtlsTransportState.CONNECTED;
        dtlsInfo = info;
        if (media != null) {
            media.keyed(info);
        }
        if (sctp != null) {
            sctp.connect();
        }
        core.updateAggregateStates();
    }

    @Override
    public void onData(byte[] buf, int off, int len) {
        if (!closed && sctp != null) {
            sctp.handlePacket(buf, off, len);
        }
    }

    @Override
    public void onClosed() {
        if (!closed) {
            dtlsState = RTCDtlsTransportState.CLOSED;
            if (sctp != null) {
                sctp.closeAllChannels();
            }
            core.updateAggregateStates();
        }
    }

    @Override
    public void onFailed(RemoteMediaException error) {
        if (!closed) {
            logger.info("{}: DTLS failed: {}", core, error.getMessage());
            dtlsState = RTCDtlsTransportState.FAILED;
            if (sctp != null) {
                sctp.closeAllChannels();
            }
            core.updateAggregateStates();
        }
    }

    // ---- The one timer ------------------------------------------------------------------------------

    /**
     * Makes the loop wake up by the earliest deadline of any part. A wake-up already set for that
     * time or earlier is kept: it finds nothing due and re-arms for the later deadline. Under load
     * SCTP's retransmission timer moves later with every SACK; cancelling and scheduling a loop task
     * for each cost about 4 % of the CPU in the Java↔Java throughput benchmark.
     */
    void armTimer() {
        if (closed) {
            return;
        }
        long deadline = Long.MAX_VALUE;
        if (sctp != null) {
            deadline = Math.min(deadline, sctp.nextDeadlineNanos());
        }
        if (media != null) {
            deadline = Math.min(deadline, media.nextDeadlineNanos());
        }
        if (deadline == Long.MAX_VALUE || (timer != null && timerDeadlineNanos <= deadline)) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerDeadlineNanos = deadline;
        timer = loop.schedule(deadline - clock.nowNanos(), this::onTimer);
    }

    private void onTimer() {
        timer = null;
        timerDeadlineNanos = Long.MAX_VALUE;
        if (closed) {
            return;
        }
        final long now = clock.nowNanos();
        if (sctp != null) {
            sctp.advanceTime(now);
        }
        if (media != null) {
            media.advanceTime(now);
        }
        armTimer();
    }

    /** Says goodbye (RTCP BYE, SCTP ABORT, close_notify) and frees the timer. No callbacks run. */
    void close() {
        if (closed) {
            return;
        }
        final boolean connected = dtlsState == RTCDtlsTransportState.CONNECTED;
        if (media != null) {
            media.close(connected);
        }
        if (sctp != null) {
            sctp.close(connected);
        }
        closed = true;
        if (timer != null) {
            timer.cancel(false);
        }
        dtls.close();
        dtlsState = RTCDtlsTransportState.CLOSED;
    }
}
