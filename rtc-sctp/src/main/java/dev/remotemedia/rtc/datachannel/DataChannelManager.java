package dev.remotemedia.rtc.datachannel;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.EventQueue;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.sctp.ResetStreamsStatus;
import dev.remotemedia.rtc.sctp.SctpEvent;
import dev.remotemedia.rtc.sctp.SctpMessage;
import dev.remotemedia.rtc.sctp.SctpSocket;
import dev.remotemedia.rtc.sctp.SendOptions;
import dev.remotemedia.rtc.sctp.SendStatus;
import dev.remotemedia.rtc.sctp.packet.ParseResult;
import dev.remotemedia.rtc.sctp.packet.Ppid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * WebRTC data channels over one SCTP association (<a
 * href="https://www.rfc-editor.org/rfc/rfc8831">RFC 8831</a>), opened in-band with DCEP (<a
 * href="https://www.rfc-editor.org/rfc/rfc8832">RFC 8832</a>) or negotiated by the application.
 * Sans-I/O like the association under it: the event loop passes it every {@link SctpEvent} other
 * than {@link SctpEvent.SendPacket} ({@link #handleSctpEvent}), and polls {@link DataChannelEvent}s
 * from it. What it sends goes through the association, whose {@code SendPacket} events the loop
 * already forwards.
 *
 * <pre>{@code
 * DataChannelManager channels = DataChannelManager.of(sctp, DtlsRole.CLIENT);
 * DataChannel chat = channels.createChannel(DataChannelConfig.of("chat"));
 * // loop: for (SctpEvent e; (e = sctp.pollEvent()) != null; ) {
 * //           if (e instanceof SctpEvent.SendPacket p) dtls.send(p.packet()); else channels.handleSctpEvent(e);
 * //       }
 * //       for (DataChannelEvent e; (e = channels.pollEvent()) != null; ) deliver(e);
 * }</pre>
 *
 * <p>Messages: text goes with PPID 51, binary with 53; empty ones as one zero byte with PPID 56 or 57
 * (RFC 8831 §6.6). Closing resets the channel's outgoing stream; the peer resets its own in answer,
 * and the channel is closed when both are (§6.7). Not thread-safe.
 */
public final class DataChannelManager {

    private static final int MAX_STREAM_ID = 65534;
    private static final byte[] EMPTY_MESSAGE = {0};

    private final SctpSocket sctp;
    private final DtlsRole role;
    private final TreeMap<Integer, DataChannel> channels = new TreeMap<>();
    private final EventQueue<DataChannelEvent> events = EventQueue.unbounded();
    private boolean connected;

    private DataChannelManager(SctpSocket sctp, DtlsRole role) {
        this.sctp = sctp;
        this.role = role;
    }

    /**
     * Returns a manager of the channels over {@code sctp}, for the side with DTLS {@code role}. If the
     * association is already connected, call {@link #handleSctpEvent} with a {@link
     * SctpEvent.Connected} first.
     */
    public static DataChannelManager of(SctpSocket sctp, DtlsRole role) {
        return new DataChannelManager(requireNonNull(sctp, "sctp"), requireNonNull(role, "role"));
    }

    /**
     * Creates a channel. An in-band channel gets the lowest free id of this side's parity unless the
     * config names one; it sends its DCEP OPEN and opens at once if the association is connected,
     * else when it connects. A negotiated channel opens when the association is connected.
     *
     * @throws IllegalArgumentException if the config's id is in use
     * @throws IllegalStateException if every id of this side's parity is in use
     */
    public DataChannel createChannel(DataChannelConfig config) {
        requireNonNull(config, "config");
        final int id;
        if (config.id() != null) {
            id = config.id();
            final DataChannel existing = channels.get(id);
            if (existing != null) {
                throw new IllegalArgumentException(
                        "id: " + id + " is in use by channel '" + existing.label() + "' (expected: a free id)");
            }
        } else {
            id = allocateId();
        }
        final DataChannel channel = new DataChannel(id, config, true);
        channels.put(id, channel);
        if (connected) {
            open(channel);
        }
        return channel;
    }

    /** Returns the channel on stream {@code channelId}, or {@code null} if none is (or it closed). */
    public @Nullable DataChannel channel(int channelId) {
        return channels.get(channelId);
    }

    /** Returns the channels not yet closed, by id. */
    public List<DataChannel> channels() {
        return List.copyOf(channels.values());
    }

    /**
     * Sends {@code text} (UTF-8, PPID 51; an empty string as PPID 56).
     *
     * @throws IllegalStateException if the channel is not open
     */
    public SendStatus sendText(int channelId, String text) {
        requireNonNull(text, "text");
        return text.isEmpty() ? send(channelId, Ppid.STRING_EMPTY, EMPTY_MESSAGE.clone())
                              : send(channelId, Ppid.STRING, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends {@code data} (PPID 53; an empty array as PPID 57). The channel's association keeps the
     * array until it is acknowledged: do not change it afterwards.
     *
     * @throws IllegalStateException if the channel is not open
     */
    public SendStatus sendBinary(int channelId, byte[] data) {
        requireNonNull(data, "data");
        return data.length == 0 ? send(channelId, Ppid.BINARY_EMPTY, EMPTY_MESSAGE.clone())
                                : send(channelId, Ppid.BINARY, data);
    }

    /**
     * Closes the channel: resets its outgoing stream; {@link DataChannelEvent.Closed} follows when
     * the peer has reset its side too. Does nothing if it is already closing or closed.
     */
    public void close(int channelId) {
        final DataChannel channel = channels.get(channelId);
        if (channel == null || channel.state() == DataChannelState.CLOSING) {
            return;
        }
        if (!connected) {
            finishClose(channel);
            return;
        }
        channel.setState(DataChannelState.CLOSING);
        resetOutgoing(channel);
    }

    /** Returns the bytes queued on the channel and not yet sent (W3C {@code bufferedAmount}). */
    public long bufferedAmount(int channelId) {
        return sctp.bufferedAmount(channelId);
    }

    /** Sets the channel's {@code bufferedAmountLowThreshold} in bytes. */
    public void setBufferedAmountLowThreshold(int channelId, long bytes) {
        sctp.setBufferedAmountLowThreshold(channelId, bytes);
    }

    /** Returns the oldest event not yet polled, or {@code null}. */
    public @Nullable DataChannelEvent pollEvent() {
        return events.poll();
    }

    /** Acts on an event of the association; {@link SctpEvent.SendPacket}s and others it ignores. */
    public void handleSctpEvent(SctpEvent event) {
        requireNonNull(event, "event");
        if (event instanceof SctpEvent.Connected) {
            connected = true;
            for (DataChannel channel : List.copyOf(channels.values())) {
                if (channel.state() == DataChannelState.CONNECTING) {
                    open(channel);
                }
            }
        } else if (event instanceof SctpEvent.MessageReceived message) {
            onMessage(message);
        } else if (event instanceof SctpEvent.BufferedAmountLow low) {
            if (channels.containsKey(low.streamId())) {
                events.add(new DataChannelEvent.BufferedAmountLow(low.streamId()));
            }
        } else if (event instanceof SctpEvent.StreamsReset reset) {
            onStreamsReset(reset);
        } else if (event instanceof SctpEvent.StreamsResetFailed failed) {
            events.add(new DataChannelEvent.Error(
                    "the peer refused to reset streams " + failed.streamIds() + ": " + failed.reason()));
        } else if (event instanceof SctpEvent.ConnectionRestarted) {
            // The peer lost its state, and with it every channel (RFC 9260 §5.2.4 case A).
            closeAll();
        } else if (event instanceof SctpEvent.Closed || event instanceof SctpEvent.Aborted) {
            connected = false;
            closeAll();
        }
    }

    private SendStatus send(int channelId, long ppid, byte[] payload) {
        final DataChannel channel = channels.get(channelId);
        if (channel == null || channel.state() != DataChannelState.OPEN) {
            throw new IllegalStateException("channel " + channelId + " is "
                                            + (channel == null ? "unknown" : channel.state())
                                            + " (expected: OPEN)");
        }
        return sctp.send(new SctpMessage(channelId, ppid, payload), channel.sendOptions());
    }

    private int allocateId() {
        for (int id = role.firstStreamId(); id <= MAX_STREAM_ID; id += 2) {
            if (!channels.containsKey(id)) {
                return id;
            }
        }
        throw new IllegalStateException("no free stream id for a " + role + " (expected: fewer than 32768 channels)");
    }

    private void open(DataChannel channel) {
        if (!channel.config().negotiated()) {
            final byte[] open = channel.config().toOpenMessage().toByteArray();
            final SendStatus status = sctp.send(new SctpMessage(channel.id(), Ppid.DCEP, open), SendOptions.DEFAULT);
            if (status != SendStatus.OK) {
                events.add(new DataChannelEvent.Error(
                        "could not send DATA_CHANNEL_OPEN for channel " + channel.id() + ": " + status));
                finishClose(channel);
                return;
            }
        }
        channel.setState(DataChannelState.OPEN);
        events.add(new DataChannelEvent.Opened(channel));
    }

    private void onMessage(SctpEvent.MessageReceived message) {
        final int id = message.streamId();
        final long ppid = message.ppid();
        if (ppid == Ppid.DCEP) {
            onDcep(id, message.payload());
            return;
        }
        final DataChannel channel = channels.get(id);
        if (channel == null || channel.state() == DataChannelState.CONNECTING) {
            events.add(new DataChannelEvent.Error("message on stream " + id + ", which has no open channel"));
            return;
        }
        if (ppid == Ppid.STRING || ppid == Ppid.BINARY) {
            events.add(new DataChannelEvent.Message(id, ppid == Ppid.BINARY, message.payload()));
        } else if (ppid == Ppid.STRING_EMPTY || ppid == Ppid.BINARY_EMPTY) {
            events.add(new DataChannelEvent.Message(id, ppid == Ppid.BINARY_EMPTY, new byte[0]));
        } else {
            events.add(new DataChannelEvent.Error("message on channel " + id + " with PPID " + ppid
                                                  + " (expected: 50, 51, 53, 56 or 57)"));
        }
    }

    private void onDcep(int id, byte[] payload) {
        final ParseResult<DcepMessage> parsed = DcepMessage.parse(payload, 0, payload.length);
        if (parsed instanceof ParseResult.Error<DcepMessage> error) {
            events.add(new DataChannelEvent.Error("stream " + id + ": " + error.message()));
            return;
        }
        final DcepMessage dcep = parsed.orElseThrow();
        final DataChannel existing = channels.get(id);
        if (dcep instanceof DataChannelOpen open) {
            if (existing != null) {
                events.add(new DataChannelEvent.Error("DATA_CHANNEL_OPEN on stream " + id
                                                      + ", which channel '" + existing.label() + "' uses"));
                return;
            }
            final DataChannel channel = new DataChannel(id, DataChannelConfig.fromOpenMessage(open, id), false);
            channels.put(id, channel);
            final byte[] ack = new DataChannelAck().toByteArray();
            sctp.send(new SctpMessage(id, Ppid.DCEP, ack), SendOptions.DEFAULT);
            channel.setState(DataChannelState.OPEN);
            events.add(new DataChannelEvent.ChannelAnnounced(channel));
            events.add(new DataChannelEvent.Opened(channel));
        } else if (existing != null && existing.isLocallyCreated()) {
            existing.markAcked();
        } else {
            events.add(new DataChannelEvent.Error("DATA_CHANNEL_ACK on stream " + id
                                                  + ", where no channel of ours waits for one"));
        }
    }

    private void onStreamsReset(SctpEvent.StreamsReset reset) {
        final boolean incoming = reset.direction() == SctpEvent.Direction.INCOMING;
        for (int id : reset.streamIds()) {
            final DataChannel channel = channels.get(id);
            if (channel == null) {
                continue;
            }
            final boolean bothReset = incoming ? channel.markIncomingReset() : channel.markOutgoingReset();
            if (bothReset) {
                finishClose(channel);
            } else if (incoming) {
                // The peer closed the channel: close our direction too (RFC 8831 §6.7).
                if (channel.state() != DataChannelState.CLOSING) {
                    channel.setState(DataChannelState.CLOSING);
                    events.add(new DataChannelEvent.Closing(id));
                    resetOutgoing(channel);
                }
            }
        }
    }

    private void resetOutgoing(DataChannel channel) {
        if (channel.isOutgoingReset()) {
            return;
        }
        final ResetStreamsStatus status = sctp.resetStreams(channel.id());
        if (status != ResetStreamsStatus.STARTED) {
            // Without RE-CONFIG the stream cannot be reset; the channel is closed on our side anyway.
            finishClose(channel);
        }
    }

    private void finishClose(DataChannel channel) {
        channel.setState(DataChannelState.CLOSED);
        channels.remove(channel.id());
        events.add(new DataChannelEvent.Closed(channel.id()));
    }

    private void closeAll() {
        for (DataChannel channel : new ArrayList<>(channels.values())) {
            finishClose(channel);
        }
    }
}
