package dev.remotemedia.rtc.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The descriptions and candidates captured from Chromium 156 (see resources/chromium/README.md). */
final class ChromiumCaptures {
    static final String OFFER_DATA = "offer-datachannel.sdp";
    static final String ANSWER_DATA = "answer-datachannel.sdp";
    static final String OFFER_AV_DATA = "offer-audio-video-datachannel.sdp";
    static final String ANSWER_AV_DATA = "answer-audio-video-datachannel.sdp";
    static final String OFFER_DATA_GATHERED = "offer-datachannel-gathered.sdp";
    static final String OFFER_DATA_GATHERED_MDNS = "offer-datachannel-gathered-mdns.sdp";
    static final String OFFER_AV_DATA_GATHERED = "offer-audio-video-datachannel-gathered.sdp";

    static final List<String> DESCRIPTIONS = List.of(OFFER_DATA, ANSWER_DATA, OFFER_AV_DATA, ANSWER_AV_DATA,
                                                     OFFER_DATA_GATHERED, OFFER_DATA_GATHERED_MDNS,
                                                     OFFER_AV_DATA_GATHERED);

    /** One {@code RTCPeerConnectionIceEvent.candidate} as Chromium trickled it. */
    record Trickled(String candidate, String sdpMid, int sdpMLineIndex, String usernameFragment) {}

    private ChromiumCaptures() {}

    static String read(String name) {
        try (InputStream in = ChromiumCaptures.class.getResourceAsStream("/chromium/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource chromium/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionDescription parse(String name) {
        return SdpParser.parse(read(name)).orElseThrow();
    }

    /** The trickled candidates of {@code name}: lines of {@code candidate|sdpMid|sdpMLineIndex|usernameFragment}. */
    static List<Trickled> trickled(String name) {
        final List<Trickled> result = new ArrayList<>();
        for (String line : read(name).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            final String[] parts = line.split("\\|");
            result.add(new Trickled(parts[0], parts[1], Integer.parseInt(parts[2]), parts[3]));
        }
        return result;
    }
}
