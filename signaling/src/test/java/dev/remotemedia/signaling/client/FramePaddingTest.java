package dev.remotemedia.signaling.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FramePaddingTest {

    @ParameterizedTest(name = "{0} bytes -> {1}")
    @CsvSource({
        "10,     10",     // 7-bit length: never split
        "125,    125",
        "126,    126",    // low byte 0x7E: decodes right when split
        "127,    127",
        "128,    256",    // low byte 0x80: padded to the next multiple of 256
        "170,    256",
        "255,    256",
        "256,    256",
        "3000,   3072",   // 0x0BB8
        "3100,   3100",   // 0x0C1C
        "65407,  65407",  // 0xFF7F
        "65408,  65408",  // 0xFF80: padding would need the 64-bit length, left alone
        "70000,  70000",  // 64-bit length: not affected
    })
    void padsOnlyLengthsWhoseLowByteWouldSignExtend(int length, int expected) {
        final String json = "{\"a\":\"" + "x".repeat(length - 8) + "\"}";
        assertThat(json.length()).isEqualTo(length);
        final String padded = FramePadding.pad(json);
        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(expected);
        assertThat(padded.strip()).isEqualTo(json);
    }

    @ParameterizedTest(name = "{1} × {0}")
    @CsvSource({"é, 70, 142, 256", "€, 50, 152, 256", "é, 64, 130, 256", "a, 140, 142, 256", "é, 100, 202, 256",
                "é, 40, 82, 82"})
    void countsUtf8BytesNotCharacters(String character, int count, int bytes, int expected) {
        final String json = "\"" + character.repeat(count) + "\"";
        assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        assertThat(FramePadding.pad(json).getBytes(StandardCharsets.UTF_8)).hasSize(expected);
    }
}
