package dev.remotemedia.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"::1", "::", "2001:db8::1", "fe80::1:2:3:4", "1:2:3:4:5:6:7:8", "1::8",
                            "::ffff:192.0.2.1", "64:ff9b::192.0.2.33", "1:2:3:4:5:6:192.0.2.1"})
    void acceptsIpv6Literals(String text) {
        assertThat(ConfigText.isIpv6Literal(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {":", "1:2:3", "1::2::3", "12345::1", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8:9",
                            "::ffff:999.0.2.1", "::1.2.3.4:5", "g::1", "1:", ":1", "localhost", "1.2.3.4"})
    void refusesMalformedIpv6(String text) {
        assertThat(ConfigText.isIpv6Literal(text)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1,         7f000001",
        "::1,               00000000000000000000000000000001",
        "::,                00000000000000000000000000000000",
        "2001:db8::8:1,     20010db8000000000000000000080001",
        "1:2:3:4:5:6:7:8,   00010002000300040005000600070008",
        "::ffff:192.0.2.1,  00000000000000000000ffffc0000201",
        "64:ff9b::10.0.0.1, 0064ff9b00000000000000000a000001",
        "fe80::,            fe800000000000000000000000000000",
    })
    void parsesIpLiteralsToTheirBytes(String text, String hex) {
        assertThat(java.util.HexFormat.of().formatHex(ConfigText.parseIpLiteralOrNull(text))).isEqualTo(hex);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "1.2.3", "1::2::3", "example.com", "", "fe80::1%eth0"})
    void ipLiteralParserRefusesNames(String text) {
        assertThat(ConfigText.parseIpLiteralOrNull(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%2", "%G0", "abc%", "%C3", "%FF%FE"})
    void refusesBrokenPercentEscapes(String text) {
        assertThat(ConfigText.percentDecodeOrNull(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a:b,c%d", "plain", "", "ü:%2C"})
    void percentEncodingRoundTrips(String text) {
        assertThat(ConfigText.percentDecodeOrNull(ConfigText.percentEncode(text, true))).isEqualTo(text);
    }
}
