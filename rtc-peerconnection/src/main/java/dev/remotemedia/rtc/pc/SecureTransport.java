package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.TimeSource;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.rtc.datachannel.DataChannel;
import dev.remotemedia.rtc.datachannel.DataChannelConfig;
import dev.remotemedia.rtc.datachannel.DataChannelEvent;
import dev.remotemedia.rtc.datachannel.DataChannelManager;
import dev.remotemedia.rtc.sctp.SctpAssociation;
import dev.remotemedia.rtc.sctp.SctpEvent;
import dev.remotemedia.rtc.sctp.SendStatus;
import dev.remotemedia.rtc.transport.dtls.DtlsCertificate;
import dev.remotemedia.rtc.transport.dtls.DtlsConnectionInfo;
import dev.remotemedia.rtc.transport.dtls.DtlsListener;
import dev.remotemedia.rtc.transport.dtls.DtlsRole;
import dev.remotemedia.rtc.transport.dtls.DtlsTransport;
import dev.remotemedia.rtc.transport.dtls.Fingerprint;
import dev.remotemedia.rtc.transport.ice.IceTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DTLS over the ICE transport, SCTP over DTLS (RFC 8261) and the data channels over SCTP, driven
 * by the connection's loop: datagrams and DTLS records in, the association's packets out, its
 * timers on the loop's scheduler. Runs only on the loop.
 */
final class SecureTransport implements DtlsListener {
    private static final Logger logger = LoggerFactory.getLogger(SecureTransport.class);
    private static final TimeSource CLOCK = TimeSource.system();

    private final ConnectionCore core;
    private final EventLoop loop;
    private final DtlsTransport dtls;
    private final SctpAssociation sctp;
    private final DataChannelManager channels;
    private final Map<Integer, RTCDataChannel> byId = new HashMap<>();
    private RTCDtlsTransportState dtlsState = RTCDtlsTransportState.NEW;
    private boolean started;
    private boolean closed;
    private @Nullable ScheduledFuture<?> timer;
    private long timerDeadlineNanos = Long.MAX_VALUE;

