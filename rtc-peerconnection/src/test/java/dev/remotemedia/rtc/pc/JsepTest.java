package dev.remotemedia.rtc.pc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.sdp.Direction;
import dev.remotemedia.rtc.sdp.Extmap;
import dev.remotemedia.rtc.sdp.Fingerprint;
import dev.remotemedia.rtc.sdp.Group;
import dev.remotemedia.rtc.sdp.IceCredentials;
import dev.remotemedia.rtc.sdp.MediaDescription;
import dev.remotemedia.rtc.sdp.Msid;
import dev.remotemedia.rtc.sdp.Origin;
import dev.remotemedia.rtc.sdp.SdpParser;
import dev.remotemedia.rtc.sdp.SdpWriter;
import dev.remotemedia.rtc.sdp.SessionDescription;
import dev.remotemedia.rtc.sdp.SetupRole;
import dev.remotemedia.rtc.sdp.SsrcAttribute;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsepTest {
    private static final IceCredentials ICE = new IceCredentials("abcd", "0123456789abcdefghijklmn");
    private static final Fingerprint FINGERPRINT = Fingerprint.sha256(new byte[32]);
    private static final Origin ORIGIN = Origin.of("4611731400430051336", "2");

    private static SessionDescription chromium(String name) throws IOException {
        try (InputStream in = JsepTest.class.getResourceAsStream("/chromium/" + name)) {
            return SdpParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).orElseThrow();
        }
    }

    private static final List<Jsep.Section> DATA_ONLY = List.of(new Jsep.Data("0"));

    private static Jsep.Media audio(String mid, Direction direction) {
        return new Jsep.Media(mid, MediaKind.AUDIO, direction, 0x1234_5678L, "cname-of-test", "track-1", List.of("stream-1"));
    }

    /** Written and parsed again, as the remote side will see it. */
    private static SessionDescription overTheWire(SessionDescription description) {
        return SdpParser.parse(SdpWriter.write(description)).orElseThrow();
    }

    @Test
    void offerIsOneBundledDataChannelSectionThatParsesBack() {
        final SessionDescription offer = overTheWire(Jsep.offer(ORIGIN, ICE, List.of(FINGERPRINT), DATA_ONLY));
        assertThat(offer.media()).hasSize(1);
        final MediaDescription data = offer.media().get(0);
        assertThat(data.isDataChannel()).isTrue();
        assertThat(data.protocol()).isEqualTo("UDP/DTLS/SCTP");
        assertThat(offer.bundleGroupOf("0")).isNotNull();

        final TransportParameters parameters = Jsep.remoteParameters(offer);
        assertThat(parameters.mid()).isEqualTo("0");
        assertThat(parameters.ice()).isEqualTo(ICE);
        assertThat(parameters.fingerprints()).containsExactly(FINGERPRINT);
        assertThat(parameters.setup()).isEqualTo(SetupRole.ACTPASS);
        assertThat(parameters.sctpPort()).isEqualTo(5000);
        assertThat(parameters.maxMessageSize()).isEqualTo(262_144);
        assertThat(offer.supportsTrickle(data)).isTrue();
    }

    @Test
    void ourOfferIsShapedLikeChromiumsDataChannelOffer() throws IOException {
        final SessionDescription ours = overTheWire(Jsep.offer(ORIGIN, ICE, List.of(FINGERPRINT), DATA_ONLY));
        final MediaDescription theirs = chromium("offer-datachannel.sdp").media().get(0);
        final MediaDescription data = ours.media().get(0);
        assertThat(data.media()).isEqualTo(theirs.media());
        assertThat(data.protocol()).isEqualTo(theirs.protocol());
        assertThat(data.formats()).isEqualTo(theirs.formats());
        assertThat(data.sctpPort()).isEqualTo(theirs.sctpPort());
        assertThat(data.maxMessageSize()).isEqualTo(theirs.maxMessageSize());
        assertThat(data.setup()).isEqualTo(theirs.setup());
        assertThat(data.iceOptions()).isEqualTo(theirs.iceOptions());
    }

    @Test
    void answersChromiumsAudioVideoDataOfferByAcceptingOnlyTheDataChannel() throws IOException {
        final SessionDescription offer = chromium("offer-audio-video-datachannel.sdp");
        final SessionDescription answer = overTheWire(Jsep.answer(offer, ORIGIN, ICE, List.of(FINGERPRINT), Map.of(),
                                                                  true, null));

        assertThat(answer.media()).extracting(MediaDescription::mid).containsExactly("0", "1", "2");
        assertThat(answer.media()).extracting(MediaDescription::media).containsExactly("audio", "video", "application");
        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(0, 0, 9);
        assertThat(answer.bundleGroups()).hasSize(1);
        assertThat(answer.bundleGroups().get(0).mids()).containsExactly("2");

        final TransportParameters ours = Jsep.remoteParameters(answer);
        assertThat(ours.mid()).isEqualTo("2");
        assertThat(ours.setup()).isEqualTo(SetupRole.ACTIVE);
        assertThat(ours.ice()).isEqualTo(ICE);

        final TransportParameters theirs = Jsep.remoteParameters(offer);
        assertThat(theirs.mid()).as("the BUNDLE tag: the first mid of the group").isEqualTo("0");
        assertThat(theirs.hasData()).isTrue();
        assertThat(theirs.fingerprints()).hasSize(1);
        assertThat(theirs.fingerprints().get(0).hashFunction()).isEqualTo("sha-256");
        assertThat(theirs.maxMessageSize()).isEqualTo(262_144);
    }

    @ParameterizedTest
    @CsvSource({"ACTPASS, ACTIVE", "PASSIVE, ACTIVE", "ACTIVE, PASSIVE"})
    void answerRoleFollowsRfc8842(SetupRole offered, SetupRole answered) {
        final SessionDescription base = Jsep.offer(ORIGIN, ICE, List.of(FINGERPRINT), DATA_ONLY);
        final SessionDescription offer = base.toBuilder()
                .setMedia(0, base.media().get(0).toBuilder().setup(offered).build()).build();
        final SessionDescription answer = Jsep.answer(offer, ORIGIN, ICE, List.of(FINGERPRINT), Map.of(), true, null);
        assertThat(answer.media().get(0).setup()).isEqualTo(answered);
    }

    @Test
    void missingAttributesDefaultAsRfc8841Says() {
        final SessionDescription base = Jsep.offer(ORIGIN, ICE, List.of(FINGERPRINT), DATA_ONLY);
        final SessionDescription offer = base.toBuilder()
                .setMedia(0, base.media().get(0).toBuilder().sctpPort(null).maxMessageSize(null).build()).build();
        final TransportParameters parameters = Jsep.remoteParameters(offer);
        assertThat(parameters.sctpPort()).isEqualTo(5000);
        assertThat(parameters.maxMessageSize()).isEqualTo(65_536);
    }

    @Test
    void aDescriptionWithoutDataIsFineButOneWithNothingToConnectIsRefused() throws IOException {
        final SessionDescription base = Jsep.offer(ORIGIN, ICE, List.of(FINGERPRINT), DATA_ONLY);
        final MediaDescription data = base.media().get(0);

        final SessionDescription chromium = chromium("offer-audio-video-datachannel.sdp");
        final SessionDescription withoutData = chromium.toBuilder()
                .media(chromium.media().subList(0, 2)).groups(List.of()).build();
        final TransportParameters parameters = Jsep.remoteParameters(withoutData);
        assertThat(parameters.hasData()).isFalse();
        assertThat(parameters.mid()).isEqualTo("0");
        assertThatThrownBy(() -> Jsep.remoteParameters(
                base.toBuilder().setMedia(0, data.toBuilder().port(0).build()).build()))
                .hasMessageContaining("every media section of the description is rejected");
        assertThatThrownBy(() -> Jsep.remoteParameters(
                base.toBuilder().setMedia(0, data.toBuilder().setup(SetupRole.HOLDCONN).build()).build()))
                .hasMessageContaining("holdconn");
    }

    @Test
    void offersAudioWithOpusRtcpMuxAndTheSendersSsrcBundledWithData() {
        final SessionDescription offer = overTheWire(Jsep.offer(
                ORIGIN, ICE, List.of(FINGERPRINT), List.of(audio("0", Direction.SENDRECV), new Jsep.Data("1"))));
        assertThat(offer.media()).extracting(MediaDescription::media).containsExactly("audio", "application");
        assertThat(offer.bundleGroups().get(0).mids()).containsExactly("0", "1");
        final MediaDescription audio = offer.media().get(0);
        assertThat(audio.protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(audio.codecs()).singleElement().satisfies(codec -> {
            assertThat(codec.payloadType()).isEqualTo(111);
            assertThat(codec.name()).isEqualTo("opus");
            assertThat(codec.clockRate()).isEqualTo(48_000);
            assertThat(codec.channels()).isEqualTo(2);
            assertThat(codec.fmtp().parameter("useinbandfec")).isEqualTo("1");
        });
        assertThat(audio.extmap(Jsep.EXT_MID).id()).isEqualTo(4);
        assertThat(audio.ssrcAttributes(0x1234_5678L)).extracting(SsrcAttribute::attribute).contains("cname");
        assertThat(audio.msids()).extracting(Msid::streamId).containsExactly("stream-1");
        assertThat(Jsep.acceptable(offer, audio)).isNull();
        assertThat(Jsep.remoteParameters(offer).mid()).isEqualTo("0");
    }

    @Test
    void aRecvonlyOfferCarriesNoSsrc() {
        final SessionDescription offer = overTheWire(Jsep.offer(
                ORIGIN, ICE, List.of(FINGERPRINT), List.of(audio("0", Direction.RECVONLY))));
        assertThat(offer.media().get(0).ssrcs()).isEmpty();
        assertThat(offer.media().get(0).direction()).isEqualTo(Direction.RECVONLY);
    }

    @Test
    void answersChromiumsAudioWithItsOpusPayloadTypeAndExtensionIdsAndRejectsVideo() throws IOException {
        final SessionDescription offer = chromium("offer-audio-video-datachannel.sdp");
        final SessionDescription answer = overTheWire(Jsep.answer(
                offer, ORIGIN, ICE, List.of(FINGERPRINT), Map.of("0", audio("0", Direction.SENDRECV)), true, null));
        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(9, 0, 9);
        assertThat(answer.bundleGroups().get(0).mids()).containsExactly("0", "2");
        final MediaDescription audio = answer.media().get(0);
        assertThat(audio.payloadTypes()).containsExactly(111);
        assertThat(audio.extmaps()).extracting(Extmap::uri)
                                   .containsExactlyInAnyOrder(Jsep.EXT_AUDIO_LEVEL, Jsep.EXT_ABS_SEND_TIME, Jsep.EXT_MID);
        assertThat(audio.extmap(Jsep.EXT_MID).id()).as("the offer's id").isEqualTo(4);
        assertThat(audio.extmap(Jsep.EXT_AUDIO_LEVEL).id()).isEqualTo(1);
        assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(audio.setup()).isEqualTo(SetupRole.ACTIVE);
        assertThat(audio.ssrcs()).isNotEmpty();
        assertThat(Jsep.acceptable(offer, offer.media().get(1))).as("no video format of ours")
                                                               .contains("video: no codec both sides have");
    }

    @Test
    void answersChromiumsVideoWithOurFormatsInOurOrderOnItsPayloadTypesWithRtxAndFeedback() throws IOException {
        final SessionDescription offer = chromium("offer-audio-video-datachannel.sdp");
        final List<VideoFormat> ours = List.of(VideoFormat.H264, VideoFormat.VP8);
        final Jsep.Media video = new Jsep.Media("1", MediaKind.VIDEO, Direction.RECVONLY, 0x1111_2222L, "cname-of-test", "-",
                                                List.of(), ours, 0x3333_4444L);
        assertThat(Jsep.acceptable(offer, offer.media().get(1), ours)).isNull();
        final SessionDescription answer = overTheWire(Jsep.answer(offer, ORIGIN, ICE, List.of(FINGERPRINT),
                                                                  Map.of("1", video), true, null));
        final MediaDescription section = answer.media().get(1);
        assertThat(section.port()).isEqualTo(9);
        // H264 first (our preference), on Chromium's first baseline packetization-mode=1 type, then VP8; each with its RTX.
        assertThat(section.codecs()).extracting(c -> c.name() + "/" + c.payloadType())
                                    .startsWith("H264/" + section.codecs().get(0).payloadType());
        final List<Jsep.VideoCodec> codecs = Jsep.videoCodecs(section, ours);
        assertThat(codecs).extracting(Jsep.VideoCodec::format).containsExactly(VideoFormat.H264, VideoFormat.VP8);
        assertThat(codecs.get(1).codec().payloadType()).isEqualTo(96);
        assertThat(codecs.get(1).rtxPayloadType()).isEqualTo(97);
        assertThat(codecs).allSatisfy(c -> {
            assertThat(c.rtxPayloadType()).isNotNegative();
            assertThat(c.codec().hasFeedback("nack", null)).isTrue();
            assertThat(c.codec().hasFeedback("nack", "pli")).isTrue();
            assertThat(c.codec().hasFeedback("ccm", "fir")).isTrue();
        });
        assertThat(section.extmaps()).extracting(Extmap::uri).containsExactlyInAnyOrder(Jsep.EXT_ABS_SEND_TIME, Jsep.EXT_MID);
        assertThat(section.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(section.ssrcs()).as("a receive-only answer announces no stream").isEmpty();

        final VideoNegotiation negotiated = VideoNegotiation.of(section, offer.media().get(1), ours);
        assertThat(negotiated).isNotNull();
        assertThat(negotiated.format()).isEqualTo(VideoFormat.H264);
        assertThat(negotiated.rtxToMedia()).containsEntry(97, 96);
        assertThat(negotiated.nack()).isTrue();
        assertThat(negotiated.pli()).isTrue();
    }

    @Test
    void ourVideoOfferHasEveryFormatWithRtxAndPairsTheRtxSsrc() {
        final List<VideoFormat> ours = List.of(VideoFormat.VP8, VideoFormat.H264, VideoFormat.VP9, VideoFormat.AV1);
        final SessionDescription offer = overTheWire(Jsep.offer(ORIGIN, ICE, List.of(FINGERPRINT), List.of(
                new Jsep.Media("0", MediaKind.VIDEO, Direction.SENDRECV, 0x1111_2222L, "cname-of-test", "track-v",
                               List.of("stream-1"), ours, 0x3333_4444L))));
        final MediaDescription section = offer.media().get(0);
        assertThat(section.media()).isEqualTo("video");
        assertThat(section.payloadTypes()).containsExactly(96, 97, 102, 103, 98, 99, 45, 46);
        assertThat(Jsep.videoCodecs(section, ours)).extracting(Jsep.VideoCodec::format).containsExactlyElementsOf(ours);
        assertThat(section.ssrcGroups()).singleElement().satisfies(g -> {
            assertThat(g.semantics()).isEqualTo("FID");
            assertThat(g.ssrcs()).containsExactly(0x1111_2222L, 0x3333_4444L);
        });
        assertThat(Jsep.acceptable(offer, section, ours)).isNull();
        assertThat(Jsep.acceptable(offer, section, List.of())).contains("no codec both sides have");
    }

    @ParameterizedTest
    @CsvSource({"SENDRECV, SENDONLY, RECVONLY", "SENDRECV, RECVONLY, SENDONLY", "RECVONLY, RECVONLY, INACTIVE",
                "SENDONLY, SENDRECV, SENDONLY", "INACTIVE, SENDRECV, INACTIVE"})
    void answerDirectionIsWhatWeWantWithinWhatTheOfferAllows(Direction ours, Direction offered, Direction answered) {
        final SessionDescription base = Jsep.offer(ORIGIN, ICE, List.of(FINGERPRINT),
                                                   List.of(audio("0", Direction.SENDRECV)));
        final SessionDescription offer = base.toBuilder()
                .setMedia(0, base.media().get(0).toBuilder().direction(offered).build()).build();
        final SessionDescription answer = Jsep.answer(offer, ORIGIN, ICE, List.of(FINGERPRINT),
                                                      Map.of("0", audio("0", ours)), false, null);
        assertThat(answer.media().get(0).direction()).isEqualTo(answered);
    }

    @Test
    void aReAnswerKeepsTheDtlsRoleOfTheRunningAssociation() {
        final SessionDescription reOffer = Jsep.offer(ORIGIN, ICE, List.of(FINGERPRINT), DATA_ONLY); // actpass
        assertThat(Jsep.answer(reOffer, ORIGIN, ICE, List.of(FINGERPRINT), Map.of(), true, SetupRole.PASSIVE)
                       .media().get(0).setup()).isEqualTo(SetupRole.PASSIVE);
        assertThat(Jsep.answer(reOffer, ORIGIN, ICE, List.of(FINGERPRINT), Map.of(), true, null)
                       .media().get(0).setup()).as("a first answer takes active").isEqualTo(SetupRole.ACTIVE);
    }

    @Test
    void rtpSectionsWeCannotCarryAreNamedWithTheReason() {
        final SessionDescription offer = Jsep.offer(ORIGIN, ICE, List.of(FINGERPRINT),
                                                    List.of(audio("0", Direction.SENDRECV), audio("1", Direction.SENDRECV)));
        final MediaDescription audio = offer.media().get(1);
        assertThat(Jsep.acceptable(offer, audio.toBuilder().rtcpMux(false).build())).contains("rtcp-mux");
        final SessionDescription noOpus = offer.toBuilder()
                .setMedia(1, MediaDescription.builder("audio", 9, "UDP/TLS/RTP/SAVPF").addFormat("0").mid("1")
                                             .rtcpMux(true).build()).build();
        assertThat(Jsep.acceptable(noOpus, noOpus.media().get(1))).contains("opus");
        final SessionDescription unbundled = offer.toBuilder().groups(List.of(Group.bundle(List.of("0")))).build();
        assertThat(Jsep.acceptable(unbundled, unbundled.media().get(1))).contains("BUNDLE");
        assertThat(Jsep.acceptable(offer, audio.toBuilder().port(0).build())).contains("port 0");
        final SessionDescription answer = Jsep.answer(unbundled, ORIGIN, ICE, List.of(FINGERPRINT),
                                                      Map.of("0", audio("0", Direction.SENDRECV),
                                                             "1", audio("1", Direction.SENDRECV)), false, null);
        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(9, 0);
    }
}
