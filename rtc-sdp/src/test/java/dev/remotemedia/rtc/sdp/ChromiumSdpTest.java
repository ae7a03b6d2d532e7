package dev.remotemedia.rtc.sdp;

import static dev.remotemedia.rtc.sdp.ChromiumCaptures.ANSWER_AV_DATA;
import static dev.remotemedia.rtc.sdp.ChromiumCaptures.ANSWER_DATA;
import static dev.remotemedia.rtc.sdp.ChromiumCaptures.OFFER_AV_DATA;
import static dev.remotemedia.rtc.sdp.ChromiumCaptures.OFFER_AV_DATA_GATHERED;
import static dev.remotemedia.rtc.sdp.ChromiumCaptures.OFFER_DATA;
import static dev.remotemedia.rtc.sdp.ChromiumCaptures.OFFER_DATA_GATHERED;
import static dev.remotemedia.rtc.sdp.ChromiumCaptures.OFFER_DATA_GATHERED_MDNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

/** Descriptions and candidates captured from Chromium 156 parse to the right values and write back unchanged. */
class ChromiumSdpTest {
    static final List<String> DESCRIPTIONS = ChromiumCaptures.DESCRIPTIONS;

    @ParameterizedTest
    @FieldSource("DESCRIPTIONS")
    void chromiumDescriptionWritesBackByteForByte(String name) {
        final String sdp = ChromiumCaptures.read(name);
        assertThat(SdpWriter.write(SdpParser.parse(sdp).orElseThrow())).isEqualTo(sdp);
    }

    @ParameterizedTest
    @FieldSource("DESCRIPTIONS")
    void chromiumDescriptionReparsesToAnEqualModel(String name) {
        final SessionDescription parsed = ChromiumCaptures.parse(name);
        assertThat(SdpParser.parse(SdpWriter.write(parsed)).orElseThrow()).isEqualTo(parsed);
    }

    @ParameterizedTest
    @FieldSource("DESCRIPTIONS")
    void chromiumDescriptionKeepsNoAttributeUntyped(String name) {
        final SessionDescription parsed = ChromiumCaptures.parse(name);
        assertThat(parsed.otherAttributes()).isEmpty();
        assertThat(parsed.otherLines()).isEmpty();
        parsed.media().forEach(section -> {
            assertThat(section.otherAttributes()).isEmpty();
            assertThat(section.otherLines()).isEmpty();
        });
    }

    @Test
    void dataChannelOfferHasOneBundledSctpSection() {
        final SessionDescription offer = ChromiumCaptures.parse(OFFER_DATA);

        assertThat(offer.version()).isZero();
        assertThat(offer.origin()).isEqualTo(new Origin("-", "4283400785664140258", "2", "IN", "IP4", "127.0.0.1"));
        assertThat(offer.sessionName()).isEqualTo("-");
        assertThat(offer.timing()).isEqualTo(Timing.UNBOUNDED);
        assertThat(offer.groups()).containsExactly(Group.bundle(List.of("0")));
        assertThat(offer.extmapAllowMixed()).isTrue();
        assertThat(offer.msidSemantics()).containsExactly(new MsidSemantic("WMS", List.of()));
        assertThat(offer.media()).hasSize(1);

        final MediaDescription data = offer.media().get(0);
        assertThat(data.media()).isEqualTo("application");
        assertThat(data.port()).isEqualTo(9);
        assertThat(data.protocol()).isEqualTo("UDP/DTLS/SCTP");
        assertThat(data.formats()).containsExactly("webrtc-datachannel");
        assertThat(data.isDataChannel()).isTrue();
        assertThat(data.isRtp()).isFalse();
        assertThat(data.connection()).isEqualTo(Connection.PLACEHOLDER);
        assertThat(data.mid()).isEqualTo("0");
        assertThat(data.iceUfrag()).isEqualTo("CdZD");
        assertThat(data.icePwd()).isEqualTo("bNAwO10nRswBNziBzxDj60vc");
        assertThat(data.iceOptions()).containsExactly("trickle");
        assertThat(data.setup()).isEqualTo(SetupRole.ACTPASS);
        assertThat(data.sctpPort()).isEqualTo(5000);
        assertThat(data.maxMessageSize()).isEqualTo(262144L);
        assertThat(data.candidates()).isEmpty();
        assertThat(data.fingerprints()).containsExactly(Fingerprint.sha256(HexFormat.ofDelimiter(":").parseHex(
                "C8:61:AE:F7:F1:40:AA:D5:26:62:92:08:01:D7:C1:60:47:1E:9D:4A:96:51:C3:75:F3:13:BE:75:22:8B:1B:F0")));
        assertThat(offer.dataChannelSection()).isSameAs(data);
    }

