package dev.remotemedia.rtc.transport.ice;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.TimeSource;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** Builds an {@link IceTransport}; role, event executor and event listener are required. */
public final class IceTransportBuilder {
    private final IceUdpMux mux;
    private @Nullable IceRole role;
    private @Nullable Executor eventExecutor;
    private @Nullable Consumer<? super IceEvent> eventListener;
    private DatagramHandler datagramHandler = DatagramHandler.discarding();
    private IceTransportPolicy policy = IceTransportPolicy.ALL;
    private TimeSource clock = TimeSource.system();

    IceTransportBuilder(IceUdpMux mux) {
        this.mux = mux;
    }

    /** Controlling for the offerer, controlled for the answerer. */
    public IceTransportBuilder role(IceRole role) {
        this.role = requireNonNull(role, "role");
        return this;
    }

    /** Where {@link IceEvent}s are delivered: the connection's event loop. Must not run tasks inline. */
    public IceTransportBuilder eventExecutor(Executor eventExecutor) {
        this.eventExecutor = requireNonNull(eventExecutor, "eventExecutor");
        return this;
    }

    public IceTransportBuilder eventListener(Consumer<? super IceEvent> eventListener) {
        this.eventListener = requireNonNull(eventListener, "eventListener");
        return this;
    }

    /** Takes DTLS and SRTP datagrams; by default they are dropped. */
    public IceTransportBuilder datagramHandler(DatagramHandler datagramHandler) {
        this.datagramHandler = requireNonNull(datagramHandler, "datagramHandler");
        return this;
    }

    /**
     * Which candidates to gather and use; {@link IceTransportPolicy#ALL} by default,
     * {@link IceTransportPolicy#RELAY} for only the mux's TURN servers' relayed candidates.
     */
    public IceTransportBuilder policy(IceTransportPolicy policy) {
        this.policy = requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Creates the transport and its ice4j agent; nothing is sent before {@link IceTransport#gather()}.
     *
     * @throws NullPointerException naming a required setting that is missing
     * @throws IllegalStateException when the mux is closed
     */
    /** The clock for ICE's and TURN's timers: the system's by default; the connection's in the stack. */
    public IceTransportBuilder timeSource(TimeSource clock) {
        this.clock = requireNonNull(clock, "clock");
        return this;
    }

    public IceTransport build() {
        requireNonNull(role, "role");
        requireNonNull(eventExecutor, "eventExecutor");
        requireNonNull(eventListener, "eventListener");
        if (mux.isClosed()) {
            throw new IllegalStateException("the IceUdpMux is closed");
        }
        return new IceTransport(mux, role, policy, eventExecutor, eventListener, datagramHandler, clock);
    }
}
