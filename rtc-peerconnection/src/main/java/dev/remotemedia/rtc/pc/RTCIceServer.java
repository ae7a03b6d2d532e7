package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;
import java.util.List;

/**
 * A STUN or TURN server (W3C WebRTC §4.2.4): {@code stun:host[:port]}, {@code turn:host[:port]}
 * or {@code turns:...} URLs with, for TURN, long-term credentials.
 */
public record RTCIceServer(List<String> urls, @Nullable String username, @Nullable String credential) {

    public RTCIceServer {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("urls: [] (expected: at least one stun:, turn: or turns: URL)");
        }
    }

    public static RTCIceServer stun(String url) {
        return new RTCIceServer(List.of(url), null, null);
    }

    public static RTCIceServer turn(String url, String username, String credential) {
        return new RTCIceServer(List.of(url), username, credential);
    }

    /** Never shows the credential. */
    @Override
    public String toString() {
        return "RTCIceServer" + urls + (username == null ? "" : " user " + username + " credential ***");
    }
}
