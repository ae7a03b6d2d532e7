package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.sdp.Connection;
import dev.remotemedia.rtc.sdp.Fingerprint;
import dev.remotemedia.rtc.sdp.Group;
import dev.remotemedia.rtc.sdp.IceCredentials;
import dev.remotemedia.rtc.sdp.MediaDescription;
import dev.remotemedia.rtc.sdp.MediaDescriptionBuilder;
import dev.remotemedia.rtc.sdp.Origin;
import dev.remotemedia.rtc.sdp.SessionDescription;
import dev.remotemedia.rtc.sdp.SessionDescriptionBuilder;
import dev.remotemedia.rtc.sdp.SetupRole;
import java.util.ArrayList;
import java.util.List;

/**
 * Offers and answers for a session whose one transport carries SCTP data channels (RFC 8829 §5.2
 * and §5.3, RFC 8841, RFC 8843 BUNDLE). Media sections of a remote offer that this stack does not
 * handle are rejected in the answer (port 0), as JSEP §5.3.1 requires, so the rest of the session
 * still works. Pure: takes descriptions and parameters, returns descriptions.
 */
final class DataChannelJsep {
    /** The data channel section's mid in our offers, as Chromium numbers sections. */
    static final String OFFER_MID = "0";
    /** RFC 8841 §5: the SCTP port we listen on. */
    static final int SCTP_PORT = TransportParameters.DEFAULT_SCTP_PORT;
    /** The largest message we accept: 256 KiB, as Chromium does (DESIGN.md §5.3). */
    static final long MAX_MESSAGE_SIZE = 262_144;
    private static final String PROTOCOL = "UDP/DTLS/SCTP";

    private DataChannelJsep() {}

    /** Our offer: one bundled data channel section, DTLS role {@code actpass} (RFC 8842 §5.2). */
    static SessionDescription offer(Origin origin, IceCredentials ice, List<Fingerprint> fingerprints) {
        final MediaDescription data = dataSection(OFFER_MID, ice, fingerprints, SetupRole.ACTPASS);
        return session(origin).addGroup(Group.bundle(List.of(OFFER_MID))).addMedia(data).build();
    }

    /**
     * Our answer to {@code offer}: its data channel section accepted with our parameters and the
     * DTLS role chosen per RFC 8842 §5.3 (active when the offer says actpass or passive), every other
     * section rejected.
     *
     * @throws IllegalArgumentException if the offer has no usable data channel section
     */
    static SessionDescription answer(SessionDescription offer, Origin origin, IceCredentials ice,
                                     List<Fingerprint> fingerprints) {
        final TransportParameters remote = remoteParameters(offer);
        final SetupRole ourRole = remote.setup() == SetupRole.ACTIVE ? SetupRole.PASSIVE : SetupRole.ACTIVE;
        final SessionDescriptionBuilder answer = session(origin);
        for (MediaDescription section : offer.media()) {
            if (remote.mid().equals(section.mid())) {
                answer.addMedia(dataSection(remote.mid(), ice, fingerprints, ourRole));
            } else {
                answer.addMedia(rejected(section));
            }
        }
        if (offer.bundleGroupOf(remote.mid()) != null) {
            answer.addGroup(Group.bundle(List.of(remote.mid())));
        }
        return answer.build();
    }

    /**
     * What a remote description says about its data channel transport.
     *
     * @throws IllegalArgumentException naming what is missing or unusable
     */
    static TransportParameters remoteParameters(SessionDescription remote) {
        final MediaDescription data = remote.dataChannelSection();
        if (data == null || data.port() == 0) {
            throw new IllegalArgumentException(
                    "OperationError: the description has no data channel section (m=application <port> "
                    + "UDP/DTLS/SCTP webrtc-datachannel with a non-zero port)");
        }
        final String mid = data.mid();
        if (mid == null) {
            throw new IllegalArgumentException("OperationError: the data channel section has no a=mid");
        }
        final MediaDescription transport = remote.transportSection(data);
        final IceCredentials ice = remote.iceCredentials(transport);
        if (ice == null) {
            throw new IllegalArgumentException("OperationError: mid " + mid + ": no a=ice-ufrag/a=ice-pwd");
        }
        final List<Fingerprint> fingerprints = remote.fingerprints(transport);
        if (fingerprints.isEmpty()) {
            throw new IllegalArgumentException("OperationError: mid " + mid + ": no a=fingerprint (DTLS needs one)");
        }
        final SetupRole setup = remote.setup(transport) == null ? SetupRole.ACTPASS : remote.setup(transport);
        if (setup == SetupRole.HOLDCONN) {
            throw new IllegalArgumentException("OperationError: mid " + mid + ": a=setup:holdconn is not supported");
        }
        final int sctpPort = data.sctpPort() == null ? TransportParameters.DEFAULT_SCTP_PORT : data.sctpPort();
        final long maxMessageSize = data.maxMessageSize() == null
                                    ? TransportParameters.DEFAULT_MAX_MESSAGE_SIZE : data.maxMessageSize();
        return new TransportParameters(mid, ice, fingerprints, setup, sctpPort, maxMessageSize,
                                       transport.candidates(), transport.endOfCandidates());
    }

    private static SessionDescriptionBuilder session(Origin origin) {
        return SessionDescription.builder(requireNonNull(origin, "origin"));
    }

    private static MediaDescription dataSection(String mid, IceCredentials ice, List<Fingerprint> fingerprints,
                                                SetupRole setup) {
        // RFC 8829 §5.2.1: port 9 and c=IN IP4 0.0.0.0 until candidates are known (trickle ICE).
        final MediaDescriptionBuilder section = MediaDescription.builder("application", 9, PROTOCOL)
                .addFormat(MediaDescription.DATA_CHANNEL_FORMAT)
                .connection(Connection.PLACEHOLDER)
                .iceUfrag(ice.ufrag())
                .icePwd(ice.password())
                .iceOptions(List.of("trickle"))
                .setup(setup)
                .mid(mid)
                .sctpPort(SCTP_PORT)
                .maxMessageSize(MAX_MESSAGE_SIZE);
        fingerprints.forEach(section::addFingerprint);
        return section.build();
    }

    /** RFC 8829 §5.3.1: a rejected section keeps its media, protocol, formats and mid, with port 0. */
    private static MediaDescription rejected(MediaDescription offered) {
        final MediaDescriptionBuilder section = MediaDescription.builder(offered.media(), 0, offered.protocol())
                .formats(new ArrayList<>(offered.formats()))
                .connection(Connection.PLACEHOLDER)
                .mid(offered.mid());
        return section.build();
    }
}
