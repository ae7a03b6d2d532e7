package dev.remotemedia.rtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Descriptions survive parse → write → parse; unknown lines and attributes come through untouched. */
class SdpRoundTripTest {
    /** A Firefox-style offer: session-level ICE options, fingerprint and direction; attributes sorted by name. */
    static final String FIREFOX_STYLE_OFFER = lines(
            "v=0",
            "o=mozilla...THIS_IS_SDPARTA-128.0 5437225036343537580 0 IN IP4 0.0.0.0",
            "s=-",
            "t=0 0",
            "a=sendrecv",
            "a=fingerprint:sha-256 2F:64:0A:2E:44:3B:31:F1:69:BE:7D:79:08:C5:FA:5E:3D:6A:1B:53:27:AE:D1:2F:0C:3F:E8:19:5F:34:D3:A1",
            "a=group:BUNDLE 0 1",
            "a=ice-options:trickle",
            "a=msid-semantic:WMS *",
            "m=audio 9 UDP/TLS/RTP/SAVPF 109 9 0 8 101",
            "c=IN IP4 0.0.0.0",
            "a=sendrecv",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level",
            "a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid",
            "a=fmtp:109 maxplaybackrate=48000;stereo=1;useinbandfec=1",
            "a=fmtp:101 0-15",
            "a=ice-pwd:7cd4e3a2d0b9f0a3c1b5e6f7a8b9c0d1",
            "a=ice-ufrag:1f2e3d4c",
            "a=mid:0",
            "a=msid:{7b5bbc0b-5c3e-4a8b-9f8e-2a4c6d9e1f00} {0e6a8c2d-1b3f-4e5d-8a7c-9b0d1e2f3a4b}",
            "a=rtcp-mux",
            "a=rtpmap:109 opus/48000/2",
            "a=rtpmap:9 G722/8000/1",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=setup:actpass",
            "a=ssrc:2655508255 cname:{5f8e0c1a-2b3d-4c5e-6f70-8192a3b4c5d6}",
            "m=video 9 UDP/TLS/RTP/SAVPF 120 124 121 125",
            "c=IN IP4 0.0.0.0",
            "a=recvonly",
            "a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid",
            "a=fmtp:120 max-fs=12288;max-fr=60",
            "a=fmtp:124 apt=120",
            "a=fmtp:121 max-fs=12288;max-fr=60",
            "a=fmtp:125 apt=121",
            "a=ice-pwd:7cd4e3a2d0b9f0a3c1b5e6f7a8b9c0d1",
            "a=ice-ufrag:1f2e3d4c",
            "a=mid:1",
            "a=rtcp-fb:120 nack",
            "a=rtcp-fb:120 nack pli",
            "a=rtcp-fb:120 ccm fir",
            "a=rtcp-fb:121 nack",
            "a=rtcp-fb:* transport-cc",
            "a=rtcp-mux",
            "a=rtcp-rsize",
            "a=rtpmap:120 VP8/90000",
            "a=rtpmap:124 rtx/90000",
            "a=rtpmap:121 VP9/90000",
            "a=rtpmap:125 rtx/90000",
            "a=setup:actpass",
            "a=rid:hi send",
            "a=rid:lo send max-width=640",
            "a=simulcast:send hi;lo");