    @Test
    void dataChannelAnswerTakesTheActiveDtlsRole() {
        final SessionDescription answer = ChromiumCaptures.parse(ANSWER_DATA);
        final MediaDescription data = answer.media().get(0);

        assertThat(data.setup()).isEqualTo(SetupRole.ACTIVE);
        assertThat(data.fingerprints()).singleElement().satisfies(fingerprint -> {
            assertThat(fingerprint.hashFunction()).isEqualTo("sha-256");
            assertThat(fingerprint.digest()).hasSize(32);
        });
        assertThat(data.sctpPort()).isEqualTo(5000);
        assertThat(data.maxMessageSize()).isEqualTo(262144L);
        assertThat(answer.bundleGroups()).containsExactly(Group.bundle(List.of("0")));
    }

    @Test
    void audioVideoOfferBundlesThreeSectionsInOrder() {
        final SessionDescription offer = ChromiumCaptures.parse(OFFER_AV_DATA);

        assertThat(offer.media()).extracting(MediaDescription::media).containsExactly("audio", "video", "application");
        assertThat(offer.media()).extracting(MediaDescription::mid).containsExactly("0", "1", "2");
        assertThat(offer.bundleGroups()).containsExactly(Group.bundle(List.of("0", "1", "2")));
        assertThat(offer.dataChannelSection()).isSameAs(offer.media().get(2));
        assertThat(offer.media()).allSatisfy(section -> {
            assertThat(section.iceUfrag()).isEqualTo("LpRp");
            assertThat(section.setup()).isEqualTo(SetupRole.ACTPASS);
            assertThat(section.fingerprints()).singleElement()
                    .extracting(Fingerprint::hashFunction).isEqualTo("sha-256");
        });
    }

    @Test
    void audioSectionOffersOpusWithFecAndTheUsualHeaderExtensions() {
        final MediaDescription audio = ChromiumCaptures.parse(OFFER_AV_DATA).mediaByMid("0");

        assertThat(audio.protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.payloadTypes()).containsExactly(111, 63, 9, 0, 8, 13, 110, 126);
        assertThat(audio.rtcp()).isEqualTo(new RtcpAddress(9, Connection.PLACEHOLDER));
        assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.rtcpRsize()).isTrue();
        assertThat(audio.rtcpXr()).isEqualTo(new RtcpXr(List.of("rcvr-rtt=all")));
        assertThat(audio.msids()).containsExactly(new Msid("-", "53fd3513-b3b3-4576-9584-951324b7e6ff"));

        final RtpCodec opus = audio.codecs().get(0);
        assertThat(opus.payloadType()).isEqualTo(111);
        assertThat(opus.is("OPUS")).isTrue();
        assertThat(opus.clockRate()).isEqualTo(48000);
        assertThat(opus.channels()).isEqualTo(2);
        assertThat(opus.parameters()).containsEntry("minptime", "10").containsEntry("useinbandfec", "1");
        assertThat(opus.feedback()).containsExactly(new RtcpFeedback(111, "transport-cc", null));
        assertThat(audio.codecs()).extracting(RtpCodec::name)
                .containsExactly("opus", "red", "G722", "PCMU", "PCMA", "CN", "telephone-event", "telephone-event");
        assertThat(audio.codecs()).extracting(RtpCodec::clockRate)
                .containsExactly(48000, 48000, 8000, 8000, 8000, 8000, 48000, 8000);
        assertThat(audio.fmtp(63).parameters()).isEqualTo("111/111");

