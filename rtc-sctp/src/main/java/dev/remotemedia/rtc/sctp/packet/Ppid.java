package dev.remotemedia.rtc.sctp.packet;

/**
 * The payload protocol identifiers of WebRTC data channels, carried in every {@link DataChunk}, <a
 * href="https://www.rfc-editor.org/rfc/rfc8831#section-8">RFC 8831 §8</a>. An empty message cannot
 * be sent as such (a DATA chunk needs user data), so it travels as one zero byte with an "empty"
 * PPID (§6.6).
 */
public final class Ppid {

    /** WebRTC DCEP: DATA_CHANNEL_OPEN and DATA_CHANNEL_ACK messages (RFC 8832). */
    public static final long DCEP = 50;
    /** WebRTC String: a UTF-8 text message. */
    public static final long STRING = 51;
    /** WebRTC String Partial: a fragment of a text message. Deprecated (RFC 8831 §8); receive only. */
    public static final long STRING_PARTIAL = 52;
    /** WebRTC Binary: a binary message. */
    public static final long BINARY = 53;
    /** WebRTC Binary Partial: a fragment of a binary message. Deprecated (RFC 8831 §8); receive only. */
    public static final long BINARY_PARTIAL = 54;
    /** WebRTC String Empty: an empty text message (the one payload byte is ignored). */
    public static final long STRING_EMPTY = 56;
    /** WebRTC Binary Empty: an empty binary message (the one payload byte is ignored). */
    public static final long BINARY_EMPTY = 57;

    private Ppid() {}
}