    /** Canonical order, with every kind of line this module keeps verbatim, at both levels. */
    static final String WITH_UNKNOWN_LINES = lines(
            "v=0",
            "o=alice 2890844526 2890842807 IN IP4 198.51.100.1",
            "s=SDP Seminar",
            "i=A Seminar on the session description protocol",
            "u=http://www.example.com/seminars/sdp.pdf",
            "e=j.doe@example.com (Jane Doe)",
            "p=+1 617 555-6011",
            "c=IN IP4 198.51.100.1",
            "b=CT:1000",
            "t=2873397496 2873404696",
            "r=604800 3600 0 90000",
            "z=2882844526 -1h 2898848070 0",
            "t=2873397500 2873404700",
            "k=prompt",
            "x=an unknown line type",
            "a=group:BUNDLE a d",
            "a=group:LS a",
            "a=ice-lite",
            "a=ice-ufrag:sessionUfrag",
            "a=ice-pwd:sessionPasswordOf22Chars",
            "a=ice-options:trickle ice2",
            "a=fingerprint:sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB",
            "a=setup:passive",
            "a=recvonly",
            "a=x-google-flag:conference",
            "a=tool:remotemedia",
            "a=flag-only",
            "a=empty-value:",
            "m=audio 49170/2 RTP/AVP 0 96",
            "i=Audio, with static and dynamic payload types",
            "c=IN IP4 198.51.100.1",
            "b=AS:64",
            "b=TIAS:64000",
            "k=prompt",
            "a=rtcp:53020",
            "a=candidate:1 1 UDP 2130706431 198.51.100.1 49170 typ host",
            "a=candidate:2 1 tcp 1518280447 198.51.100.1 9 typ host tcptype active",
            "a=candidate:3 1 udp 1694498815 203.0.113.7 61000 typ srflx raddr 198.51.100.1 rport 49170 generation 0",
            "a=candidate:4 1 udp 16777215 2001:db8::7 3478 typ relay raddr 203.0.113.7 rport 61000 network-id 3 unknown-ext value",
            "a=end-of-candidates",
            "a=mid:a",
            "a=extmap-allow-mixed",
            "a=extmap:4096/sendonly urn:example:ext attribute data",
            "a=inactive",
            "a=msid:stream-a",
            "a=rtcp-xr",
            "a=rtpmap:96 L16/16000/2",
            "a=rtcp-fb:96 nack",
            "a=fmtp:96 channel-order=DV.LRLsRs",
            "a=rtcp-fb:* ccm tmmbr smaxpr=120",
            "a=ssrc-group:FEC-FR 1 2",
            "a=ssrc:1 cname:a@example.com",
            "a=ssrc:2 label",
            "a=ptime:20",
            "a=bundle-only",
            "m=text 0 RTP/AVP 98",
            "a=mid:t",
            "a=rtpmap:98 t140/1000",
            "m=application 9 TCP/DTLS/SCTP webrtc-datachannel",
            "c=IN IP6 ::",
            "a=mid:d",
            "a=sctp-port:5000",
            "a=max-message-size:0",
            "a=sctpmap:5000 webrtc-datachannel 1024");

    @Test
    void firefoxStyleOfferReparsesToAnEqualModel() {
        final SessionDescription offer = SdpParser.parse(FIREFOX_STYLE_OFFER).orElseThrow();

        assertThat(SdpParser.parse(SdpWriter.write(offer)).orElseThrow()).isEqualTo(offer);
    }

    @Test
    void firefoxStyleOfferIsWrittenInCanonicalOrder() {
        final String written = SdpWriter.write(SdpParser.parse(FIREFOX_STYLE_OFFER).orElseThrow());

        assertThat(written).contains(lines(
                "a=rtpmap:109 opus/48000/2",
                "a=fmtp:109 maxplaybackrate=48000;stereo=1;useinbandfec=1",
                "a=rtpmap:9 G722/8000/1"));
        assertThat(written).contains(lines(
                "a=rtpmap:120 VP8/90000",
                "a=rtcp-fb:120 nack",
                "a=rtcp-fb:120 nack pli",
                "a=rtcp-fb:120 ccm fir",
                "a=fmtp:120 max-fs=12288;max-fr=60",
                "a=rtpmap:124 rtx/90000",
                "a=fmtp:124 apt=120"));
        assertThat(written).contains(lines(
                "a=rtcp-fb:* transport-cc",
                "a=rid:hi send",
                "a=rid:lo send max-width=640",
                "a=simulcast:send hi;lo"));
        assertThat(written).contains("a=msid-semantic: WMS *\r\n");
    }

