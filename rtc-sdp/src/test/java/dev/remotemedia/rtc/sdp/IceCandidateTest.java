package dev.remotemedia.rtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Candidate lines and trickled candidate strings (RFC 8839 §5.1, RFC 8840). */
class IceCandidateTest {

    @Test
    void trickledChromiumHostCandidateParsesEveryField() {
        final IceCandidate candidate = IceCandidate.parse(
                "candidate:1279117425 1 udp 2113937151 192.0.2.2 60945 typ host generation 0 ufrag +zF7 network-cost 999")
                .orElseThrow();

        assertThat(candidate.foundation()).isEqualTo("1279117425");
        assertThat(candidate.component()).isEqualTo(1);
        assertThat(candidate.transport()).isEqualTo("udp");
        assertThat(candidate.priority()).isEqualTo(2113937151L);
        assertThat(candidate.address()).isEqualTo("192.0.2.2");
        assertThat(candidate.port()).isEqualTo(60945);
        assertThat(candidate.type()).isEqualTo(CandidateType.HOST);
        assertThat(candidate.relatedAddress()).isNull();
        assertThat(candidate.relatedPort()).isNull();
        assertThat(candidate.tcpType()).isNull();
        assertThat(candidate.generation()).isZero();
        assertThat(candidate.ufrag()).isEqualTo("+zF7");
        assertThat(candidate.networkCost()).isEqualTo(999L);
        assertThat(candidate.networkId()).isNull();
        assertThat(candidate.extensions()).containsExactly(new CandidateExtension("generation", "0"),
                                                           new CandidateExtension("ufrag", "+zF7"),
                                                           new CandidateExtension("network-cost", "999"));
    }

    @Test
    void sdpLineFormWithAPrefixParsesToTheSameCandidate() {
        final String value = "candidate:2712707469 1 udp 2113937151 192.0.2.2 41689 typ host generation 0";

        assertThat(IceCandidate.parse("a=" + value).orElseThrow()).isEqualTo(IceCandidate.parse(value).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx raddr 192.0.2.2 rport 46154 generation 0 ufrag sXRM network-id 1 network-cost 10",
            "candidate:3745361120 1 udp 33562367 198.51.100.9 58218 typ relay raddr 203.0.113.7 rport 46154 generation 0",
            "candidate:1510613869 1 tcp 1518280447 192.0.2.2 9 typ host tcptype active generation 0 network-id 1",
            "candidate:1510613870 1 tcp 1518280447 192.0.2.2 50000 typ host tcptype passive",
            "candidate:1510613871 2 TCP 1518280447 2001:db8::1 50001 typ prflx raddr :: rport 0 tcptype so",
            "candidate:1 1 udp 2113937151 1bc5887d-7829-4f3d-b263-8de7caf05356.local 56218 typ host generation 0",
            "candidate:a+b/c 256 udp 0 ::ffff:192.0.2.1 0 typ host",
            "candidate:x 1 udp 4294967295 fe80::1:2:3:4 65535 typ host x-vendor-flag on"})
    void candidateFormatsBackExactlyAsParsed(String line) {
        assertThat(IceCandidate.parse(line).orElseThrow().format()).isEqualTo(line);
    }

    @Test
    void reflexiveCandidateKeepsItsBase() {
        final IceCandidate srflx = IceCandidate.parse(
                "candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx raddr 192.0.2.2 rport 46154 generation 0")
                .orElseThrow();

        assertThat(srflx.type()).isEqualTo(CandidateType.SERVER_REFLEXIVE);
        assertThat(srflx.relatedAddress()).isEqualTo("192.0.2.2");
        assertThat(srflx.relatedPort()).isEqualTo(46154);
    }

    @Test
    void tcpCandidateHasItsTcpType() {
        final IceCandidate tcp = IceCandidate.parse("candidate:1 1 tcp 1518280447 192.0.2.2 9 typ host tcptype active")
                                             .orElseThrow();

        assertThat(tcp.isUdp()).isFalse();
        assertThat(tcp.tcpType()).isEqualTo(TcpType.ACTIVE);
        assertThat(tcp.isMdns()).isFalse();
    }

