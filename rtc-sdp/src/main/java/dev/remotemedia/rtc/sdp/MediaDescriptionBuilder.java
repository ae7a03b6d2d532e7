package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link MediaDescription}. Setters replace a value; {@code add*} methods append to a
 * list. Values are checked when {@link #build()} is called.
 */
public final class MediaDescriptionBuilder {
    private String media;
    private int port;
    private @Nullable Integer numberOfPorts;
    private String protocol;
    private final List<String> formats = new ArrayList<>();
    private final List<SdpLine> otherLines = new ArrayList<>();
    private @Nullable Connection connection;
    private final List<Bandwidth> bandwidths = new ArrayList<>();
    private @Nullable RtcpAddress rtcp;
    private final List<IceCandidate> candidates = new ArrayList<>();
    private boolean endOfCandidates;
    private @Nullable String iceUfrag;
    private @Nullable String icePwd;
    private final List<String> iceOptions = new ArrayList<>();
    private final List<Fingerprint> fingerprints = new ArrayList<>();
    private @Nullable SetupRole setup;
    private @Nullable String mid;
    private boolean extmapAllowMixed;
    private final List<Extmap> extmaps = new ArrayList<>();
    private @Nullable Direction direction;
    private final List<Msid> msids = new ArrayList<>();
    private boolean rtcpMux;
    private boolean rtcpRsize;
    private @Nullable RtcpXr rtcpXr;
    private final List<RtpMap> rtpMaps = new ArrayList<>();
    private final List<RtcpFeedback> rtcpFeedbacks = new ArrayList<>();
    private final List<Fmtp> fmtps = new ArrayList<>();
    private final List<SsrcGroup> ssrcGroups = new ArrayList<>();
    private final List<SsrcAttribute> ssrcs = new ArrayList<>();
    private @Nullable Integer sctpPort;
    private @Nullable Long maxMessageSize;
    private final List<Attribute> otherAttributes = new ArrayList<>();

    MediaDescriptionBuilder(String media, int port, String protocol) {
        this.media = requireNonNull(media, "media");
        this.port = port;
        this.protocol = requireNonNull(protocol, "protocol");
    }

    MediaDescriptionBuilder(MediaDescription m) {
        this(m.media(), m.port(), m.protocol());
        numberOfPorts = m.numberOfPorts();
        formats.addAll(m.formats());
        otherLines.addAll(m.otherLines());
        connection = m.connection();
        bandwidths.addAll(m.bandwidths());
        rtcp = m.rtcp();
        candidates.addAll(m.candidates());
        endOfCandidates = m.endOfCandidates();
        iceUfrag = m.iceUfrag();
        icePwd = m.icePwd();
        iceOptions.addAll(m.iceOptions());
        fingerprints.addAll(m.fingerprints());
        setup = m.setup();
        mid = m.mid();
        extmapAllowMixed = m.extmapAllowMixed();
        extmaps.addAll(m.extmaps());
        direction = m.direction();
        msids.addAll(m.msids());
        rtcpMux = m.rtcpMux();
        rtcpRsize = m.rtcpRsize();
        rtcpXr = m.rtcpXr();
        rtpMaps.addAll(m.rtpMaps());
        rtcpFeedbacks.addAll(m.rtcpFeedbacks());
        fmtps.addAll(m.fmtps());
        ssrcGroups.addAll(m.ssrcGroups());
        ssrcs.addAll(m.ssrcs());
        sctpPort = m.sctpPort();
        maxMessageSize = m.maxMessageSize();
        otherAttributes.addAll(m.otherAttributes());
    }

    public MediaDescriptionBuilder media(String media) {
        this.media = requireNonNull(media, "media");
        return this;
    }

    /** The m= line's port; JSEP writes 9 until a candidate is chosen, 0 to reject the section. */
    public MediaDescriptionBuilder port(int port) {
        this.port = port;
        return this;
    }

    public MediaDescriptionBuilder numberOfPorts(@Nullable Integer numberOfPorts) {
        this.numberOfPorts = numberOfPorts;
        return this;
    }

    public MediaDescriptionBuilder protocol(String protocol) {
        this.protocol = requireNonNull(protocol, "protocol");
        return this;
    }

    /** Appends a format: an RTP payload type such as {@code 111}, or {@code webrtc-datachannel}. */
    public MediaDescriptionBuilder addFormat(String format) {
        formats.add(requireNonNull(format, "format"));
        return this;
    }

    /** Replaces the formats. */
    public MediaDescriptionBuilder formats(List<String> formats) {
        this.formats.clear();
        this.formats.addAll(formats);
        return this;
    }

    public MediaDescriptionBuilder addOtherLine(SdpLine line) {
        otherLines.add(requireNonNull(line, "line"));
        return this;
    }

    public MediaDescriptionBuilder connection(@Nullable Connection connection) {
        this.connection = connection;
        return this;
    }

    public MediaDescriptionBuilder addBandwidth(Bandwidth bandwidth) {
        bandwidths.add(requireNonNull(bandwidth, "bandwidth"));
        return this;
    }

    public MediaDescriptionBuilder rtcp(@Nullable RtcpAddress rtcp) {
        this.rtcp = rtcp;
        return this;
    }

    public MediaDescriptionBuilder addCandidate(IceCandidate candidate) {
        candidates.add(requireNonNull(candidate, "candidate"));
        return this;
    }

    /** Replaces the candidates. */
    public MediaDescriptionBuilder candidates(List<IceCandidate> candidates) {
        this.candidates.clear();
        this.candidates.addAll(candidates);
        return this;
    }

    /** {@code a=end-of-candidates} (RFC 8840 §8.2): no more candidates will be trickled. */
    public MediaDescriptionBuilder endOfCandidates(boolean endOfCandidates) {
        this.endOfCandidates = endOfCandidates;
        return this;
    }

    /** {@code a=ice-ufrag} (RFC 8839 §5.4): 4 to 256 letters, digits, '+' or '/'. */
    public MediaDescriptionBuilder iceUfrag(@Nullable String iceUfrag) {
        this.iceUfrag = iceUfrag;
        return this;
    }

    /** {@code a=ice-pwd} (RFC 8839 §5.4): 22 to 256 letters, digits, '+' or '/'. */
    public MediaDescriptionBuilder icePwd(@Nullable String icePwd) {
        this.icePwd = icePwd;
        return this;
    }

    /** Replaces the {@code a=ice-options} tags, such as {@code trickle}. */
    public MediaDescriptionBuilder iceOptions(List<String> iceOptions) {
        this.iceOptions.clear();
        this.iceOptions.addAll(iceOptions);
        return this;
    }

    public MediaDescriptionBuilder addFingerprint(Fingerprint fingerprint) {
        fingerprints.add(requireNonNull(fingerprint, "fingerprint"));
        return this;
    }

    public MediaDescriptionBuilder setup(@Nullable SetupRole setup) {
        this.setup = setup;
        return this;
    }

    public MediaDescriptionBuilder mid(@Nullable String mid) {
        this.mid = mid;
        return this;
    }

    public MediaDescriptionBuilder extmapAllowMixed(boolean extmapAllowMixed) {
        this.extmapAllowMixed = extmapAllowMixed;
        return this;
    }

    public MediaDescriptionBuilder addExtmap(Extmap extmap) {
        extmaps.add(requireNonNull(extmap, "extmap"));
        return this;
    }

    public MediaDescriptionBuilder direction(@Nullable Direction direction) {
        this.direction = direction;
        return this;
    }

    public MediaDescriptionBuilder addMsid(Msid msid) {
        msids.add(requireNonNull(msid, "msid"));
        return this;
    }

    public MediaDescriptionBuilder rtcpMux(boolean rtcpMux) {
        this.rtcpMux = rtcpMux;
        return this;
    }

    public MediaDescriptionBuilder rtcpRsize(boolean rtcpRsize) {
        this.rtcpRsize = rtcpRsize;
        return this;
    }

    public MediaDescriptionBuilder rtcpXr(@Nullable RtcpXr rtcpXr) {
        this.rtcpXr = rtcpXr;
        return this;
    }

    public MediaDescriptionBuilder addRtpMap(RtpMap rtpMap) {
        rtpMaps.add(requireNonNull(rtpMap, "rtpMap"));
        return this;
    }

    public MediaDescriptionBuilder addRtcpFeedback(RtcpFeedback feedback) {
        rtcpFeedbacks.add(requireNonNull(feedback, "feedback"));
        return this;
    }

    public MediaDescriptionBuilder addFmtp(Fmtp fmtp) {
        fmtps.add(requireNonNull(fmtp, "fmtp"));
        return this;
    }

    /**
     * Adds a codec: its payload type to the formats, its {@code a=rtpmap}, {@code a=fmtp} (if
     * {@code fmtpParameters} is not null) and {@code a=rtcp-fb} lines.
     */
    public MediaDescriptionBuilder addCodec(RtpMap rtpMap, @Nullable String fmtpParameters, List<RtcpFeedback> feedback) {
        addFormat(Integer.toString(rtpMap.payloadType()));
        addRtpMap(rtpMap);
        feedback.forEach(this::addRtcpFeedback);
        if (fmtpParameters != null) {
            addFmtp(new Fmtp(rtpMap.payloadType(), fmtpParameters));
        }
        return this;
    }

    public MediaDescriptionBuilder addSsrcGroup(SsrcGroup group) {
        ssrcGroups.add(requireNonNull(group, "group"));
        return this;
    }

    public MediaDescriptionBuilder addSsrc(SsrcAttribute ssrc) {
        ssrcs.add(requireNonNull(ssrc, "ssrc"));
        return this;
    }

    public MediaDescriptionBuilder sctpPort(@Nullable Integer sctpPort) {
        this.sctpPort = sctpPort;
        return this;
    }

    public MediaDescriptionBuilder maxMessageSize(@Nullable Long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
        return this;
    }

    /** Appends an attribute this module has no typed field for. */
    public MediaDescriptionBuilder addAttribute(Attribute attribute) {
        otherAttributes.add(requireNonNull(attribute, "attribute"));
        return this;
    }

    /** Removes every attribute named {@code name} from the untyped attributes. */
    public MediaDescriptionBuilder removeAttributes(String name) {
        otherAttributes.removeIf(attribute -> attribute.name().equals(name));
        return this;
    }

    /** @throws IllegalArgumentException if a value is invalid, as the {@link MediaDescription} constructor says */
    public MediaDescription build() {
        return new MediaDescription(media, port, numberOfPorts, protocol, formats, otherLines, connection, bandwidths,
                                    rtcp, candidates, endOfCandidates, iceUfrag, icePwd, iceOptions, fingerprints,
                                    setup, mid, extmapAllowMixed, extmaps, direction, msids, rtcpMux, rtcpRsize,
                                    rtcpXr, rtpMaps, rtcpFeedbacks, fmtps, ssrcGroups, ssrcs, sctpPort,
                                    maxMessageSize, otherAttributes);
    }
}
