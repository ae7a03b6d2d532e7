package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The session-level {@code a=msid-semantic: WMS [ids]} that Chromium still writes (from the
 * pre-RFC 8830 msid drafts). Written as Chromium writes it, with a space after the colon.
 */
public record MsidSemantic(String semantic, List<String> identifiers) {
    public MsidSemantic {
        Tokens.checkToken(requireNonNull(semantic, "semantic"), "semantic");
        identifiers = List.copyOf(identifiers);
        identifiers.forEach(id -> Tokens.checkWord(id, "identifier"));
    }

    public String toSdpValue() {
        final StringBuilder result = new StringBuilder(" ").append(semantic);
        identifiers.forEach(id -> result.append(' ').append(id));
        return result.toString();
    }
}
