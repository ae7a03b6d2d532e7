package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.TimeSource;
import dev.remotemedia.rtc.datachannel.DataChannel;
import dev.remotemedia.rtc.datachannel.DataChannelConfig;
import dev.remotemedia.rtc.datachannel.DataChannelEvent;
import dev.remotemedia.rtc.datachannel.DataChannelManager;
import dev.remotemedia.rtc.sctp.SctpAssociation;
import dev.remotemedia.rtc.sctp.SctpEvent;
import dev.remotemedia.rtc.sctp.SendStatus;
import dev.remotemedia.rtc.transport.dtls.DtlsRole;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SCTP over DTLS (RFC 8261) and the data channels over SCTP (RFC 8831, 8832): the association,
 * the channel map and their events. Packets go out through the {@link TransportDriver}, which also
 * owns the one timer of the connection. Runs only on the loop.
 */
final class SctpPart {
    private static final Logger logger = LoggerFactory.getLogger(SctpPart.class);

    private final ConnectionCore core;
    private final TransportDriver driver;
    private final SctpAssociation sctp;
    private final DataChannelManager channels;
    private final Map<Integer, RTCDataChannel> byId = new HashMap<>();
    private boolean connected;
    int channelsOpened;
    int channelsClosed;
    private boolean closed;

    SctpPart(ConnectionCore core, TransportDriver driver, TimeSource clock, DtlsRole role, int remotePort) {
        this.core = core;
        this.driver = driver;
        sctp = SctpAssociation.builder(clock)
                              .localPort(Jsep.SCTP_PORT)
                              .remotePort(remotePort)
                              .build();
        channels = DataChannelManager.of(sctp, role == DtlsRole.CLIENT
                                               ? dev.remotemedia.rtc.datachannel.DtlsRole.CLIENT
                                               : dev.remotemedia.rtc.datachannel.DtlsRole.SERVER);
    }

    /**
     * DTLS is up: RFC 8841 §10.2 / RFC 8261: both sides open the association; SCTP settles the
     * crossing INITs (RFC 9260 §5.2.4).
     */
    void connect() {
        if (!connected && !closed) {
            connected = true;
            sctp.connect();
            pump();
        }
    }

    /** A DTLS application record: an SCTP packet. */
    void handlePacket(byte[] buf, int off, int len) {
        if (!closed) {
            sctp.handleInput(buf, off, len);
            pump();
        }
    }

    long nextDeadlineNanos() {
        return closed ? Long.MAX_VALUE : sctp.nextDeadlineNanos();
    }

    void advanceTime(long nowNanos) {
        if (!closed) {
            sctp.advanceTime(nowNanos);
            pump();
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
        } else {
            channel.messagesSent.incrementAndGet();
            channel.bytesSent.addAndGet(data.length);
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
                driver.sendDtls(packet, 0, packet.length);
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
        driver.armTimer();
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
                channelsOpened++;
                channel.setReadyState(RTCDataChannelState.OPEN);
                Callbacks.fire(channel.onOpen, "open");
            }
        } else if (event instanceof DataChannelEvent.Message) {
            final DataChannelEvent.Message message = (DataChannelEvent.Message) event;
            final RTCDataChannel channel = byId.get(message.channelId());
            if (channel != null) {
                channel.messagesReceived.incrementAndGet();
                channel.bytesReceived.addAndGet(message.data().length);
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
                channelsClosed++;
                channel.setReadyState(RTCDataChannelState.CLOSED);
                channel.setQueuedInSctp(0);
                Callbacks.fire(channel.onClose, "close");
            }
        } else if (event instanceof DataChannelEvent.Error) {
            logger.info("{}: data channel error: {}", core, ((DataChannelEvent.Error) event).message());
        }
    }

    /** The open and closing channels, for stats. */
    java.util.Collection<RTCDataChannel> channels() {
        return byId.values();
    }

    void closeAllChannels() {
        for (RTCDataChannel channel : List.copyOf(byId.values())) {
            if (channel.readyState() != RTCDataChannelState.CLOSED) {
                channel.setReadyState(RTCDataChannelState.CLOSED);
                channel.setQueuedInSctp(0);
                Callbacks.fire(channel.onClose, "close");
            }
        }
        byId.clear();
    }

    /** Aborts the association (its ABORT goes out while DTLS still runs). No callbacks run. */
    void close(boolean dtlsConnected) {
        if (closed) {
            return;
        }
        if (dtlsConnected && connected) {
            sctp.abort("the peer connection was closed");
            for (SctpEvent event; (event = sctp.pollEvent()) != null; ) {
                if (event instanceof SctpEvent.SendPacket) {
                    final byte[] packet = ((SctpEvent.SendPacket) event).packet();
                    driver.sendDtls(packet, 0, packet.length);
                }
            }
        }
        closed = true;
        for (RTCDataChannel channel : byId.values()) {
            channel.setReadyState(RTCDataChannelState.CLOSED);
            channel.setQueuedInSctp(0);
        }
        byId.clear();
    }
}
