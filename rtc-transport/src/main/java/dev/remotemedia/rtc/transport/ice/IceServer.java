package dev.remotemedia.rtc.transport.ice;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.List;

/**
 * A STUN or TURN server, as W3C's
 * <a href="https://www.w3.org/TR/webrtc/#rtciceserver-dictionary">RTCIceServer</a>: one or more
 * URIs ({@code stun:stun.example.org:3478}, {@code turn:turn.example.org?transport=udp}) and, for
 * TURN, the long-term credential. {@link IceConfig.Builder#build()} checks the URIs; this record
 * only holds them. {@link #toString()} masks the credential.
 */
public record IceServer(List<String> urls, @Nullable String username, @Nullable String credential) {

    public IceServer {
        urls = List.copyOf(requireNonNull(urls, "urls"));
    }

    /** A server without credentials, such as a public STUN server. */
    public static IceServer of(String... urls) {
        return new IceServer(List.of(urls), null, null);
    }

    /** A server with a long-term credential, such as a TURN server. */
    public static IceServer of(List<String> urls, String username, String credential) {
        return new IceServer(urls, requireNonNull(username, "username"),
                             requireNonNull(credential, "credential"));
    }

    @Override
    public String toString() {
        return "IceServer{urls=" + urls + (username != null ? ", username=" + username : "")
               + (credential != null ? ", credential=***" : "") + '}';
    }
}