    @Test
    void firefoxStyleOfferInheritsSessionLevelFingerprintAndIceOptions() {
        final SessionDescription offer = SdpParser.parse(FIREFOX_STYLE_OFFER).orElseThrow();
        final MediaDescription video = offer.mediaByMid("1");

        assertThat(video.fingerprints()).isEmpty();
        assertThat(offer.fingerprints(video)).isEqualTo(offer.fingerprints());
        assertThat(offer.supportsTrickle(video)).isTrue();
        assertThat(offer.direction(video)).isEqualTo(Direction.RECVONLY);
        assertThat(offer.direction(offer.mediaByMid("0"))).isEqualTo(Direction.SENDRECV);
        assertThat(video.codecs()).extracting(RtpCodec::name).containsExactly("VP8", "rtx", "VP9", "rtx");
        assertThat(video.codecs().get(2).feedback()).containsExactly(
                new RtcpFeedback(121, "nack", null), new RtcpFeedback(RtcpFeedback.ANY_PAYLOAD_TYPE, "transport-cc", null));
        assertThat(video.otherAttributes()).containsExactly(
                Attribute.of("rid", "hi send"), Attribute.of("rid", "lo send max-width=640"),
                Attribute.of("simulcast", "send hi;lo"));
    }

    @Test
    void descriptionInCanonicalOrderWritesBackByteForByte() {
        final SessionDescription parsed = SdpParser.parse(WITH_UNKNOWN_LINES).orElseThrow();

        assertThat(SdpWriter.write(parsed)).isEqualTo(WITH_UNKNOWN_LINES);
    }

    @Test
    void unknownLinesAndAttributesAreKeptInOrderAtBothLevels() {
        final SessionDescription parsed = SdpParser.parse(WITH_UNKNOWN_LINES).orElseThrow();

        assertThat(parsed.otherLines()).containsExactly(
                new SdpLine('i', "A Seminar on the session description protocol"),
                new SdpLine('u', "http://www.example.com/seminars/sdp.pdf"),
                new SdpLine('e', "j.doe@example.com (Jane Doe)"),
                new SdpLine('p', "+1 617 555-6011"),
                new SdpLine('r', "604800 3600 0 90000"),
                new SdpLine('z', "2882844526 -1h 2898848070 0"),
                new SdpLine('t', "2873397500 2873404700"),
                new SdpLine('k', "prompt"),
                new SdpLine('x', "an unknown line type"));
        assertThat(parsed.otherAttributes()).containsExactly(
                Attribute.of("x-google-flag", "conference"), Attribute.of("tool", "remotemedia"),
                Attribute.flag("flag-only"), Attribute.of("empty-value", ""));
        final MediaDescription audio = parsed.media().get(0);
        assertThat(audio.otherLines()).containsExactly(
                new SdpLine('i', "Audio, with static and dynamic payload types"), new SdpLine('k', "prompt"));
        assertThat(audio.otherAttributes()).containsExactly(Attribute.of("ptime", "20"), Attribute.flag("bundle-only"));
        assertThat(parsed.media().get(2).otherAttributes())
                .containsExactly(Attribute.of("sctpmap", "5000 webrtc-datachannel 1024"));
    }

