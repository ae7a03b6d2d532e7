package dev.remotemedia.rtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model's values: their checks, equality and helpers. */
class ModelTest {

    @Test
    void fingerprintComparesByValueAndCopiesItsDigest() {
        final byte[] digest = new byte[32];
        final Fingerprint fingerprint = Fingerprint.sha256(digest);
        digest[0] = 1;

        assertThat(fingerprint.digest()[0]).isZero();
        fingerprint.digest()[0] = 7;
        assertThat(fingerprint.digest()[0]).isZero();
        assertThat(fingerprint).isEqualTo(new Fingerprint("SHA-256", new byte[32]))
                               .hasSameHashCodeAs(new Fingerprint("sha-256", new byte[32]))
                               .isNotEqualTo(Fingerprint.sha256(digest));
        assertThat(fingerprint.matches(new byte[32])).isTrue();
        assertThat(fingerprint.matches(digest)).isFalse();
        assertThat(fingerprint.matches(new byte[20])).isFalse();
    }

    @Test
    void fingerprintWritesUpperCaseHexPairs() {
        final byte[] digest = new byte[20];
        digest[0] = (byte) 0xAB;
        digest[19] = 0x0F;

        assertThat(new Fingerprint("sha-1", digest).toSdpValue())
                .isEqualTo("sha-1 AB:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:0F");
        assertThat(new Fingerprint("sha-1", digest).toString()).startsWith("Fingerprint[sha-1 AB:");
    }

    @Test
    void fingerprintDigestMustMatchItsHashFunction() {
        assertThat(Fingerprint.digestLength("SHA-512")).isEqualTo(64);
        assertThat(Fingerprint.digestLength("sha-3")).isNull();
        assertThatThrownBy(() -> Fingerprint.sha256(new byte[31]))
                .hasMessage("digest: 31 bytes (expected: 32 for sha-256)");
        assertThatThrownBy(() -> new Fingerprint("crc32", new byte[4])).hasMessageContaining("hashFunction: crc32");
    }

    @Test
    void fmtpReadsKeyValueParameters() {
        final Fmtp fmtp = new Fmtp(102, "level-asymmetry-allowed=1; packetization-mode=1;profile-level-id=42001f;x");

        assertThat(fmtp.parameterMap()).containsExactly(
                Map.entry("level-asymmetry-allowed", "1"), Map.entry("packetization-mode", "1"),
                Map.entry("profile-level-id", "42001f"), Map.entry("x", ""));
        assertThat(fmtp.parameter("packetization-mode")).isEqualTo("1");
        assertThat(fmtp.parameter("absent")).isNull();
    }

