package dev.remotemedia.rtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad descriptions give an error naming the first bad line and what was wrong with it. */
class MalformedSdpTest {
    private static final String FINGERPRINT =
            "sha-256 C8:61:AE:F7:F1:40:AA:D5:26:62:92:08:01:D7:C1:60:47:1E:9D:4A:96:51:C3:75:F3:13:BE:75:22:8B:1B:F0";

    /** A valid data channel offer; the cases below break one line of it. */
    private static final List<String> VALID = List.of(
            "v=0",                                                // 1
            "o=- 1 2 IN IP4 127.0.0.1",                           // 2
            "s=-",                                                // 3
            "t=0 0",                                              // 4
            "a=group:BUNDLE 0",                                   // 5
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",   // 6
            "c=IN IP4 0.0.0.0",                                   // 7
            "a=ice-ufrag:abcd",                                   // 8
            "a=ice-pwd:abcdefghijklmnopqrstuv",                   // 9
            "a=fingerprint:" + FINGERPRINT,                       // 10
            "a=setup:actpass",                                    // 11
            "a=mid:0",                                            // 12
            "a=sctp-port:5000");                                  // 13

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("empty input", "", 0, "empty description"),
                arguments("version 1", replace(1, "v=1"), 1, "v=1 (expected: v=0)"),
                arguments("origin first", "o=- 1 2 IN IP4 127.0.0.1\r\nv=0\r\n", 1, "expected: v= as line 1"),
                arguments("no origin", remove(2), 2, "expected: o= as line 2"),
                arguments("origin with five fields", replace(2, "o=- 1 2 IN IP4"), 2, "o=: 5 fields (expected: 6"),
                arguments("origin with a letter id", replace(2, "o=- abc 2 IN IP4 127.0.0.1"), 2, "o= sess-id: 'abc'"),
                arguments("description ends early", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n", 2, "description ends after 2 lines"),
                arguments("no timing before media", remove(4), 5, "m= before any t= line"),
                arguments("no timing at all", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\na=ice-lite\r\n", 4, "no t= line"),
                arguments("line without equals sign", insert(5, "hello"), 5, "malformed line"),
                arguments("upper-case type", insert(5, "A=b"), 5, "malformed line"),
                arguments("empty line in the middle", insert(5, ""), 5, "empty line"),
                arguments("line with NUL", replace(12, "a=mid:0\0"), 12, "line contains CR or NUL"),
                arguments("line with a lone CR", replace(12, "a=mid:0\rx"), 12, "line contains CR or NUL"),
                arguments("origin twice", insert(5, "o=- 1 2 IN IP4 127.0.0.1"), 5, "o= appears twice"),
                arguments("timing in a media section", insert(8, "t=0 0"), 8, "t= is not allowed in a media section"),
                arguments("media line with three fields", replace(6, "m=application 9 UDP/DTLS/SCTP"), 6, "m=: 3 fields"),
                arguments("port out of range", replace(6, "m=application 70000 UDP/DTLS/SCTP webrtc-datachannel"), 6,
                          "m= port: 70000 (expected: 0..65535)"),
                arguments("payload type out of range", replace(6, "m=audio 9 UDP/TLS/RTP/SAVPF 111 128"), 6,
                          "m= payload type: 128 (expected: 0..127)"),
                arguments("payload type not a number", replace(6, "m=audio 9 UDP/TLS/RTP/SAVPF opus"), 6,
                          "m= payload type: 'opus'"),
                arguments("protocol with an empty part", replace(6, "m=application 9 UDP//SCTP webrtc-datachannel"), 6,
                          "m= proto: 'UDP//SCTP'"),
                arguments("connection with two fields", replace(7, "c=IN IP4"), 7, "c=: 2 fields (expected: 3"),
                arguments("connection twice in a section", insert(8, "c=IN IP4 0.0.0.0"), 8,
                          "c= appears twice in this media section"),
                arguments("bandwidth without colon", insert(8, "b=AS"), 8, "b=: no ':'"),
                arguments("ufrag too short", replace(8, "a=ice-ufrag:abc"), 8, "ice-ufrag: 3 characters (expected: 4..256)"),
                arguments("password with a bad character", replace(9, "a=ice-pwd:abcdefghijklmnopqrstu-"), 9,
                          "ice-pwd: 'abcdefghijklmnopqrstu-' (expected: letters, digits, '+' and '/')"),
                arguments("fingerprint not hex", replace(10, "a=fingerprint:" + FINGERPRINT.replace("C8", "ZZ")), 10,
                          "at byte 1 (expected: hex pairs joined by ':')"),
                arguments("fingerprint too short", replace(10, "a=fingerprint:" + FINGERPRINT.substring(0, 68)), 10,
                          "fingerprint: 20 bytes for sha-256 (expected: 32)"),
                arguments("fingerprint with an unknown hash", replace(10, "a=fingerprint:sha-3 AB:CD"), 10,
                          "unknown hash function 'sha-3'"),
                arguments("setup value unknown", replace(11, "a=setup:bogus"), 11,
                          "setup: 'bogus' (expected: actpass, active, passive or holdconn)"),
                arguments("setup without value", replace(11, "a=setup"), 11, "setup: no value"),
                arguments("setup twice", insert(12, "a=setup:active"), 12, "setup: appears twice in this media section"),
                arguments("mid not a token", replace(12, "a=mid:a b"), 12, "mid: 'a b'"),
                arguments("mid in two sections", append("m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "a=mid:0"), 15,
                          "mid: 0 appears in two media sections"),
                arguments("group naming a missing mid", replace(5, "a=group:BUNDLE 0 9"), 5,
                          "group: mid 9 matches no media section"),
                arguments("group naming a mid twice", replace(5, "a=group:BUNDLE 0 0"), 5, "group: a mid appears twice"),
                arguments("sctp-port out of range", replace(13, "a=sctp-port:70000"), 13, "sctp-port: 70000 (expected: 0..65535)"),
                arguments("negative max-message-size", append("a=max-message-size:-1"), 14, "max-message-size: '-1'"),
                arguments("attribute without a name", append("a=:foo"), 14, "attribute name: ''"),
                arguments("flag with a value", append("a=rtcp-mux:yes"), 14, "rtcp-mux: has value 'yes'"),
                arguments("two directions", append("a=sendrecv", "a=recvonly"), 15, "direction: appears twice"),
                arguments("candidate of unknown type", append("a=candidate:1 1 udp 1 192.0.2.1 1 typ bogus"), 14,
                          "candidate type: 'bogus'"),
                arguments("ice-options empty", append("a=ice-options:"), 14, "ice-options: empty"),
                arguments("rtpmap payload type out of range", append("a=rtpmap:200 VP8/90000"), 14,
                          "rtpmap payload type: 200 (expected: 0..127)"),
                arguments("rtpmap without clock rate", append("a=rtpmap:96 VP8"), 14,
                          "rtpmap: 'VP8' (expected: encoding-name/clock-rate[/channels])"),
                arguments("fmtp without parameters", append("a=fmtp:96"), 14, "fmtp: no parameters"),
                arguments("rtcp-fb with a bad payload type", append("a=rtcp-fb:x nack"), 14, "rtcp-fb payload type: 'x'"),
                arguments("extmap id zero", append("a=extmap:0 urn:x"), 14, "extmap id: 0 (expected: 1..4351)"),
                arguments("extmap id between the ranges", append("a=extmap:300 urn:x"), 14,
                          "extmap id: 300 (expected: 1..255 or 4096..4351)"),
                arguments("extmap direction unknown", append("a=extmap:1/both urn:x"), 14, "extmap direction: 'both'"),
                arguments("ssrc beyond 32 bits", append("a=ssrc:4294967296 cname:x"), 14, "ssrc: 4294967296"),
                arguments("ssrc-group with a bad ssrc", append("a=ssrc-group:FID 1 x"), 14, "ssrc-group ssrc: 'x'"),
                arguments("msid with three fields", append("a=msid:a b c"), 14, "msid: 3 fields"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedDescriptionReportsTheLineAndTheProblem(String name, String sdp, int lineNumber, String fragment) {
        final ParseResult<SessionDescription> result = SdpParser.parse(sdp);

        assertThat(result).isInstanceOfSatisfying(ParseResult.Error.class, error -> {
            assertThat(error.message()).contains(fragment);
            assertThat(error.lineNumber()).isEqualTo(lineNumber);
            if (lineNumber > 0) {
                assertThat(error.line()).isEqualTo(lineOf(sdp, lineNumber));
            }
        });
    }

    @Test
    void validBaseDescriptionParses() {
        assertThat(SdpParser.parse(String.join("\r\n", VALID)).isOk()).isTrue();
    }

    @Test
    void errorDescribesItselfWithLineNumberAndLine() {
        final ParseResult<SessionDescription> result = SdpParser.parse(replace(11, "a=setup:bogus"));

        assertThat(result.toString()).isEqualTo(
                "line 11 (a=setup:bogus): setup: 'bogus' (expected: actpass, active, passive or holdconn)");
    }

    @Test
    void descriptionOverTheSizeLimitIsRefusedBeforeParsing() {
        final String huge = String.join("\r\n", VALID) + "\r\n" + "a=x:" + "y".repeat(256 * 1024);

        assertThat(SdpParser.parse(huge)).isInstanceOfSatisfying(ParseResult.Error.class, error -> {
            assertThat(error.lineNumber()).isZero();
            assertThat(error.message()).contains("characters (expected: at most 262144)");
        });
    }

    @Test
    void limitsOnLinesLineLengthSectionsAndCandidatesAreEnforced() {
        final String candidate = "a=candidate:1 1 udp 1 192.0.2.1 1 typ host";
        final String twoSections = append(candidate, candidate, "m=application 9 UDP/DTLS/SCTP webrtc-datachannel");

        assertError(SdpParser.parse(twoSections, new SdpLimits(1 << 20, 10, 4096, 8, 8)), 11, "more than 10 lines");
        assertError(SdpParser.parse(twoSections, new SdpLimits(1 << 20, 100, 40, 8, 8)), 6, "line: 48 characters");
        assertError(SdpParser.parse(twoSections, new SdpLimits(1 << 20, 100, 4096, 1, 8)), 16, "more than 1 media sections");
        assertError(SdpParser.parse(twoSections, new SdpLimits(1 << 20, 100, 4096, 8, 1)), 15, "candidate: more than 1");
        assertThat(SdpParser.parse(twoSections, new SdpLimits(1 << 20, 100, 4096, 8, 8)).isOk()).isTrue();
    }

    @Test
    void errorKeepsOnlyTheStartOfAHugeLine() {
        final String longLine = "a=setup:" + "x".repeat(1000);

        assertThat(SdpParser.parse(replace(11, longLine))).isInstanceOfSatisfying(ParseResult.Error.class, error -> {
            assertThat(error.line()).hasSize(ParseResult.Error.MAX_LINE_LENGTH + 1).startsWith("a=setup:xxx");
            assertThat(error.message()).hasSizeLessThan(200);
        });
    }

    private static void assertError(ParseResult<SessionDescription> result, int lineNumber, String fragment) {
        assertThat(result).isInstanceOfSatisfying(ParseResult.Error.class, error -> {
            assertThat(error.lineNumber()).isEqualTo(lineNumber);
            assertThat(error.message()).contains(fragment);
        });
    }

    private static String replace(int lineNumber, String line) {
        final List<String> lines = new ArrayList<>(VALID);
        lines.set(lineNumber - 1, line);
        return String.join("\r\n", lines) + "\r\n";
    }

    private static String insert(int lineNumber, String line) {
        final List<String> lines = new ArrayList<>(VALID);
        lines.add(lineNumber - 1, line);
        return String.join("\r\n", lines) + "\r\n";
    }

    private static String remove(int lineNumber) {
        final List<String> lines = new ArrayList<>(VALID);
        lines.remove(lineNumber - 1);
        return String.join("\r\n", lines) + "\r\n";
    }

    private static String append(String... extra) {
        final List<String> lines = new ArrayList<>(VALID);
        lines.addAll(List.of(extra));
        return String.join("\r\n", lines) + "\r\n";
    }

    private static String lineOf(String sdp, int lineNumber) {
        final String line = sdp.split("\r\n", -1)[lineNumber - 1];
        return line.length() > ParseResult.Error.MAX_LINE_LENGTH
               ? line.substring(0, ParseResult.Error.MAX_LINE_LENGTH) + "…" : line;
    }
}