    SecureTransport(ConnectionCore core, EventLoop loop, DtlsCertificate certificate, DtlsRole role,
                    TransportParameters remote, IceTransport ice) {
        this.core = core;
        this.loop = loop;
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
        sctp = SctpAssociation.builder(CLOCK)
                              .localPort(DataChannelJsep.SCTP_PORT)
                              .remotePort(remote.sctpPort())
                              .build();
        channels = DataChannelManager.of(sctp, role == DtlsRole.CLIENT
                                               ? dev.remotemedia.rtc.datachannel.DtlsRole.CLIENT
                                               : dev.remotemedia.rtc.datachannel.DtlsRole.SERVER);
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

    void handleDatagram(byte[] buf, int off, int len) {
        if (!closed) {
            dtls.handleDatagram(buf, off, len);
        }
    }

    RTCDtlsTransportState dtlsState() {
        return dtlsState;
    }

    // ---- DTLS ---------------------------------------------------------------------------------------

    @Override
    public void onConnected(DtlsConnectionInfo info) {
        if (closed) {
            return;
        }
        logger.debug("{}: DTLS connected ({})", core, info.cipherSuite());
        dtlsState = RTCDtlsTransportState.CONNECTED;
        core.updateAggregateStates();
        // RFC 8841 §10.2 / RFC 8261: both sides open the association once DTLS is up; SCTP settles
        // the crossing INITs (RFC 9260 §5.2.4).
        sctp.connect();
        pump();
    }

    @Override
    public void onData(byte[] buf, int off, int len) {
        if (!closed) {
            sctp.handleInput(buf, off, len);
            pump();
        }
    }

    @Override
    public void onClosed() {
        if (!closed) {
            dtlsState = RTCDtlsTransportState.CLOSED;
            closeAllChannels();
            core.updateAggregateStates();
        }
    }

    @Override
    public void onFailed(RemoteMediaException error) {
        if (!closed) {
            logger.info("{}: DTLS failed: {}", core, error.getMessage());
            dtlsState = RTCDtlsTransportState.FAILED;
            closeAllChannels();
            core.updateAggregateStates();
        }
    }

    // ---- Channels ---------------------------------------------------------------------------------

    void addLocalChannel(RTCDataChannel channel) {
        final RTCDataChannelInit init = channel.init();
        DataChannelConfig config = DataChannelConfig.of(channel.label())
                                                    .withProtocol(init.protocol())
                                                    .withOrdered(init.ordered())
                                                    .withMaxRetransmits(init.maxRetransmits())
                                                    .withMaxPacketLifeTimeMillis(init.maxPacketLifeTime());
        if (init.negotiated()) {
            config = config.withNegotiatedId(init.id());
        } else if (init.id() != null) {
            config = config.withId(init.id());
        }
        final DataChannel sctpChannel;
        try {
            sctpChannel = channels.createChannel(config);
        } catch (IllegalArgumentException | IllegalStateException e) {
            channel.setReadyState(RTCDataChannelState.CLOSED);
            Callbacks.fire(channel.onError, e.getMessage(), "error");
            Callbacks.fire(channel.onClose, "close");
            return;
        }
        channel.assigned(sctpChannel);
        byId.put(sctpChannel.id(), channel);
        pump();
    }

    void send(RTCDataChannel channel, boolean binary, byte[] data) {
        final DataChannel sctpChannel = channel.channel;
        if (closed || sctpChannel == null || channel.readyState() != RTCDataChannelState.OPEN) {
            return;
        }
        final SendStatus status = binary ? channels.sendBinary(sctpChannel.id(), data)
                                         : channels.sendText(sctpChannel.id(), new String(data, StandardCharsets.UTF_8));
        if (status != SendStatus.OK) {
            Callbacks.fire(channel.onError, "send failed: " + status, "error");
        }
        pump();
    }

    void closeChannel(RTCDataChannel channel) {
        final DataChannel sctpChannel = channel.channel;
        if (closed || sctpChannel == null) {
            return;
        }
        channels.close(sctpChannel.id());
        pump();
    }

    void updateThreshold(RTCDataChannel channel) {
        final DataChannel sctpChannel = channel.channel;
        if (!closed && sctpChannel != null) {
            channels.setBufferedAmountLowThreshold(sctpChannel.id(), channel.bufferedAmountLowThreshold());
        }
    }

    // ---- The pump -------------------------------------------------------------------------------------

    /** Sends what SCTP produced, delivers channel events, and re-arms the SCTP timer. */
    private void pump() {
        for (SctpEvent event; (event = sctp.pollEvent()) != null; ) {
            if (event instanceof SctpEvent.SendPacket) {
                final byte[] packet = ((SctpEvent.SendPacket) event).packet();
                dtls.send(packet, 0, packet.length);
            } else {
                if (event instanceof SctpEvent.Aborted) {
                    logger.info("{}: SCTP association aborted: {}", core, ((SctpEvent.Aborted) event).reason());
                }
                channels.handleSctpEvent(event);
            }
        }
        for (DataChannelEvent event; (event = channels.pollEvent()) != null; ) {
            deliver(event);
        }
        for (RTCDataChannel channel : byId.values()) {
            final DataChannel sctpChannel = channel.channel;
            if (sctpChannel != null) {
                channel.setQueuedInSctp(channels.bufferedAmount(sctpChannel.id()));
            }
        }
        armTimer();
    }

    private void deliver(DataChannelEvent event) {
        if (event instanceof DataChannelEvent.ChannelAnnounced) {
            final DataChannel sctpChannel = ((DataChannelEvent.ChannelAnnounced) event).channel();
            final DataChannelConfig config = sctpChannel.config();
            final RTCDataChannelInit init = new RTCDataChannelInit(
                    config.ordered(), config.maxPacketLifeTimeMillis(), config.maxRetransmits(), config.protocol(),
                    config.negotiated(), sctpChannel.id());
            final RTCDataChannel channel = core.newRemoteChannel(sctpChannel.label(), init);
            channel.assigned(sctpChannel);
            byId.put(sctpChannel.id(), channel);
            core.announceRemoteChannel(channel);
        } else if (event instanceof DataChannelEvent.Opened) {
            final RTCDataChannel channel = byId.get(((DataChannelEvent.Opened) event).channel().id());
            if (channel != null) {
                channel.setReadyState(RTCDataChannelState.OPEN);
                Callbacks.fire(channel.onOpen, "open");
            }
        } else if (event instanceof DataChannelEvent.Message) {
            final DataChannelEvent.Message message = (DataChannelEvent.Message) event;
            final RTCDataChannel channel = byId.get(message.channelId());
            if (channel != null) {
                Callbacks.fire(channel.onMessage, new RTCDataChannelMessage(message.binary(), message.data()), "message");
            }
        } else if (event instanceof DataChannelEvent.BufferedAmountLow) {
            final RTCDataChannel channel = byId.get(((DataChannelEvent.BufferedAmountLow) event).channelId());
            if (channel != null) {
                Callbacks.fire(channel.onBufferedAmountLow, "bufferedamountlow");
            }
        } else if (event instanceof DataChannelEvent.Closing) {
            final RTCDataChannel channel = byId.get(((DataChannelEvent.Closing) event).channelId());
            if (channel != null && channel.readyState() != RTCDataChannelState.CLOSED) {
                channel.setReadyState(RTCDataChannelState.CLOSING);
                Callbacks.fire(channel.onClosing, "closing");
            }
        } else if (event instanceof DataChannelEvent.Closed) {
            final RTCDataChannel channel = byId.remove(((DataChannelEvent.Closed) event).channelId());
            if (channel != null) {
                channel.setReadyState(RTCDataChannelState.CLOSED);
                channel.setQueuedInSctp(0);
                Callbacks.fire(channel.onClose, "close");
            }
        } else if (event instanceof DataChannelEvent.Error) {
            logger.info("{}: data channel error: {}", core, ((DataChannelEvent.Error) event).message());
        }
    }

    /**
     * Makes the loop wake up by SCTP's next deadline. A wake-up already set for that time or earlier
     * is kept: it finds nothing due and re-arms for the later deadline. Under load the
     * retransmission timer moves later with every SACK; cancelling and scheduling a loop task for
     * each cost about 4 % of the CPU in the Java↔Java throughput benchmark.
     */
    private void armTimer() {
        final long deadline = closed ? Long.MAX_VALUE : sctp.nextDeadlineNanos();
        if (deadline == Long.MAX_VALUE || (timer != null && timerDeadlineNanos <= deadline)) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerDeadlineNanos = deadline;
        timer = loop.schedule(deadline - CLOCK.nowNanos(), this::onTimer);
    }

    private void onTimer() {
        timer = null;
        timerDeadlineNanos = Long.MAX_VALUE;
        if (!closed) {
            sctp.advanceTime(CLOCK.nowNanos());
            pump();
        }
    }

    private void closeAllChannels() {
        for (RTCDataChannel channel : List.copyOf(byId.values())) {
            if (channel.readyState() != RTCDataChannelState.CLOSED) {
                channel.setReadyState(RTCDataChannelState.CLOSED);
                channel.setQueuedInSctp(0);
                Callbacks.fire(channel.onClose, "close");
            }
        }
        byId.clear();
    }

    /** Aborts the association, says close_notify, and frees the timer. No callbacks run. */
    void close() {
        if (closed) {
            return;
        }
        if (dtlsState == RTCDtlsTransportState.CONNECTED) {
            sctp.abort("the peer connection was closed");
            for (SctpEvent event; (event = sctp.pollEvent()) != null; ) {
                if (event instanceof SctpEvent.SendPacket) {
                    final byte[] packet = ((SctpEvent.SendPacket) event).packet();
                    dtls.send(packet, 0, packet.length);
                }
            }
        }
        closed = true;
        for (RTCDataChannel channel : byId.values()) {
            channel.setReadyState(RTCDataChannelState.CLOSED);
            channel.setQueuedInSctp(0);
        }
        byId.clear();
        if (timer != null) {
            timer.cancel(false);
        }
        dtls.close();
        dtlsState = RTCDtlsTransportState.CLOSED;
    }
}
