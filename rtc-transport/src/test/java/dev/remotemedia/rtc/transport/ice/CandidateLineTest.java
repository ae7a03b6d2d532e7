package dev.remotemedia.rtc.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CandidateLineTest {

    /** Candidates as Chromium trickles them (RTCIceCandidate.candidate). */
    private static final String CHROMIUM_HOST =
            "candidate:3337045219 1 udp 2122260223 192.168.1.23 54321 typ host generation 0 ufrag Hx8g network-id 1";
    private static final String CHROMIUM_SRFLX =
            "candidate:842163049 1 udp 1686052607 203.0.113.9 61234 typ srflx raddr 192.168.1.23 rport 54321 "
            + "generation 0 ufrag Hx8g network-id 1 network-cost 10";
    private static final String CHROMIUM_MDNS =
            "candidate:1918823462 1 udp 2113937151 3c8c0f35-2d5d-4a11-a5c8-3b1e7bc4d0c0.local 50993 typ host "
            + "generation 0 ufrag Hx8g network-cost 999";
    private static final String CHROMIUM_TCP =
            "candidate:2175469843 1 tcp 1518280447 192.168.1.23 9 typ host tcptype active generation 0 ufrag Hx8g";

    @Test
    void parsesAChromiumHostCandidate() {
        CandidateLine c = ok(CHROMIUM_HOST);

        assertThat(c.foundation()).isEqualTo("3337045219");
        assertThat(c.componentId()).isEqualTo(1);
        assertThat(c.transport()).isEqualTo("udp");
        assertThat(c.priority()).isEqualTo(2122260223L);
        assertThat(c.address()).isEqualTo("192.168.1.23");
        assertThat(c.port()).isEqualTo(54321);
        assertThat(c.type()).isEqualTo("host");
        assertThat(c.relatedAddress()).isNull();
        assertThat(c.relatedPort()).isEqualTo(-1);
        assertThat(c.extension("ufrag")).isEqualTo("Hx8g");
        assertThat(c.extension("network-id")).isEqualTo("1");
        assertThat(c.extension("missing")).isNull();
    }

    @Test
    void parsesRelatedAddressAndPortOfAServerReflexiveCandidate() {
        CandidateLine c = ok(CHROMIUM_SRFLX);

        assertThat(c.type()).isEqualTo("srflx");
        assertThat(c.relatedAddress()).isEqualTo("192.168.1.23");
        assertThat(c.relatedPort()).isEqualTo(54321);
        assertThat(c.extension("network-cost")).isEqualTo("10");
    }

    @ParameterizedTest
    @ValueSource(strings = {CHROMIUM_HOST, CHROMIUM_SRFLX, CHROMIUM_MDNS, CHROMIUM_TCP,
                            "candidate:1 1 UDP 2130706431 fd00::2 10000 typ host"})
    void formatsBackWhatItParsed(String line) {
        CandidateLine c = ok(line);

        assertThat(ok(c.format())).isEqualTo(c);
        assertThat(c.format()).isEqualTo(line.replace(" UDP ", " udp "));
    }

    @Test
    void acceptsTheSdpAttributeForm() {
        assertThat(ok("a=" + CHROMIUM_HOST)).isEqualTo(ok(CHROMIUM_HOST));
    }

    @Test
    void givesTheIpAddressWithoutResolvingHostNames() throws Exception {
        assertThat(ok(CHROMIUM_HOST).ipAddress()).isEqualTo(InetAddress.getByName("192.168.1.23"));
        assertThat(ok("candidate:1 1 udp 1 2001:db8::1 9 typ host").ipAddress())
                .isEqualTo(InetAddress.getByName("2001:db8::1"));
        assertThat(ok(CHROMIUM_MDNS).ipAddress()).isNull();
        assertThat(ok("candidate:1 1 udp 1 example.com 9 typ host").ipAddress()).isNull();
        assertThat(CandidateLine.parseIpLiteral("1.2.3")).isNull();
        assertThat(CandidateLine.parseIpLiteral("256.1.1.1")).isNull();
        assertThat(CandidateLine.parseIpLiteral("fe80::1%eth0")).isNull();
    }

    @Test
    void formatsIpv6AddressesInTheirShortForm() throws Exception {
        assertThat(CandidateLine.formatAddress(InetAddress.getByName("fd00:0:0:0:0:0:0:2"))).isEqualTo("fd00::2");
        assertThat(CandidateLine.formatAddress(InetAddress.getByName("2001:db8:0:0:1:0:0:1")))
                .isEqualTo("2001:db8::1:0:0:1");
        assertThat(CandidateLine.formatAddress(InetAddress.getByName("::1"))).isEqualTo("::1");
        assertThat(CandidateLine.formatAddress(InetAddress.getByName("2001:db8:1:2:3:4:5:6")))
                .isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(CandidateLine.formatAddress(InetAddress.getByName("127.0.0.1"))).isEqualTo("127.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "candidate:",
            "a=candidate:1 1 udp 1 127.0.0.1",
            "candidate:1 1 udp 2130706431 127.0.0.1 5000 host",
            "candidate:1 0 udp 2130706431 127.0.0.1 5000 typ host",
            "candidate:1 1 udp 4294967296 127.0.0.1 5000 typ host",
            "candidate:1 1 udp -1 127.0.0.1 5000 typ host",
            "candidate:1 1 udp 1 127.0.0.1 65536 typ host",
            "candidate:1 1 udp 1 127.0.0.1 5000 typ host raddr",
            "candidate:1 1 udp 1 127.0.0.1 5000 typ srflx raddr 1.2.3.4 rport x",
            "candidate:1 1 udp 1 127.0.0.1 5000 typ host generation",
            "candidate:1  1 udp 1 127.0.0.1 5000 typ host",
            "candidate:fo_undation 1 udp 1 127.0.0.1 5000 typ host",
            "candidate:123456789012345678901234567890123 1 udp 1 127.0.0.1 5000 typ host",
            "not a candidate"})
    void reportsMalformedLinesAsDataNotExceptions(String line) {
        assertThat(CandidateLine.parse(line)).isInstanceOf(CandidateLine.Invalid.class);
    }

    @Test
    void saysWhatIsWrong() {
        assertThat(CandidateLine.parse("candidate:1 1 udp 1 127.0.0.1 99999 typ host"))
                .isEqualTo(new CandidateLine.Invalid("port '99999' (expected: 0..65535)"));
    }

    @Test
    void refusesOverlongLines() {
        String huge = "candidate:1 1 udp 1 127.0.0.1 5000 typ host" + " x y".repeat(400);
        assertThat(CandidateLine.parse(huge)).isInstanceOf(CandidateLine.Invalid.class);
    }

    private static CandidateLine ok(String line) {
        CandidateLine.Parsed p = CandidateLine.parse(line);
        assertThat(p).as(line).isInstanceOf(CandidateLine.Ok.class);
        return ((CandidateLine.Ok) p).line();
    }
}
