package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A session description (RFC 8866 §5) as WebRTC uses it (RFC 8829 JSEP): the session-level lines
 * and attributes, then the media sections in order. Attributes this module knows are typed;
 * others stay in {@link #otherAttributes()} and other lines in {@link #otherLines()}, in order.
 * Parse one with {@link SdpParser}, write one with {@link SdpWriter}, build one with
 * {@link #builder(Origin)}.
 *
 * <p>The JSEP helpers resolve what a media section inherits from the session: ICE credentials,
 * fingerprints, setup role and direction set at media level override the session level.
 *
 * @param otherLines session-level lines without a typed field ({@code i u e p r z k}, further
 *                   {@code t=}, unknown types), kept in RFC 8866 §5 order by type and otherwise as given
 * @param groups     {@code a=group} lines (RFC 5888), such as BUNDLE (RFC 9143)
 * @param iceLite    {@code a=ice-lite} (RFC 8839 §5.3)
 */
public record SessionDescription(
        Origin origin, String sessionName, @Nullable Connection connection, List<Bandwidth> bandwidths,
        Timing timing, List<SdpLine> otherLines, List<Group> groups, boolean extmapAllowMixed,
        List<MsidSemantic> msidSemantics, boolean iceLite, @Nullable String iceUfrag, @Nullable String icePwd,
        List<String> iceOptions, List<Fingerprint> fingerprints, @Nullable SetupRole setup,
        @Nullable Direction direction, List<Attribute> otherAttributes, List<MediaDescription> media) {

    public SessionDescription {
        requireNonNull(origin, "origin");
        Tokens.checkText(requireNonNull(sessionName, "sessionName"), "sessionName");
        bandwidths = List.copyOf(bandwidths);
        requireNonNull(timing, "timing");
        final List<SdpLine> sortedLines = new ArrayList<>(otherLines);
        sortedLines.sort(Comparator.comparingInt(SdpLine::sessionPlace));
        otherLines = List.copyOf(sortedLines);
        for (SdpLine line : otherLines) {
            if ("voscbam".indexOf(line.type()) >= 0) {
                throw new IllegalArgumentException("otherLines: " + line.type() + "= (expected: a type without a typed field)");
            }
        }
        groups = List.copyOf(groups);
        msidSemantics = List.copyOf(msidSemantics);
        Tokens.checkIceCredential(iceUfrag, "iceUfrag", 4);
        Tokens.checkIceCredential(icePwd, "icePwd", 22);
        iceOptions = List.copyOf(iceOptions);
        iceOptions.forEach(option -> Tokens.checkToken(option, "iceOptions"));
        fingerprints = List.copyOf(fingerprints);
        otherAttributes = List.copyOf(otherAttributes);
        for (Attribute attribute : otherAttributes) {
            if (SessionAttributeParser.isKnown(attribute.name())) {
                throw new IllegalArgumentException("otherAttributes: " + attribute.name()
                                                   + " (expected: an attribute without a typed field)");
            }
        }
        media = List.copyOf(media);
        checkMids(media, groups);
    }

    /** A builder with {@code s=-}, {@code t=0 0} and nothing else, as JSEP starts (RFC 8829 §5.2.1). */
    public static SessionDescriptionBuilder builder(Origin origin) {
        return new SessionDescriptionBuilder(origin);
    }

    public SessionDescriptionBuilder toBuilder() {
        return new SessionDescriptionBuilder(this);
    }

    /** {@code v=}: RFC 8866 defines only version 0, the only one the parser accepts. */
    public int version() {
        return 0;
    }

    /** The media section whose {@code a=mid} is {@code mid}, or {@code null}. */
    public @Nullable MediaDescription mediaByMid(String mid) {
        requireNonNull(mid, "mid");
        for (MediaDescription section : media) {
            if (mid.equals(section.mid())) {
                return section;
            }
        }
        return null;
    }

    /** The {@code a=group:BUNDLE} groups (RFC 9143 §7.1), in order. */
    public List<Group> bundleGroups() {
        final List<Group> result = new ArrayList<>();
        groups.forEach(group -> {
            if (group.isBundle()) {
                result.add(group);
            }
        });
        return List.copyOf(result);
    }

    /** The BUNDLE group that contains {@code mid}, or {@code null}. */
    public @Nullable Group bundleGroupOf(String mid) {
        requireNonNull(mid, "mid");
        for (Group group : groups) {
            if (group.isBundle() && group.mids().contains(mid)) {
                return group;
            }
        }
        return null;
    }

    /**
     * The section whose transport (ICE, DTLS) {@code section} uses: with BUNDLE, the section named
     * by the first mid of its group, the BUNDLE tag (RFC 9143 §7.2); otherwise the section itself.
     */
    public MediaDescription transportSection(MediaDescription section) {
        final String mid = section.mid();
        final Group group = mid == null ? null : bundleGroupOf(mid);
        final MediaDescription tagged = group == null || group.mids().isEmpty() ? null : mediaByMid(group.mids().get(0));
        return tagged == null ? section : tagged;
    }

    /** The first data channel section ({@code m=application ... webrtc-datachannel}), or {@code null}. */
    public @Nullable MediaDescription dataChannelSection() {
        for (MediaDescription section : media) {
            if (section.isDataChannel()) {
                return section;
            }
        }
        return null;
    }

    /** The ICE ufrag and password for {@code section}, each from the section or else the session; null if either is missing. */
    public @Nullable IceCredentials iceCredentials(MediaDescription section) {
        final String ufrag = section.iceUfrag() != null ? section.iceUfrag() : iceUfrag;
        final String pwd = section.icePwd() != null ? section.icePwd() : icePwd;
        return ufrag == null || pwd == null ? null : new IceCredentials(ufrag, pwd);
    }

    /** The ICE options for {@code section}: its own, else the session's. */
    public List<String> iceOptions(MediaDescription section) {
        return section.iceOptions().isEmpty() ? iceOptions : section.iceOptions();
    }

    /** The DTLS fingerprints for {@code section}: its own, else the session's (RFC 8122 §5). */
    public List<Fingerprint> fingerprints(MediaDescription section) {
        return section.fingerprints().isEmpty() ? fingerprints : section.fingerprints();
    }

    /** The setup role for {@code section}: its own, else the session's, else {@code null}. */
    public @Nullable SetupRole setup(MediaDescription section) {
        return section.setup() != null ? section.setup() : setup;
    }

    /** The direction of {@code section}: its own, else the session's, else sendrecv (RFC 8866 §6.7). */
    public Direction direction(MediaDescription section) {
        if (section.direction() != null) {
            return section.direction();
        }
        return direction != null ? direction : Direction.SENDRECV;
    }

    /** Whether {@code a=ice-options:trickle} (RFC 8840 §4.1.1) applies to {@code section}. */
    public boolean supportsTrickle(MediaDescription section) {
        return iceOptions(section).contains("trickle");
    }

    /** The first attribute named {@code name} among {@link #otherAttributes()}, or {@code null}. */
    public @Nullable Attribute otherAttribute(String name) {
        for (Attribute attribute : otherAttributes) {
            if (attribute.name().equals(name)) {
                return attribute;
            }
        }
        return null;
    }

    /** JSEP (RFC 8829 §5.8) needs unique mids; RFC 5888 §5 groups may only name existing ones. */
    private static void checkMids(List<MediaDescription> media, List<Group> groups) {
        final Set<String> mids = new HashSet<>();
        for (MediaDescription section : media) {
            if (section.mid() != null && !mids.add(section.mid())) {
                throw new IllegalArgumentException("media: mid " + section.mid() + " appears twice (expected: unique)");
            }
        }
        for (Group group : groups) {
            for (String mid : group.mids()) {
                if (!mids.contains(mid)) {
                    throw new IllegalArgumentException("groups: " + group.semantics() + " names mid " + mid
                                                       + ", which no media section has");
                }
            }
        }
    }
}