    @Test
    void directionReversesForTheOtherPeer() {
        assertThat(Direction.SENDONLY.reversed()).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.RECVONLY.reversed()).isEqualTo(Direction.SENDONLY);
        assertThat(Direction.SENDRECV.reversed()).isEqualTo(Direction.SENDRECV);
        assertThat(Direction.INACTIVE.reversed()).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.SENDONLY.sends()).isTrue();
        assertThat(Direction.SENDONLY.receives()).isFalse();
        assertThat(Direction.fromAttributeName("recvonly")).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.fromAttributeName("sendRecv")).isNull();
    }

    @Test
    void enumsMapToTheirSdpValues() {
        assertThat(SetupRole.fromValue("holdconn")).isEqualTo(SetupRole.HOLDCONN);
        assertThat(SetupRole.fromValue("ACTPASS")).isNull();
        assertThat(CandidateType.fromValue("prflx")).isEqualTo(CandidateType.PEER_REFLEXIVE);
        assertThat(TcpType.fromValue("so")).isEqualTo(TcpType.SIMULTANEOUS_OPEN);
        assertThat(TcpType.fromValue("SO")).isNull();
    }

    @Test
    void originVersionIncrementsBeyondSixtyFourBits() {
        assertThat(Origin.of("1", "2").withNextVersion().sessionVersion()).isEqualTo("3");
        assertThat(Origin.of("1", "18446744073709551615").withNextVersion().sessionVersion())
                .isEqualTo("18446744073709551616");
    }

    @Test
    void valuesThatCouldNotBeWrittenAreRefused() {
        assertThatThrownBy(() -> new RtpMap(128, "VP8", 90000, null)).hasMessage("payloadType: 128 (expected: 0..127)");
        assertThatThrownBy(() -> new Extmap(15 + 256, null, "urn:x", null)).hasMessageContaining("id: 271");
        assertThatThrownBy(() -> new Attribute("bad name", null)).hasMessageContaining("name: 'bad name'");
        assertThatThrownBy(() -> Attribute.of("x", "a\r\nb=c")).hasMessageContaining("CR, LF or NUL");
        assertThatThrownBy(() -> new SdpLine('A', "x")).hasMessageContaining("expected: a-z");
        assertThatThrownBy(() -> new Group("BUNDLE", List.of("0", "0"))).hasMessageContaining("each once");
        assertThatThrownBy(() -> new SsrcAttribute(1L << 32, "cname", "x")).hasMessageContaining("ssrc");
        assertThatThrownBy(() -> new RtcpFeedback(96, "nack", "")).hasMessageContaining("parameter: blank");
        assertThatThrownBy(() -> new Timing(-1, 0)).hasMessageContaining("startTime");
        assertThatThrownBy(() -> new Origin("-", "x", "1", "IN", "IP4", "127.0.0.1")).hasMessageContaining("sessionId");
    }

    @Test
    void mediaSectionRefusesWhatTheParserWouldRefuse() {
        final MediaDescriptionBuilder audio = MediaDescription.builder("audio", 9, "UDP/TLS/RTP/SAVPF");

        assertThatThrownBy(audio::build).hasMessage("formats: empty (expected: at least one)");
        assertThatThrownBy(() -> audio.addFormat("opus").build()).hasMessageContaining("expected: RTP payload types 0..127");
        final MediaDescriptionBuilder valid = MediaDescription.builder("audio", 9, "UDP/TLS/RTP/SAVPF").addFormat("111");
        assertThatThrownBy(() -> valid.iceUfrag("abc").build()).hasMessageContaining("iceUfrag: 3 characters");
        assertThatThrownBy(() -> valid.iceUfrag(null).addAttribute(Attribute.of("mid", "0")).build())
                .hasMessageContaining("otherAttributes: mid (expected: an attribute without a typed field)");
        assertThatThrownBy(() -> valid.removeAttributes("mid").addOtherLine(new SdpLine('t', "0 0")).build())
                .hasMessageContaining("otherLines: t=");
        assertThatThrownBy(() -> MediaDescription.builder("audio", 70000, "RTP/AVP").addFormat("0").build())
                .hasMessageContaining("port: 70000");
        assertThatThrownBy(() -> MediaDescription.builder("audio", 9, "RTP//AVP").addFormat("0").build())
                .hasMessageContaining("protocol");
    }

    @Test
    void sessionRefusesDuplicateMidsAndGroupsNamingMissingMids() {
        final MediaDescription section = MediaDescription.builder("application", 9, "UDP/DTLS/SCTP")
                .addFormat(MediaDescription.DATA_CHANNEL_FORMAT).mid("0").build();
        final SessionDescriptionBuilder builder = SessionDescription.builder(Origin.of("1", "1"));

        assertThatThrownBy(() -> builder.addMedia(section).addMedia(section).build()).hasMessageContaining("mid 0 appears twice");
        assertThatThrownBy(() -> builder.media(List.of(section)).addGroup(Group.bundle(List.of("0", "1"))).build())
                .hasMessageContaining("names mid 1, which no media section has");
        assertThatThrownBy(() -> builder.groups(List.of()).addAttribute(Attribute.of("group", "BUNDLE 0")).build())
                .hasMessageContaining("otherAttributes: group");
    }

    @Test
    void rtpAttributesAreOrderedByTheFormatsWhateverOrderTheyWereAddedIn() {
        final MediaDescription video = MediaDescription.builder("video", 9, "UDP/TLS/RTP/SAVPF")
                .formats(List.of("97", "96"))
                .addRtpMap(new RtpMap(100, "red", 90000, null))
                .addRtpMap(new RtpMap(96, "VP8", 90000, null))
                .addRtpMap(new RtpMap(97, "VP9", 90000, null))
                .addRtcpFeedback(new RtcpFeedback(RtcpFeedback.ANY_PAYLOAD_TYPE, "nack", null))
                .addRtcpFeedback(new RtcpFeedback(96, "nack", "pli"))
                .addRtcpFeedback(new RtcpFeedback(97, "nack", "pli"))
                .build();

        assertThat(video.rtpMaps()).extracting(RtpMap::payloadType).containsExactly(97, 96, 100);
        assertThat(video.rtcpFeedbacks()).extracting(RtcpFeedback::payloadType)
                .containsExactly(97, 96, RtcpFeedback.ANY_PAYLOAD_TYPE);
        assertThat(video.rtcpFeedback(96)).extracting(RtcpFeedback::toSdpValue).containsExactly("96 nack pli", "* nack");
        assertThat(video.codecs()).extracting(RtpCodec::name).containsExactly("VP9", "VP8");
    }
}
