package dev.remotemedia.rtc.transport.dtls;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/** Builds a {@link DtlsTransport}; everything without a default must be set. */
public final class DtlsTransportBuilder {
    private @Nullable DtlsRole role;
    private @Nullable DtlsCertificate certificate;
    private List<Fingerprint> remoteFingerprints = List.of();
    private @Nullable DtlsTransport.DatagramSender sender;
    private @Nullable Executor loop;
    private @Nullable DtlsListener listener;
    private @Nullable ThreadFactory handshakeThreads;
    private List<SrtpProfile> srtpProfiles =
            List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES128_CM_HMAC_SHA1_80);
    private Duration initialRetransmitTimeout = Duration.ofMillis(50);
    private Duration handshakeTimeout = Duration.ofSeconds(30);
    private int mtu = 1200;

    DtlsTransportBuilder() {}

    /** Client or server, from {@code a=setup} ({@link DtlsRole#fromRemoteSetup}). Required. */
    public DtlsTransportBuilder role(DtlsRole role) {
        this.role = requireNonNull(role, "role");
        return this;
    }

    /** The local certificate, whose fingerprint went into the local SDP. Required. */
    public DtlsTransportBuilder certificate(DtlsCertificate certificate) {
        this.certificate = requireNonNull(certificate, "certificate");
        return this;
    }

    /** The {@code a=fingerprint} values of the remote SDP; the peer's certificate must match one. Required. */
    public DtlsTransportBuilder remoteFingerprints(List<Fingerprint> remoteFingerprints) {
        this.remoteFingerprints = List.copyOf(requireNonNull(remoteFingerprints, "remoteFingerprints"));
        return this;
    }

    /** Where encrypted datagrams go. Required. */
    public DtlsTransportBuilder sender(DtlsTransport.DatagramSender sender) {
        this.sender = requireNonNull(sender, "sender");
        return this;
    }

    /** The connection's event loop: results and data are delivered on it. Required. */
    public DtlsTransportBuilder loop(Executor loop) {
        this.loop = requireNonNull(loop, "loop");
        return this;
    }

    /** Who hears about the connection, the data and the end. Required. */
    public DtlsTransportBuilder listener(DtlsListener listener) {
        this.listener = requireNonNull(listener, "listener");
        return this;
    }

    /** SRTP profiles to offer or accept, most preferred first; empty for no {@code use_srtp}. */
    public DtlsTransportBuilder srtpProfiles(List<SrtpProfile> srtpProfiles) {
        this.srtpProfiles = List.copyOf(requireNonNull(srtpProfiles, "srtpProfiles"));
        return this;
    }

    /**
     * The first handshake retransmission timeout, doubled on each loss up to 60 s. Default 50 ms,
     * Chromium's, which sets {@code clamp(2 × ICE RTT, 50 ms, 3 s)} when it knows the RTT.
     */
    public DtlsTransportBuilder initialRetransmitTimeout(Duration timeout) {
        this.initialRetransmitTimeout = checkMillis(timeout, "initialRetransmitTimeout", 1, 60_000);
        return this;
    }

    /** How long the whole handshake may take before it fails. Default 30 s. */
    public DtlsTransportBuilder handshakeTimeout(Duration timeout) {
        this.handshakeTimeout = checkMillis(timeout, "handshakeTimeout", 1, 600_000);
        return this;
    }

    /** The largest datagram a handshake flight may use; larger messages are fragmented. Default 1200, Chromium's. */
    public DtlsTransportBuilder mtu(int mtu) {
        if (mtu < 256 || mtu > 65_507) {
            throw new IllegalArgumentException("mtu: " + mtu + " (expected: 256..65507)");
        }
        this.mtu = mtu;
        return this;
    }

    /** Makes the handshake thread; for example virtual threads on JDK 21+. Default: a daemon thread. */
    public DtlsTransportBuilder handshakeThreadFactory(ThreadFactory factory) {
        this.handshakeThreads = requireNonNull(factory, "factory");
        return this;
    }

    /** @throws IllegalStateException naming every required setting that is missing */
    public DtlsTransport build() {
        final StringBuilder missing = new StringBuilder();
        appendIfMissing(missing, role, "role");
        appendIfMissing(missing, certificate, "certificate");
        appendIfMissing(missing, sender, "sender");
        appendIfMissing(missing, loop, "loop");
        appendIfMissing(missing, listener, "listener");
        if (remoteFingerprints.isEmpty()) {
            appendIfMissing(missing, null, "remoteFingerprints (from the remote SDP's a=fingerprint)");
        }
        if (missing.length() > 0) {
            throw new IllegalStateException("DtlsTransport: not set: " + missing);
        }
        final DtlsPeerSupport support = new DtlsPeerSupport(
                role, certificate, remoteFingerprints, srtpProfiles, (int) initialRetransmitTimeout.toMillis(),
                (int) handshakeTimeout.toMillis());
        return new DtlsTransport(support, new DatagramPipe(sender, mtu), loop, listener, handshakeThreads);
    }

    private static void appendIfMissing(StringBuilder missing, @Nullable Object value, String name) {
        if (value == null) {
            missing.append(missing.length() == 0 ? "" : ", ").append(name);
        }
    }

    private static Duration checkMillis(Duration value, String name, long min, long max) {
        requireNonNull(value, name);
        if (value.toMillis() < min || value.toMillis() > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + " ms.." + max + " ms)");
        }
        return value;
    }
}
