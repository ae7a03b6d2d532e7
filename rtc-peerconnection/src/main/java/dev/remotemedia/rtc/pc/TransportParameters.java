package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.sdp.Fingerprint;
import dev.remotemedia.rtc.sdp.IceCandidate;
import dev.remotemedia.rtc.sdp.IceCredentials;
import dev.remotemedia.rtc.sdp.SetupRole;
import java.util.List;

/**
 * What one side's description says about the bundled transport: ICE credentials and candidates,
 * DTLS fingerprints and role, and the SCTP port and message size limit (RFC 8841).
 *
 * @param mid            the mid of the section that carries the transport (the BUNDLE tag)
 * @param setup          {@code a=setup} of the side (RFC 4145 §4, RFC 8842)
 * @param hasData        whether the description has a data channel section (the SCTP fields are
 *                       its, or their defaults without one)
 * @param sctpPort       {@code a=sctp-port}; 5000 when absent (RFC 8841 §5)
 * @param maxMessageSize {@code a=max-message-size}; 65536 when absent (RFC 8841 §6.1), 0 for no limit
 */
record TransportParameters(String mid, IceCredentials ice, List<Fingerprint> fingerprints, SetupRole setup,
                           boolean hasData, int sctpPort, long maxMessageSize, List<IceCandidate> candidates,
                           boolean endOfCandidates) {

    /** RFC 8841 §5: the SCTP port when {@code a=sctp-port} is absent. */
    static final int DEFAULT_SCTP_PORT = 5000;
    /** RFC 8841 §6.1: the limit to assume when {@code a=max-message-size} is absent. */
    static final long DEFAULT_MAX_MESSAGE_SIZE = 65_536;

    TransportParameters {
        requireNonNull(mid, "mid");
        requireNonNull(ice, "ice");
        fingerprints = List.copyOf(fingerprints);
        requireNonNull(setup, "setup");
        candidates = List.copyOf(candidates);
    }

    /** The largest message the side can receive, or {@code null} for no limit. */
    @Nullable Long receiveLimit() {
        return maxMessageSize == 0 ? null : maxMessageSize;
    }
}
