package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;

/**
 * {@code a=extmap:<id>[/<direction>] <URI> [<extension attributes>]} (RFC 8285 §8): binds an RTP
 * header extension to a local id. Ids 1..14 fit the one-byte form, 1..255 the two-byte form,
 * and 4096..4351 are for offers to renumber (RFC 8285 §6).
 */
public record Extmap(int id, @Nullable Direction direction, String uri, @Nullable String attributes) {
    public Extmap {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("id: " + id + " (expected: 1..255 or 4096..4351)");
        }
        requireNonNull(uri, "uri");
        Tokens.checkWord(uri, "uri");
        if (attributes != null && !attributes.equals(String.join(" ", Tokens.fields(attributes)))) {
            throw new IllegalArgumentException("attributes: '" + Tokens.abbreviate(attributes)
                                               + "' (expected: words separated by single spaces)");
        }
    }

    public static Extmap of(int id, String uri) {
        return new Extmap(id, null, uri, null);
    }

    static boolean isValidId(long id) {
        return (id >= 1 && id <= 255) || (id >= 4096 && id <= 4351);
    }

    public String toSdpValue() {
        final StringBuilder result = new StringBuilder().append(id);
        if (direction != null) {
            result.append('/').append(direction.attributeName());
        }
        result.append(' ').append(uri);
        if (attributes != null) {
            result.append(' ').append(attributes);
        }
        return result.toString();
    }
}
