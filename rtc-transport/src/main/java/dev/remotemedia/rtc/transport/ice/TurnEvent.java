package dev.remotemedia.rtc.transport.ice;

import dev.remotemedia.rtc.common.Nullable;
import java.net.InetSocketAddress;

/** What a {@link TurnClient} reports, polled in the order it happened. */
sealed interface TurnEvent {

    /**
     * The server allocated {@code relayed} for us (RFC 8656 §7.3).
     *
     * @param mapped the server-reflexive address the server saw us send from, or {@code null}
     */
    record Allocated(InetSocketAddress relayed, @Nullable InetSocketAddress mapped, long lifetimeSeconds)
            implements TurnEvent {}

    /**
     * The allocation failed, or was lost; nothing more will be relayed.
     *
     * @param errorCode the STUN error code the server sent (401, 486, …), or {@link TurnClient#UNREACHABLE}
     *     when it did not answer, as W3C's {@code RTCPeerConnectionIceErrorEvent.errorCode}
     */
    record Failed(int errorCode, String reason) implements TurnEvent {}

    /** A datagram a peer sent to the relayed address (RFC 8656 §10.4, §12.6). */
    record Data(InetSocketAddress peer, byte[] data) implements TurnEvent {}
}
