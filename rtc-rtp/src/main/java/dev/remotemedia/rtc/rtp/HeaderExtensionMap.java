package dev.remotemedia.rtc.rtp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.rtp.internal.Checks;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Which local id stands for which header extension URI on a transport, as {@code a=extmap}
 * negotiated it (<a href="https://www.rfc-editor.org/rfc/rfc8285#section-5">RFC 8285 §5</a>):
 * ids 1..14 fit the one-byte form, 15..255 need the two-byte form. Reads and writes extensions by
 * URI. Immutable.
 *
 * <pre>{@code
 * HeaderExtensionMap map = HeaderExtensionMap.builder()
 *         .put(1, MidExtension.URI)
 *         .put(3, TransportSequenceNumberExtension.URI)
 *         .build();
 * MidExtension mid = map.read(packet, MidExtension.URI, MidExtension::parse); // null if absent
 * map.write(builder, new TransportSequenceNumberExtension(seq));             // false if not negotiated
 * }</pre>
 */
public final class HeaderExtensionMap {

    private static final HeaderExtensionMap EMPTY = new HeaderExtensionMap(new TreeMap<>());

    private final Map<Integer, String> uriById;
    private final Map<String, Integer> idByUri;

    private HeaderExtensionMap(TreeMap<Integer, String> uriById) {
        this.uriById = Collections.unmodifiableMap(uriById);
        final Map<String, Integer> byUri = new HashMap<>();
        uriById.forEach((id, uri) -> byUri.put(uri, id));
        idByUri = Collections.unmodifiableMap(byUri);
    }

    /** Returns a map with no extensions. */
    public static HeaderExtensionMap empty() {
        return EMPTY;
    }

    /**
     * Returns a map of {@code uriById}.
     *
     * @throws IllegalArgumentException if an id is out of 1..255 or a URI appears twice
     */
    public static HeaderExtensionMap of(Map<Integer, String> uriById) {
        final Builder builder = builder();
        uriById.forEach(builder::put);
        return builder.build();
    }

    /** Returns an empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the id mapped to {@code uri}, or {@code null} if it was not negotiated. */
    public @Nullable Integer id(String uri) {
        return idByUri.get(requireNonNull(uri, "uri"));
    }

    /** Returns the URI mapped to {@code id}, or {@code null} if the id is not in use. */
    public @Nullable String uri(int id) {
        return uriById.get(id);
    }

    /** Returns the mapping, id to URI, in id order. */
    public Map<Integer, String> asMap() {
        return uriById;
    }

    /**
     * Returns the data of the extension {@code uri} in {@code packet}, or {@code null} if the URI
     * is not mapped or the packet does not carry it.
     */
    public @Nullable ByteView find(RtpPacket packet, String uri) {
        final Integer id = id(uri);
        return id == null ? null : packet.extension(id);
    }

    /**
     * Returns the extension {@code uri} of {@code packet} parsed with {@code parser}, such as
     * {@code map.read(packet, AbsSendTimeExtension.URI, AbsSendTimeExtension::parse)}; or {@code
     * null} if the URI is not mapped, the packet does not carry it, or its data does not parse
     * (a malformed element reads as absent, as in libwebrtc).
     */
    public <T> @Nullable T read(RtpPacket packet, String uri, Function<ByteView, ParseResult<T>> parser) {
        final ByteView data = find(packet, uri);
        return data == null ? null : parser.apply(data).valueOrNull();
    }

    /**
     * Sets {@code value} on {@code builder} under its negotiated id; returns {@code false} and
     * leaves the builder alone if its URI is not mapped (the peer did not negotiate it).
     */
    public boolean write(RtpPacket.Builder builder, HeaderExtensionValue value) {
        requireNonNull(builder, "builder");
        final Integer id = id(value.uri());
        if (id == null) {
            return false;
        }
        builder.extension(id, value.toBytes());
        return true;
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof HeaderExtensionMap that && uriById.equals(that.uriById);
    }

    @Override
    public int hashCode() {
        return uriById.hashCode();
    }

    @Override
    public String toString() {
        return "HeaderExtensionMap" + uriById;
    }

    /** Builds a {@link HeaderExtensionMap}. */
    public static final class Builder {
        private final TreeMap<Integer, String> uriById = new TreeMap<>();

        private Builder() {}

        /**
         * Maps {@code id} to {@code uri}, replacing what {@code id} had.
         *
         * @throws IllegalArgumentException if {@code id} is out of 1..255 or {@code uri} is
         *     already mapped to another id
         */
        public Builder put(int id, String uri) {
            Checks.checkRange("id", id, 1, HeaderExtension.MAX_ID);
            requireNonNull(uri, "uri");
            uriById.forEach((otherId, otherUri) -> {
                if (otherId != id && otherUri.equals(uri)) {
                    throw new IllegalArgumentException(
                            "uri: " + uri + " (expected: not already mapped, but id " + otherId + " has it)");
                }
            });
            uriById.put(id, uri);
            return this;
        }

        public HeaderExtensionMap build() {
            return new HeaderExtensionMap(new TreeMap<>(uriById));
        }
    }
}
