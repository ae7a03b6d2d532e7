package dev.remotemedia.rtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random mutations of real descriptions never make the parser throw; whatever it accepts writes
 * back to text that parses to the same model. Seeded, so a failure reproduces.
 */
class SdpFuzzTest {
    private static final int ITERATIONS = 3_000;
    private static final String ALPHABET = "0123456789abcdefxyzABCDEF :/=.-+*;\r\n\t\0\u00e9\u20ac";

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void mutatedDescriptionsNeverThrowAndWhatParsesRoundTrips() {
        final Random random = new Random(0x5D9_2024L);
        final List<String> seeds = new ArrayList<>();
        ChromiumCaptures.DESCRIPTIONS.forEach(name -> seeds.add(ChromiumCaptures.read(name)));
        seeds.add(SdpRoundTripTest.FIREFOX_STYLE_OFFER);
        seeds.add(SdpRoundTripTest.WITH_UNKNOWN_LINES);
        int accepted = 0;

        for (int i = 0; i < ITERATIONS; i++) {
            final String seed = seeds.get(random.nextInt(seeds.size()));
            String mutated = seed;
            final int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                mutated = mutate(mutated, random);
            }
            if (checkParse(mutated)) {
                accepted++;
            }
        }

        // Most mutations land in a line the parser checks, but not all: both paths are exercised.
        assertThat(accepted).isBetween(ITERATIONS / 20, ITERATIONS - ITERATIONS / 20);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void everyTruncationOfEveryCapturedDescriptionIsHandled() {
        for (String name : ChromiumCaptures.DESCRIPTIONS) {
            final String sdp = ChromiumCaptures.read(name);
            for (int end = 0; end <= sdp.length(); end += 17) {
                checkParse(sdp.substring(0, end));
            }
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void mutatedCandidatesNeverThrowAndWhatParsesFormatsBack() {
        final Random random = new Random(8839);
        final List<String> seeds = List.of(
                "candidate:1279117425 1 udp 2113937151 192.0.2.2 60945 typ host generation 0 ufrag +zF7 network-cost 999",
                "candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx raddr 192.0.2.2 rport 46154 generation 0",
                "candidate:1510613869 1 tcp 1518280447 fd00::2 9 typ host tcptype active generation 0 network-id 1",
                "a=candidate:1 1 udp 2113937151 1bc5887d-7829-4f3d-b263-8de7caf05356.local 56218 typ host");
        for (int i = 0; i < 2 * ITERATIONS; i++) {
            final String mutated = mutate(seeds.get(random.nextInt(seeds.size())), random);
            final ParseResult<IceCandidate> result = IceCandidate.parse(mutated);
            if (result instanceof ParseResult.Ok<IceCandidate> ok) {
                assertThat(IceCandidate.parse(ok.value().format()).orElseThrow()).isEqualTo(ok.value());
            } else {
                assertThat(((ParseResult.Error<IceCandidate>) result).message()).doesNotContain("unexpected");
            }
        }
    }

    /** Parses {@code sdp}; returns whether it was accepted, after checking the error or the round trip. */
    private static boolean checkParse(String sdp) {
        final ParseResult<SessionDescription> result = SdpParser.parse(sdp);
        if (result instanceof ParseResult.Error<SessionDescription> error) {
            assertThat(error.message()).as("for input %s", sdp).isNotBlank().doesNotContain("unexpected parser failure");
            return false;
        }
        final SessionDescription parsed = result.orElseThrow();
        final ParseResult<SessionDescription> reparsed = SdpParser.parse(SdpWriter.write(parsed));
        assertThat(reparsed.valueOrNull()).as("reparse of %s gave %s", sdp, reparsed).isEqualTo(parsed);
        return true;
    }

    private static String mutate(String text, Random random) {
        if (text.isEmpty()) {
            return String.valueOf(randomChar(random));
        }
        final int at = random.nextInt(text.length());
        switch (random.nextInt(8)) {
            case 0: // truncate
                return text.substring(0, at);
            case 1: // delete a run
                return text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(8)));
            case 2: // insert a character
                return text.substring(0, at) + randomChar(random) + text.substring(at);
            case 3: // replace a character
                return text.substring(0, at) + randomChar(random) + text.substring(at + 1);
            case 4: // replace a digit run with an extreme number
                return replaceNumber(text, at, random);
            default: // duplicate, drop or swap whole lines
                return mutateLines(text, random);
        }
    }

    private static String replaceNumber(String text, int at, Random random) {
        int start = at;
        while (start < text.length() && !Character.isDigit(text.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        final String[] extremes = {"0", "-1", "128", "65536", "4294967296", "99999999999999999999999", "00"};
        return text.substring(0, start) + extremes[random.nextInt(extremes.length)] + text.substring(end);
    }

    private static String mutateLines(String text, Random random) {
        final List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r\n", -1)));
        final int a = random.nextInt(lines.size());
        final int b = random.nextInt(lines.size());
        switch (random.nextInt(3)) {
            case 0:
                lines.add(b, lines.get(a));
                break;
            case 1:
                lines.remove(a);
                break;
            default:
                final String line = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, line);
        }
        return String.join("\r\n", lines);
    }

    private static char randomChar(Random random) {
        return ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
}
