package dev.remotemedia.signaling.server;

import dev.remotemedia.rtc.common.Nullable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which browser pages may open the signaling WebSocket (DESIGN.md §8; RFC 6455 §10.2): a request
 * without an {@code Origin} header is not from a browser and is allowed; a browser's origin must
 * be listed, or, with an empty list, be the server's own origin (same scheme, host and port as the
 * request), so a page elsewhere cannot make a visitor's browser join the mesh.
 */
final class OriginPolicy {
    private final Set<String> allowed;
    private final boolean any;

    private OriginPolicy(List<String> allowed) {
        this.allowed = Set.copyOf(allowed);
        any = this.allowed.contains("*");
    }

    /** A policy allowing {@code allowed} origins (normalized as the config does) or {@code *}. */
    static OriginPolicy of(List<String> allowed) {
        return new OriginPolicy(allowed);
    }

    /**
     * Whether a request with {@code origin} for {@code authority} (the Host header) over
     * {@code tls} may upgrade.
     */
    boolean allows(@Nullable String origin, @Nullable String authority, boolean tls) {
        if (origin == null || any) {
            return true;
        }
        final String normalized = normalize(origin);
        if (normalized == null) {
            return false; // "null" (sandboxed pages, file://) and garbage
        }
        if (!allowed.isEmpty()) {
            return allowed.contains(normalized);
        }
        return authority != null && normalized.equals(normalize((tls ? "https://" : "http://") + authority));
    }

    /** {@code scheme://host[:port]} in lower case, the port only when not the scheme's default. */
    static @Nullable String normalize(String origin) {
        final URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return null;
        }
        final String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null
            || uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath())
            || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
            return null;
        }
        final int defaultPort = "https".equals(scheme) ? 443 : 80;
        final int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (port == defaultPort ? "" : ":" + port);
    }
}