    @Test
    void typedFieldsOfTheUnusualDescriptionHaveTheirValues() {
        final SessionDescription parsed = SdpParser.parse(WITH_UNKNOWN_LINES).orElseThrow();
        final MediaDescription audio = parsed.media().get(0);

        assertThat(parsed.timing()).isEqualTo(new Timing(2873397496L, 2873404696L));
        assertThat(parsed.bandwidths()).containsExactly(new Bandwidth("CT", 1000));
        assertThat(parsed.groups()).containsExactly(Group.bundle(List.of("a", "d")), new Group("LS", List.of("a")));
        assertThat(parsed.iceLite()).isTrue();
        assertThat(parsed.setup()).isEqualTo(SetupRole.PASSIVE);
        assertThat(parsed.fingerprints().get(0).digest()).hasSize(20);
        assertThat(audio.port()).isEqualTo(49170);
        assertThat(audio.numberOfPorts()).isEqualTo(2);
        assertThat(audio.bandwidths()).containsExactly(new Bandwidth("AS", 64), new Bandwidth("TIAS", 64000));
        assertThat(audio.rtcp()).isEqualTo(new RtcpAddress(53020, null));
        assertThat(audio.candidates()).extracting(IceCandidate::type).containsExactly(
                CandidateType.HOST, CandidateType.HOST, CandidateType.SERVER_REFLEXIVE, CandidateType.RELAY);
        assertThat(audio.endOfCandidates()).isTrue();
        assertThat(audio.extmapAllowMixed()).isTrue();
        assertThat(audio.extmaps()).containsExactly(
                new Extmap(4096, Direction.SENDONLY, "urn:example:ext", "attribute data"));
        assertThat(audio.direction()).isEqualTo(Direction.INACTIVE);
        assertThat(audio.msids()).containsExactly(new Msid("stream-a", null));
        assertThat(audio.rtcpXr()).isEqualTo(new RtcpXr(List.of()));
        assertThat(audio.codecs()).extracting(RtpCodec::name, RtpCodec::clockRate, RtpCodec::channels).containsExactly(
                tuple("PCMU", 8000, 1), tuple("L16", 16000, 2));
        assertThat(audio.ssrcs()).contains(new SsrcAttribute(2, "label", null));
        assertThat(parsed.media().get(1).port()).isZero();
        assertThat(parsed.media().get(2).maxMessageSize()).isZero();
        assertThat(parsed.media().get(2).connection()).isEqualTo(new Connection("IN", "IP6", "::"));
        assertThat(parsed.media().get(2).isDataChannel()).isTrue();
    }

    @Test
    void lineFeedEndingsParseLikeCrLf() {
        final String lf = WITH_UNKNOWN_LINES.replace("\r\n", "\n");

        assertThat(SdpParser.parse(lf).orElseThrow()).isEqualTo(SdpParser.parse(WITH_UNKNOWN_LINES).orElseThrow());
    }

    @Test
    void missingFinalLineEndingAndTrailingEmptyLinesAreAccepted() {
        final SessionDescription expected = SdpParser.parse(WITH_UNKNOWN_LINES).orElseThrow();
        final String trimmed = WITH_UNKNOWN_LINES.substring(0, WITH_UNKNOWN_LINES.length() - 2);

        assertThat(SdpParser.parse(trimmed).orElseThrow()).isEqualTo(expected);
        assertThat(SdpParser.parse(WITH_UNKNOWN_LINES + "\r\n\n\r\n").orElseThrow()).isEqualTo(expected);
    }

    @Test
    void sameAttributesInAnotherOrderMakeAnEqualModel() {
        final String reordered = lines(
                "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "m=video 9 UDP/TLS/RTP/SAVPF 96 97",
                "a=fmtp:97 apt=96", "a=rtpmap:97 rtx/90000", "a=rtcp-fb:96 nack", "a=rtpmap:96 VP8/90000");
        final String canonical = lines(
                "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "m=video 9 UDP/TLS/RTP/SAVPF 96 97",
                "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 nack", "a=rtpmap:97 rtx/90000", "a=fmtp:97 apt=96");

        final SessionDescription parsed = SdpParser.parse(reordered).orElseThrow();
        assertThat(parsed).isEqualTo(SdpParser.parse(canonical).orElseThrow());
        assertThat(SdpWriter.write(parsed)).isEqualTo(canonical);
    }

