package dev.remotemedia.rtc.transport.srtp;

import dev.remotemedia.rtc.common.Nullable;
import java.security.GeneralSecurityException;

/**
 * The crypto contexts of one direction and packet kind, by SSRC. A context for an SSRC not seen
 * before is only kept once a packet authenticates with it; until then the same fresh context is
 * reused for every unknown SSRC, so forged packets with random SSRCs cost neither memory nor a key
 * derivation each. Reusing it is sound because a jitsi context's keys do not depend on the SSRC
 * (RFC 3711 §4.3 derives them from the master key alone; the SSRC enters the IV, read from each
 * packet) and a packet that fails leaves a fresh context as it was.
 */
final class Streams<C> {

    @FunctionalInterface
    interface Deriver<C> {
        C derive(int ssrc) throws GeneralSecurityException;
    }

    private final SsrcMap<C> contexts = new SsrcMap<>();
    private final Deriver<C> deriver;
    private @Nullable C fresh;
    private boolean lastWasFresh;

    Streams(Deriver<C> deriver) {
        this.deriver = deriver;
    }

    /**
     * The context for {@code ssrc}, or a fresh one that {@link #accept} keeps, or null when
     * {@link SrtpSession#MAX_STREAMS} SSRCs are known already.
     */
    @Nullable C lookup(int ssrc) throws GeneralSecurityException {
        final C known = contexts.get(ssrc);
        if (known != null) {
            lastWasFresh = false;
            return known;
        }
        if (contexts.size() >= SrtpSession.MAX_STREAMS) {
            return null;
        }
        if (fresh == null) {
            fresh = deriver.derive(ssrc);
        }
        lastWasFresh = true;
        return fresh;
    }

    /** Keeps the context the last {@link #lookup} of {@code ssrc} returned. */
    void accept(int ssrc) {
        if (lastWasFresh && fresh != null) {
            contexts.put(ssrc, fresh);
            fresh = null;
            lastWasFresh = false;
        }
    }

    int size() {
        return contexts.size();
    }

    void clear() {
        contexts.clear();
        fresh = null;
        lastWasFresh = false;
    }
}
