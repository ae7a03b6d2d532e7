package dev.remotemedia.rtc.datachannel;

import dev.remotemedia.rtc.sctp.SendOptions;

/**
 * One data channel of a {@link DataChannelManager}: its stream id, its config and its state. The
 * manager changes the state; everyone else reads it. Send and close through the manager.
 */
public final class DataChannel {

    private final int id;
    private final DataChannelConfig config;
    private final boolean locallyCreated;
    private DataChannelState state = DataChannelState.CONNECTING;
    /** In-band channels we opened send ordered until the peer's ACK (RFC 8832 §6). */
    private boolean acked;
    private boolean outgoingReset;
    private boolean incomingReset;

    DataChannel(int id, DataChannelConfig config, boolean locallyCreated) {
        this.id = id;
        this.config = config.id() != null && config.id() == id ? config : config.withId(id);
        this.locallyCreated = locallyCreated;
        acked = config.negotiated() || !locallyCreated;
    }

    /** Returns the SCTP stream id. */
    public int id() {
        return id;
    }

    public String label() {
        return config.label();
    }

    public String protocol() {
        return config.protocol();
    }

    /** Returns the config, with {@link DataChannelConfig#id()} filled in. */
    public DataChannelConfig config() {
        return config;
    }

    public DataChannelState state() {
        return state;
    }

    /** Returns whether this side created the channel (not announced by the peer's OPEN). */
    public boolean isLocallyCreated() {
        return locallyCreated;
    }

    @Override
    public String toString() {
        return "DataChannel{id=" + id + ", label=" + config.label() + ", state=" + state + '}';
    }

    void setState(DataChannelState state) {
        this.state = state;
    }

    void markAcked() {
        acked = true;
    }

    boolean markOutgoingReset() {
        outgoingReset = true;
        return incomingReset;
    }

    boolean markIncomingReset() {
        incomingReset = true;
        return outgoingReset;
    }

    boolean isOutgoingReset() {
        return outgoingReset;
    }

    /** Returns how a user message on this channel is sent now. */
    SendOptions sendOptions() {
        final boolean unordered = !config.ordered() && acked;
        final int maxRetransmits = config.maxRetransmits() == null ? SendOptions.NO_LIMIT : config.maxRetransmits();
        final long lifetime = config.maxPacketLifeTimeMillis() == null
                              ? SendOptions.NO_LIMIT : config.maxPacketLifeTimeMillis();
        return new SendOptions(unordered, maxRetransmits, lifetime);
    }
}
