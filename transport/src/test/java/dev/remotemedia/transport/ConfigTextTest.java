package dev.remotemedia.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
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
    @ValueSource(strings = {"%", "%2", "%G0", "abc%"})
    void refusesBrokenPercentEscapes(String text) {
        assertThat(ConfigText.percentDecodeOrNull(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a:b,c%d", "plain", "", "ü:%2C"})
    void percentEncodingRoundTrips(String text) {
        assertThat(ConfigText.percentDecodeOrNull(ConfigText.percentEncode(text, true))).isEqualTo(text);
    }
}