        assertThat(audio.extmaps()).containsExactly(
                Extmap.of(1, "urn:ietf:params:rtp-hdrext:ssrc-audio-level"),
                Extmap.of(2, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"),
                Extmap.of(3, "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"),
                Extmap.of(4, "urn:ietf:params:rtp-hdrext:sdes:mid"));
        assertThat(audio.ssrcs()).containsExactly(
                new SsrcAttribute(3027481156L, "cname", "QbG/2I7Dwffc8ol7"),
                new SsrcAttribute(3027481156L, "msid", "- 53fd3513-b3b3-4576-9584-951324b7e6ff"));
    }

    @Test
    void videoSectionOffersVp8H264Av1Vp9WithRtxAndFeedback() {
        final MediaDescription video = ChromiumCaptures.parse(OFFER_AV_DATA).mediaByMid("1");

        assertThat(video.payloadTypes()).hasSize(23).startsWith(96, 97, 102);
        final RtpCodec vp8 = video.codecs().get(0);
        assertThat(vp8.name()).isEqualTo("VP8");
        assertThat(vp8.clockRate()).isEqualTo(90000);
        assertThat(vp8.channels()).isNull();
        assertThat(vp8.feedback()).extracting(RtcpFeedback::type, RtcpFeedback::parameter).containsExactly(
                tuple("goog-remb", null),
                tuple("transport-cc", null),
                tuple("ccm", "fir"),
                tuple("nack", null),
                tuple("nack", "pli"));
        assertThat(vp8.hasFeedback("nack", "pli")).isTrue();

        final RtpCodec rtx = video.codecs().get(1);
        assertThat(rtx.name()).isEqualTo("rtx");
        assertThat(rtx.parameters()).containsExactly(Map.entry("apt", "96"));
        assertThat(video.codecs()).filteredOn(codec -> codec.is("H264")).extracting(RtpCodec::payloadType)
                .containsExactly(102, 104, 108, 114, 116, 39);
        assertThat(video.fmtp(102).parameter("profile-level-id")).isEqualTo("42001f");
        assertThat(video.fmtp(102).parameter("packetization-mode")).isEqualTo("1");
        assertThat(video.rtpMap(45)).isEqualTo(new RtpMap(45, "AV1", 90000, null));
        assertThat(video.fmtp(98).parameter("profile-id")).isEqualTo("0");
        assertThat(video.rtpMap(120)).isEqualTo(new RtpMap(120, "ulpfec", 90000, null));

        assertThat(video.extmaps()).extracting(Extmap::id).containsExactly(14, 2, 13, 3, 5, 6, 7, 8, 4, 10, 11);
        assertThat(video.extmap("urn:3gpp:video-orientation").id()).isEqualTo(13);
        assertThat(video.extmap("urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id").id()).isEqualTo(10);

        assertThat(video.ssrcGroups()).containsExactly(new SsrcGroup("FID", List.of(3717675248L, 2496948912L)));
        assertThat(video.ssrcAttributes(2496948912L)).extracting(SsrcAttribute::attribute).containsExactly("cname", "msid");
    }

