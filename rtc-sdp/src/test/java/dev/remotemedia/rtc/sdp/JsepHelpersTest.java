package dev.remotemedia.rtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a media section inherits from its session, and how sections are found (RFC 8829, RFC 9143). */
class JsepHelpersTest {
    private static final String SESSION_LEVEL = SdpRoundTripTest.lines(
            "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0",
            "a=group:BUNDLE b c",
            "a=ice-ufrag:sessUfrag",
            "a=ice-pwd:sessionPasswordIsLongEnough",
            "a=ice-options:trickle",
            "a=fingerprint:sha-256 00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F",
            "a=setup:actpass",
            "a=sendonly",
            "m=audio 9 UDP/TLS/RTP/SAVPF 0",
            "a=mid:a",
            "m=video 9 UDP/TLS/RTP/SAVPF 96",
            "a=mid:b",
            "a=ice-ufrag:mediaUfrag",
            "a=ice-options:ice2",
            "a=fingerprint:sha-1 00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13",
            "a=setup:passive",
            "a=inactive",
            "a=rtpmap:96 VP8/90000",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
            "a=mid:c",
            "a=sctp-port:5000");

    private final SessionDescription description = SdpParser.parse(SESSION_LEVEL).orElseThrow();
    private final MediaDescription audio = description.mediaByMid("a");
    private final MediaDescription video = description.mediaByMid("b");
    private final MediaDescription data = description.mediaByMid("c");

    @Test
    void sectionsAreFoundByMid() {
        assertThat(description.media()).containsExactly(audio, video, data);
        assertThat(description.mediaByMid("z")).isNull();
    }

    @Test
    void sectionWithoutIceCredentialsInheritsTheSessions() {
        assertThat(description.iceCredentials(audio)).isEqualTo(
                new IceCredentials("sessUfrag", "sessionPasswordIsLongEnough"));
    }

    @Test
    void mediaLevelCredentialOverridesOnlyItself() {
        assertThat(description.iceCredentials(video)).isEqualTo(
                new IceCredentials("mediaUfrag", "sessionPasswordIsLongEnough"));
    }

    @Test
    void credentialsAreMissingWhenNeitherLevelHasThem() {
        final SessionDescription bare = description.toBuilder().iceUfrag(null).build();

        assertThat(bare.iceCredentials(audio)).isNull();
        assertThat(bare.iceCredentials(video)).isNotNull();
    }

    @Test
    void credentialsNeverPrintThePassword() {
        assertThat(description.iceCredentials(audio).toString()).doesNotContain("sessionPassword");
    }

    @Test
    void fingerprintsSetupIceOptionsAndDirectionFallBackToTheSession() {
        assertThat(description.fingerprints(audio)).isEqualTo(description.fingerprints());
        assertThat(description.fingerprints(video)).singleElement().extracting(Fingerprint::hashFunction).isEqualTo("sha-1");
        assertThat(description.setup(audio)).isEqualTo(SetupRole.ACTPASS);
        assertThat(description.setup(video)).isEqualTo(SetupRole.PASSIVE);
        assertThat(description.iceOptions(audio)).containsExactly("trickle");
        assertThat(description.iceOptions(video)).containsExactly("ice2");
        assertThat(description.supportsTrickle(audio)).isTrue();
        assertThat(description.supportsTrickle(video)).isFalse();
        assertThat(description.direction(audio)).isEqualTo(Direction.SENDONLY);
        assertThat(description.direction(video)).isEqualTo(Direction.INACTIVE);
    }

    @Test
    void directionDefaultsToSendrecvWhenNoLevelSetsIt() {
        final SessionDescription plain = description.toBuilder().direction(null).build();

        assertThat(plain.direction(audio)).isEqualTo(Direction.SENDRECV);
        assertThat(plain.setup(audio)).isEqualTo(SetupRole.ACTPASS);
        assertThat(plain.toBuilder().setup(null).build().setup(audio)).isNull();
    }

    @Test
    void bundledSectionsUseTheTransportOfTheBundleTag() {
        assertThat(description.bundleGroups()).containsExactly(Group.bundle(List.of("b", "c")));
        assertThat(description.bundleGroupOf("c")).isEqualTo(Group.bundle(List.of("b", "c")));
        assertThat(description.bundleGroupOf("a")).isNull();
        assertThat(description.transportSection(data)).isSameAs(video);
        assertThat(description.transportSection(video)).isSameAs(video);
        assertThat(description.transportSection(audio)).isSameAs(audio);
    }

    @Test
    void dataChannelSectionIsTheSctpApplicationSection() {
        assertThat(description.dataChannelSection()).isSameAs(data);
        assertThat(data.isDataChannel()).isTrue();
        assertThat(video.isDataChannel()).isFalse();
        final SessionDescription withoutData = description.toBuilder()
                .media(List.of(audio, video)).groups(List.of()).build();
        assertThat(withoutData.dataChannelSection()).isNull();
    }

    @Test
    void staticPayloadTypeWithoutRtpmapStillNamesItsCodec() {
        assertThat(audio.rtpMaps()).isEmpty();
        assertThat(audio.rtpMap(0)).isEqualTo(new RtpMap(0, "PCMU", 8000, 1));
        assertThat(audio.codecs()).extracting(RtpCodec::name).containsExactly("PCMU");
        assertThat(video.rtpMap(97)).isNull();
        assertThat(data.payloadTypes()).isEmpty();
        assertThat(data.codecs()).isEmpty();
    }
}
