package dev.remotemedia.rtc.transport.srtp;

import dev.remotemedia.rtc.common.Nullable;

/**
 * Why {@link SrtpSession} dropped a packet. The protect and unprotect methods return
 * {@link #code()} (always negative) instead of a length, so the hot path allocates nothing; turn a
 * negative result back into this enum with {@link #fromCode(int)} to log it.
 */
public enum SrtpError {
    /** The authentication tag did not verify: a corrupt or forged packet (RFC 3711 §3.3, RFC 7714 §8). */
    AUTH_FAILED(-1),
    /**
     * The packet's index was already received, or lies behind the replay window (RFC 3711 §3.3.2).
     * From a protect method: the same sequence number (RTP) was protected twice, which would reuse a
     * keystream; retransmit the protected bytes or use RTX instead.
     */
    REPLAYED(-2),
    /** Too short for its header and tag, or not RTP/RTCP version 2. */
    MALFORMED(-3),
    /** Protect only: fewer than {@link SrtpSession#MAX_OVERHEAD} spare bytes after the packet. */
    NO_ROOM(-4),
    /** A new SSRC beyond {@link SrtpSession#MAX_STREAMS} streams in one direction. */
    TOO_MANY_STREAMS(-5),
    /** The JCA provider failed; the packet was dropped. */
    CRYPTO_FAILED(-6),
    /** The session was closed. */
    CLOSED(-7);

    private static final SrtpError[] BY_CODE = values();

    private final int code;

    SrtpError(int code) {
        this.code = code;
    }

    /** The negative value the protect and unprotect methods return for this error. */
    public int code() {
        return code;
    }

    /** The error for a negative result of a protect or unprotect method, or null for a length. */
    public static @Nullable SrtpError fromCode(int code) {
        final int index = -code - 1;
        return index >= 0 && index < BY_CODE.length ? BY_CODE[index] : null;
    }
}
