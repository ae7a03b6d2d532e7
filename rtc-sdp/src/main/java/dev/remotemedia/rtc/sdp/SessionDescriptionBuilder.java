package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link SessionDescription}. Setters replace a value; {@code add*} methods append to a
 * list. Values are checked when {@link #build()} is called.
 */
public final class SessionDescriptionBuilder {
    private Origin origin;
    private String sessionName = "-";
    private @Nullable Connection connection;
    private final List<Bandwidth> bandwidths = new ArrayList<>();
    private Timing timing = Timing.UNBOUNDED;
    private final List<SdpLine> otherLines = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private boolean extmapAllowMixed;
    private final List<MsidSemantic> msidSemantics = new ArrayList<>();
    private boolean iceLite;
    private @Nullable String iceUfrag;
    private @Nullable String icePwd;
    private final List<String> iceOptions = new ArrayList<>();
    private final List<Fingerprint> fingerprints = new ArrayList<>();
    private @Nullable SetupRole setup;
    private @Nullable Direction direction;
    private final List<Attribute> otherAttributes = new ArrayList<>();
    private final List<MediaDescription> media = new ArrayList<>();

    SessionDescriptionBuilder(Origin origin) {
        this.origin = requireNonNull(origin, "origin");
    }

    SessionDescriptionBuilder(SessionDescription s) {
        this(s.origin());
        sessionName = s.sessionName();
        connection = s.connection();
        bandwidths.addAll(s.bandwidths());
        timing = s.timing();
        otherLines.addAll(s.otherLines());
        groups.addAll(s.groups());
        extmapAllowMixed = s.extmapAllowMixed();
        msidSemantics.addAll(s.msidSemantics());
        iceLite = s.iceLite();
        iceUfrag = s.iceUfrag();
        icePwd = s.icePwd();
        iceOptions.addAll(s.iceOptions());
        fingerprints.addAll(s.fingerprints());
        setup = s.setup();
        direction = s.direction();
        otherAttributes.addAll(s.otherAttributes());
        media.addAll(s.media());
    }

    public SessionDescriptionBuilder origin(Origin origin) {
        this.origin = requireNonNull(origin, "origin");
        return this;
    }

    public SessionDescriptionBuilder sessionName(String sessionName) {
        this.sessionName = requireNonNull(sessionName, "sessionName");
        return this;
    }

    public SessionDescriptionBuilder connection(@Nullable Connection connection) {
        this.connection = connection;
        return this;
    }

    public SessionDescriptionBuilder addBandwidth(Bandwidth bandwidth) {
        bandwidths.add(requireNonNull(bandwidth, "bandwidth"));
        return this;
    }

    public SessionDescriptionBuilder timing(Timing timing) {
        this.timing = requireNonNull(timing, "timing");
        return this;
    }

    public SessionDescriptionBuilder addOtherLine(SdpLine line) {
        otherLines.add(requireNonNull(line, "line"));
        return this;
    }

    public SessionDescriptionBuilder addGroup(Group group) {
        groups.add(requireNonNull(group, "group"));
        return this;
    }

    /** Replaces the groups. */
    public SessionDescriptionBuilder groups(List<Group> groups) {
        this.groups.clear();
        this.groups.addAll(groups);
        return this;
    }

    /** {@code a=extmap-allow-mixed} (RFC 8285 §6): one- and two-byte header extensions may mix. */
    public SessionDescriptionBuilder extmapAllowMixed(boolean extmapAllowMixed) {
        this.extmapAllowMixed = extmapAllowMixed;
        return this;
    }

    public SessionDescriptionBuilder addMsidSemantic(MsidSemantic msidSemantic) {
        msidSemantics.add(requireNonNull(msidSemantic, "msidSemantic"));
        return this;
    }

    public SessionDescriptionBuilder iceLite(boolean iceLite) {
        this.iceLite = iceLite;
        return this;
    }

    /** {@code a=ice-ufrag} (RFC 8839 §5.4): 4 to 256 letters, digits, '+' or '/'. */
    public SessionDescriptionBuilder iceUfrag(@Nullable String iceUfrag) {
        this.iceUfrag = iceUfrag;
        return this;
    }

    /** {@code a=ice-pwd} (RFC 8839 §5.4): 22 to 256 letters, digits, '+' or '/'. */
    public SessionDescriptionBuilder icePwd(@Nullable String icePwd) {
        this.icePwd = icePwd;
        return this;
    }

    public SessionDescriptionBuilder iceOptions(List<String> iceOptions) {
        this.iceOptions.clear();
        this.iceOptions.addAll(iceOptions);
        return this;
    }

    public SessionDescriptionBuilder addFingerprint(Fingerprint fingerprint) {
        fingerprints.add(requireNonNull(fingerprint, "fingerprint"));
        return this;
    }

    public SessionDescriptionBuilder setup(@Nullable SetupRole setup) {
        this.setup = setup;
        return this;
    }

    public SessionDescriptionBuilder direction(@Nullable Direction direction) {
        this.direction = direction;
        return this;
    }

    /** Appends an attribute this module has no typed field for. */
    public SessionDescriptionBuilder addAttribute(Attribute attribute) {
        otherAttributes.add(requireNonNull(attribute, "attribute"));
        return this;
    }

    public SessionDescriptionBuilder addMedia(MediaDescription section) {
        media.add(requireNonNull(section, "section"));
        return this;
    }

    /** Replaces the media sections. */
    public SessionDescriptionBuilder media(List<MediaDescription> media) {
        this.media.clear();
        this.media.addAll(media);
        return this;
    }

    /** Replaces the media section at {@code index}. */
    public SessionDescriptionBuilder setMedia(int index, MediaDescription section) {
        media.set(index, requireNonNull(section, "section"));
        return this;
    }

    /** @throws IllegalArgumentException if a value is invalid, as the {@link SessionDescription} constructor says */
    public SessionDescription build() {
        return new SessionDescription(origin, sessionName, connection, bandwidths, timing, otherLines, groups,
                                      extmapAllowMixed, msidSemantics, iceLite, iceUfrag, icePwd, iceOptions,
                                      fingerprints, setup, direction, otherAttributes, media);
    }
}