    @Test
    void builtCandidateFormatsLikeChromium() {
        final IceCandidate built = IceCandidate.builder().foundation("4").priority(1677729535L)
                .address("203.0.113.7", 3478).type(CandidateType.SERVER_REFLEXIVE).related("10.0.0.2", 50000)
                .addExtension("generation", "0").build();

        assertThat(built.format()).isEqualTo(
                "candidate:4 1 udp 1677729535 203.0.113.7 3478 typ srflx raddr 10.0.0.2 rport 50000 generation 0");
        assertThat(built.toString()).isEqualTo(built.format());
        assertThat(built.toBuilder().component(2).build().component()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                                     | expected: 'candidate:'",
            "candidate 1 1 udp 1 192.0.2.2 1 typ host              | expected: 'candidate:'",
            "candidate:1 1 udp 1 192.0.2.2 1 typ                    | 7 fields",
            "candidate:1 0 udp 1 192.0.2.2 1 typ host               | candidate component: 0 (expected: 1..256)",
            "candidate:1 1 udp 4294967296 192.0.2.2 1 typ host      | candidate priority: 4294967296",
            "candidate:1 1 udp -5 192.0.2.2 1 typ host              | candidate priority: '-5'",
            "candidate:1 1 udp 1 192.0.2.2 65536 typ host           | candidate port: 65536 (expected: 0..65535)",
            "candidate:1 1 udp 1 192.0.2.2 1 type host              | 'type' after the port (expected: typ)",
            "candidate:1 1 udp 1 192.0.2.2 1 typ local              | candidate type: 'local'",
            "candidate:1 1 udp 1 192.0.2.256 1 typ host             | expected: IPv4, IPv6 or a host name",
            "candidate:1 1 udp 1 1:2:3:4:5:6:7:8:9 1 typ host       | candidate address",
            "candidate:1 1 udp 1 bad_host 1 typ host                | candidate address: 'bad_host'",
            "candidate:1 1 udp 1 192.0.2.2 1 typ host generation    | 'generation' has no value",
            "candidate:1 1 udp 1 192.0.2.2 1 typ host generation x  | candidate generation: 'x' (expected: a number)",
            "candidate:1 1 udp 1 192.0.2.2 1 typ host tcptype both  | candidate tcptype: 'both'",
            "candidate:1 1 udp 1 192.0.2.2 1 typ srflx raddr 1.2.3.4 raddr 1.2.3.4 | raddr appears twice",
            "candidate:1 1 udp 1 192.0.2.2 1 typ host typ host      | 'typ' is not an extension",
            "candidate:f_o 1 udp 1 192.0.2.2 1 typ host             | candidate foundation: 'f_o'"})
    void malformedCandidateIsAnErrorNamingTheProblem(String line, String messageFragment) {
        final ParseResult<IceCandidate> result = IceCandidate.parse(line);

        assertThat(result).isInstanceOfSatisfying(ParseResult.Error.class, error -> {
            assertThat(error.lineNumber()).isEqualTo(1);
            assertThat(error.line()).isEqualTo(line);
            assertThat(error.message()).contains(messageFragment);
        });
        assertThat(result.valueOrNull()).isNull();
        assertThatThrownBy(result::orElseThrow).isInstanceOf(IllegalArgumentException.class)
                                               .hasMessageContaining(messageFragment);
    }

    @Test
    void invalidCandidateCannotBeBuilt() {
        assertThatThrownBy(() -> IceCandidate.builder().foundation("1").address("not an address", 1)
                                             .type(CandidateType.HOST).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("address");
        assertThatThrownBy(() -> IceCandidate.builder().foundation("1").address("192.0.2.1", 1)
                                             .type(CandidateType.HOST).addExtension("raddr", "1.2.3.4").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an extension");
        assertThatThrownBy(() -> IceCandidate.builder().foundation("1").build())
                .isInstanceOf(IllegalStateException.class);
    }
}
