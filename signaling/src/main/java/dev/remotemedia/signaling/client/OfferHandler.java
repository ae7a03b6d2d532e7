package dev.remotemedia.signaling.client;

import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.Offer;
import java.util.concurrent.CompletableFuture;

/**
 * Answers offers that arrive as requests: the future's answer becomes the response, which the
 * server relays to the offerer as the result of its {@code peer.offer}. Failing with a
 * {@link dev.remotemedia.rtc.common.error.RemoteMediaException} (say {@code OFFER_INVALID}) sends
 * its code and message to the offerer. Called on the client's event loop: do not block.
 */
@FunctionalInterface
public interface OfferHandler {
    CompletableFuture<Answer> onOffer(Offer offer);
}
