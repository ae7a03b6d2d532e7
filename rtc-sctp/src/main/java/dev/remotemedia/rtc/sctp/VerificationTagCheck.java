package dev.remotemedia.rtc.sctp;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.sctp.packet.AbortChunk;
import dev.remotemedia.rtc.sctp.packet.Chunk;
import dev.remotemedia.rtc.sctp.packet.CookieEchoChunk;
import dev.remotemedia.rtc.sctp.packet.InitAckChunk;
import dev.remotemedia.rtc.sctp.packet.InitChunk;
import dev.remotemedia.rtc.sctp.packet.SctpPacket;
import dev.remotemedia.rtc.sctp.packet.ShutdownAckChunk;
import dev.remotemedia.rtc.sctp.packet.ShutdownCompleteChunk;
import java.util.List;

/**
 * The verification tag rules (<a href="https://www.rfc-editor.org/rfc/rfc9260#section-8.5">RFC
 * 9260 §8.5</a>, §8.5.1): a packet must carry our tag, except an INIT (tag 0, alone in its packet,
 * §6.10), an ABORT or SHUTDOWN COMPLETE with the T bit (the peer's tag reflected), a COOKIE ECHO
 * (checked against its cookie), an INIT ACK (our INIT's tag) and a SHUTDOWN ACK before we are
 * established or after we closed (answered as out of the blue).
 */
final class VerificationTagCheck {

    private VerificationTagCheck() {}

    /**
     * Returns what is wrong with {@code packet}'s tag, or {@code null} if it may be processed.
     *
     * @param localTag the tag the peer's packets must carry: the TCB's, or our INIT's while in
     *     COOKIE-WAIT, or 0
     * @param peerTag the peer's tag if a TCB exists, else 0
     */
    static @Nullable String problem(SctpPacket packet, AssociationState state, long localTag, long peerTag) {
        final List<Chunk> chunks = packet.chunks();
        final Chunk first = chunks.get(0);
        final long tag = packet.verificationTag();
        if (first instanceof InitChunk) {
            if (chunks.size() != 1) {
                return "INIT bundled with " + (chunks.size() - 1) + " other chunks (expected: alone, RFC 9260 §6.10)";
            }
            return tag == 0 ? null : String.format("INIT with verification tag %08x (expected: 0)", tag);
        }
        if (tag == 0) {
            return "verification tag 0 in a packet without INIT";
        }
        if (chunks.size() == 1 && first instanceof AbortChunk abort) {
            return reflectable("ABORT", abort.tagReflected(), tag, localTag, peerTag);
        }
        if (chunks.size() == 1 && first instanceof ShutdownCompleteChunk complete) {
            return reflectable("SHUTDOWN COMPLETE", complete.tagReflected(), tag, localTag, peerTag);
        }
        if (first instanceof CookieEchoChunk) {
            return null;
        }
        if (first instanceof InitAckChunk) {
            return tag == localTag && state == AssociationState.COOKIE_WAIT ? null : mismatch(tag, localTag);
        }
        if (first instanceof ShutdownAckChunk
            && (state == AssociationState.COOKIE_WAIT || state == AssociationState.COOKIE_ECHOED
                || state == AssociationState.CLOSED)) {
            // §8.4 rule 5, §8.5.1 (E): out of the blue. Once closed, it is the peer retransmitting
            // its SHUTDOWN ACK because our SHUTDOWN COMPLETE was lost: answering lets it close too.
            return null;
        }
        return tag == localTag && localTag != 0 ? null : mismatch(tag, localTag);
    }

    private static @Nullable String reflectable(String name, boolean reflected, long tag, long localTag,
                                                long peerTag) {
        if (!reflected) {
            return tag == localTag ? null : mismatch(tag, localTag);
        }
        // With no TCB the peer's tag is unknown and cannot be checked (as in dcSCTP).
        if (peerTag == 0 || tag == peerTag) {
            return null;
        }
        return String.format("%s with T bit and verification tag %08x (expected: the peer's %08x)", name, tag, peerTag);
    }

    private static String mismatch(long tag, long localTag) {
        return String.format("verification tag %08x (expected: %08x)", tag, localTag);
    }
}
