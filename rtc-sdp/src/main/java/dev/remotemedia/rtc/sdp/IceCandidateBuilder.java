package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.ArrayList;
import java.util.List;

/** Builds an {@link IceCandidate}; transport defaults to {@code udp}, component to 1. */
public final class IceCandidateBuilder {
    private @Nullable String foundation;
    private int component = 1;
    private String transport = "udp";
    private long priority;
    private @Nullable String address;
    private int port;
    private @Nullable CandidateType type;
    private @Nullable String relatedAddress;
    private @Nullable Integer relatedPort;
    private @Nullable TcpType tcpType;
    private final List<CandidateExtension> extensions = new ArrayList<>();

    IceCandidateBuilder() {}

    IceCandidateBuilder(IceCandidate candidate) {
        foundation = candidate.foundation();
        component = candidate.component();
        transport = candidate.transport();
        priority = candidate.priority();
        address = candidate.address();
        port = candidate.port();
        type = candidate.type();
        relatedAddress = candidate.relatedAddress();
        relatedPort = candidate.relatedPort();
        tcpType = candidate.tcpType();
        extensions.addAll(candidate.extensions());
    }

    public IceCandidateBuilder foundation(String foundation) {
        this.foundation = requireNonNull(foundation, "foundation");
        return this;
    }

    public IceCandidateBuilder component(int component) {
        this.component = component;
        return this;
    }

    public IceCandidateBuilder transport(String transport) {
        this.transport = requireNonNull(transport, "transport");
        return this;
    }

    public IceCandidateBuilder priority(long priority) {
        this.priority = priority;
        return this;
    }

    /** The candidate's address and port. */
    public IceCandidateBuilder address(String address, int port) {
        this.address = requireNonNull(address, "address");
        this.port = port;
        return this;
    }

    public IceCandidateBuilder type(CandidateType type) {
        this.type = requireNonNull(type, "type");
        return this;
    }

    /** {@code raddr}/{@code rport}: the base of a reflexive or relayed candidate. */
    public IceCandidateBuilder related(@Nullable String relatedAddress, @Nullable Integer relatedPort) {
        this.relatedAddress = relatedAddress;
        this.relatedPort = relatedPort;
        return this;
    }

    public IceCandidateBuilder tcpType(@Nullable TcpType tcpType) {
        this.tcpType = tcpType;
        return this;
    }

    /** Appends extension {@code name value}. */
    public IceCandidateBuilder addExtension(String name, String value) {
        extensions.add(new CandidateExtension(name, value));
        return this;
    }

    /** Replaces the extensions. */
    public IceCandidateBuilder extensions(List<CandidateExtension> extensions) {
        this.extensions.clear();
        this.extensions.addAll(extensions);
        return this;
    }

    /** @throws IllegalStateException if foundation, address or type is unset */
    public IceCandidate build() {
        if (foundation == null || address == null || type == null) {
            throw new IllegalStateException("foundation, address and type must be set");
        }
        return new IceCandidate(foundation, component, transport, priority, address, port, type, relatedAddress,
                                relatedPort, tcpType, extensions);
    }
}
