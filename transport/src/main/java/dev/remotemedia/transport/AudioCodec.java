package dev.remotemedia.transport;

/** Audio codecs the transport can negotiate. WebRTC mandates Opus (RFC 7874 §3). */
public enum AudioCodec {
    OPUS
}