    @Test
    void audioVideoAnswerOnlyReceivesAndTakesTheActiveRole() {
        final SessionDescription answer = ChromiumCaptures.parse(ANSWER_AV_DATA);

        assertThat(answer.bundleGroups()).containsExactly(Group.bundle(List.of("0", "1", "2")));
        assertThat(answer.media()).allSatisfy(section -> assertThat(section.setup()).isEqualTo(SetupRole.ACTIVE));
        final MediaDescription audio = answer.mediaByMid("0");
        final MediaDescription video = answer.mediaByMid("1");
        assertThat(audio.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(video.direction()).isEqualTo(Direction.RECVONLY);
        assertThat(audio.ssrcs()).isEmpty();
        assertThat(audio.msids()).isEmpty();
        assertThat(audio.codecs().get(0).name()).isEqualTo("opus");
        assertThat(video.codecs().get(0).name()).isEqualTo("VP8");
        assertThat(answer.dataChannelSection().sctpPort()).isEqualTo(5000);
        assertThat(answer.dataChannelSection().maxMessageSize()).isEqualTo(262144L);
    }

    @Test
    void gatheredOfferCarriesHostCandidatesAndTheirAddressInTheMLine() {
        final MediaDescription data = ChromiumCaptures.parse(OFFER_DATA_GATHERED).media().get(0);

        assertThat(data.port()).isEqualTo(60945);
        assertThat(data.connection()).isEqualTo(new Connection("IN", "IP4", "192.0.2.2"));
        assertThat(data.endOfCandidates()).isFalse();
        assertThat(data.candidates()).hasSize(2);
        final IceCandidate ipv4 = data.candidates().get(0);
        assertThat(ipv4.foundation()).isEqualTo("1279117425");
        assertThat(ipv4.component()).isEqualTo(1);
        assertThat(ipv4.transport()).isEqualTo("udp");
        assertThat(ipv4.isUdp()).isTrue();
        assertThat(ipv4.priority()).isEqualTo(2113937151L);
        assertThat(ipv4.address()).isEqualTo("192.0.2.2");
        assertThat(ipv4.port()).isEqualTo(60945);
        assertThat(ipv4.type()).isEqualTo(CandidateType.HOST);
        assertThat(ipv4.generation()).isZero();
        assertThat(ipv4.networkCost()).isEqualTo(999L);
        assertThat(ipv4.extensions()).extracting(CandidateExtension::name).containsExactly("generation", "network-cost");
        final IceCandidate ipv6 = data.candidates().get(1);
        assertThat(ipv6.address()).isEqualTo("fd00::2");
        assertThat(ipv6.port()).isEqualTo(44928);
    }

    @Test
    void gatheredAudioVideoOfferRepeatsTheCandidatesInEveryBundledSection() {
        final SessionDescription offer = ChromiumCaptures.parse(OFFER_AV_DATA_GATHERED);

        assertThat(offer.media()).allSatisfy(section -> assertThat(section.candidates()).hasSize(2));
        assertThat(offer.media()).extracting(MediaDescription::port).containsExactly(41689, 35816, 54159);
        assertThat(offer.transportSection(offer.mediaByMid("2"))).isSameAs(offer.mediaByMid("0"));
    }

    @Test
    void mdnsOfferHidesHostAddressesBehindLocalNames() {
        final MediaDescription data = ChromiumCaptures.parse(OFFER_DATA_GATHERED_MDNS).media().get(0);

        assertThat(data.candidates()).hasSize(2).allSatisfy(candidate -> {
            assertThat(candidate.isMdns()).isTrue();
            assertThat(candidate.address()).matches("[0-9a-f-]{36}\\.local");
        });
        assertThat(data.candidates().get(0).address()).isEqualTo("1bc5887d-7829-4f3d-b263-8de7caf05356.local");
    }

    @ParameterizedTest
    @CsvSource({
            "trickle-candidates-datachannel.txt, offer-datachannel-gathered.sdp",
            "trickle-candidates-datachannel-mdns.txt, offer-datachannel-gathered-mdns.sdp",
            "trickle-candidates-audio-video-datachannel.txt, offer-audio-video-datachannel-gathered.sdp"})
    void trickledCandidatesMatchTheGatheredOfferAndFormatBackUnchanged(String trickleFile, String sdpFile) {
        final SessionDescription offer = ChromiumCaptures.parse(sdpFile);
        final List<ChromiumCaptures.Trickled> trickled = ChromiumCaptures.trickled(trickleFile);
        assertThat(trickled).isNotEmpty();

        for (ChromiumCaptures.Trickled event : trickled) {
            final IceCandidate candidate = IceCandidate.parse(event.candidate()).orElseThrow();
            assertThat(candidate.format()).isEqualTo(event.candidate());
            assertThat(candidate.ufrag()).isEqualTo(event.usernameFragment());

            final MediaDescription section = offer.mediaByMid(event.sdpMid());
            assertThat(offer.media().indexOf(section)).isEqualTo(event.sdpMLineIndex());
            assertThat(offer.iceCredentials(section).ufrag()).isEqualTo(event.usernameFragment());
            // The SDP copy of a candidate lacks only the ufrag extension.
            final IceCandidate withoutUfrag = candidate.toBuilder().extensions(
                    candidate.extensions().stream().filter(e -> !e.name().equals("ufrag")).toList()).build();
            assertThat(section.candidates()).contains(withoutUfrag);
        }
    }
}