    @Test
    void builtDescriptionWritesAndReparsesToItself() {
        final byte[] digest = new byte[32];
        digest[0] = (byte) 0xAB;
        final SessionDescription built = SessionDescription.builder(Origin.of("4611731400430051336", "2"))
                .addGroup(Group.bundle(List.of("0", "1")))
                .extmapAllowMixed(true)
                .addMsidSemantic(new MsidSemantic("WMS", List.of()))
                .addMedia(MediaDescription.builder("audio", 9, "UDP/TLS/RTP/SAVPF")
                        .connection(Connection.PLACEHOLDER)
                        .iceUfrag("abcd").icePwd("abcdefghijklmnopqrstuv").iceOptions(List.of("trickle"))
                        .addFingerprint(Fingerprint.sha256(digest)).setup(SetupRole.ACTPASS).mid("0")
                        .addExtmap(Extmap.of(1, "urn:ietf:params:rtp-hdrext:ssrc-audio-level"))
                        .direction(Direction.SENDONLY).addMsid(new Msid("stream", "track"))
                        .rtcpMux(true).rtcpRsize(true)
                        .addCodec(new RtpMap(111, "opus", 48000, 2), "minptime=10;useinbandfec=1",
                                  List.of(new RtcpFeedback(111, "transport-cc", null)))
                        .addCodec(new RtpMap(0, "PCMU", 8000, null), null, List.of())
                        .addSsrc(new SsrcAttribute(1234, SsrcAttribute.CNAME, "cname"))
                        .build())
                .addMedia(MediaDescription.builder("application", 9, "UDP/DTLS/SCTP")
                        .addFormat(MediaDescription.DATA_CHANNEL_FORMAT).connection(Connection.PLACEHOLDER)
                        .iceUfrag("abcd").icePwd("abcdefghijklmnopqrstuv").addFingerprint(Fingerprint.sha256(digest))
                        .setup(SetupRole.ACTPASS).mid("1").sctpPort(5000).maxMessageSize(262144L)
                        .addAttribute(Attribute.flag("bundle-only"))
                        .build())
                .build();

        final String written = SdpWriter.write(built);

        assertThat(SdpParser.parse(written).orElseThrow()).isEqualTo(built);
        assertThat(written).startsWith(lines("v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                                             "a=group:BUNDLE 0 1", "a=extmap-allow-mixed", "a=msid-semantic: WMS",
                                             "m=audio 9 UDP/TLS/RTP/SAVPF 111 0"));
        assertThat(written).endsWith(lines("a=sctp-port:5000", "a=max-message-size:262144", "a=bundle-only"));
    }

    @Test
    void extremeNumbersSurviveTheRoundTrip() {
        final SessionDescription extreme = SessionDescription.builder(Origin.of("1", "1"))
                .timing(new Timing(Long.MAX_VALUE, Long.MAX_VALUE))
                .addBandwidth(new Bandwidth("AS", Long.MAX_VALUE))
                .addMedia(MediaDescription.builder("application", 65535, "UDP/DTLS/SCTP")
                        .addFormat(MediaDescription.DATA_CHANNEL_FORMAT).sctpPort(65535).maxMessageSize(Long.MAX_VALUE)
                        .addCandidate(IceCandidate.builder().foundation("f").component(256).priority(0xFFFF_FFFFL)
                                              .address("::", 65535).type(CandidateType.HOST).build())
                        .build())
                .addMedia(MediaDescription.builder("video", 0, "RTP/AVPF").addFormat("127")
                        .addSsrc(new SsrcAttribute(0xFFFF_FFFFL, "cname", "x"))
                        .addExtmap(new Extmap(4351, Direction.INACTIVE, "urn:x", "a b"))
                        .build())
                .build();

        assertThat(SdpParser.parse(SdpWriter.write(extreme)).orElseThrow()).isEqualTo(extreme);
        assertThat(SdpParser.parse(SdpWriter.write(extreme).replace("9223372036854775807 9223372036854775807",
                                                                   "9223372036854775808 0")).isOk()).isFalse();
    }

    @Test
    void toBuilderCopiesEveryField() {
        for (String sdp : List.of(FIREFOX_STYLE_OFFER, WITH_UNKNOWN_LINES,
                                  ChromiumCaptures.read(ChromiumCaptures.OFFER_AV_DATA_GATHERED))) {
            final SessionDescription parsed = SdpParser.parse(sdp).orElseThrow();
            final SessionDescriptionBuilder copy = parsed.toBuilder();
            copy.media(parsed.media().stream().map(section -> section.toBuilder().build()).toList());

            assertThat(copy.build()).isEqualTo(parsed);
        }
    }

    static String lines(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }
}
