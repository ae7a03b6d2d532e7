package dev.remotemedia.rtc.sctp;

import java.time.Duration;

/** Maps the public {@link SendOptions} and the send queue's status to and from the {@code tx} types. */
final class TxMapping {

    private TxMapping() {}

    /**
     * Returns the send queue's options for {@code options}; reliable whatever they ask if the peer
     * does not support partial reliability.
     */
    static dev.remotemedia.rtc.sctp.tx.SendOptions toTxOptions(SendOptions options, boolean partialReliability) {
        if (options.isReliable() || !partialReliability) {
            return dev.remotemedia.rtc.sctp.tx.SendOptions.reliable(options.unordered());
        }
        final int maxRetransmits = options.maxRetransmits() == SendOptions.NO_LIMIT
                                   ? dev.remotemedia.rtc.sctp.tx.SendOptions.UNLIMITED_RETRANSMITS
                                   : options.maxRetransmits();
        final long lifetimeNanos = options.lifetimeMillis() == SendOptions.NO_LIMIT
                                   ? dev.remotemedia.rtc.sctp.tx.SendOptions.UNLIMITED_LIFETIME
                                   : Duration.ofMillis(options.lifetimeMillis()).toNanos();
        return new dev.remotemedia.rtc.sctp.tx.SendOptions(options.unordered(), maxRetransmits, lifetimeNanos);
    }

    static SendStatus toSendStatus(dev.remotemedia.rtc.sctp.tx.SendStatus status) {
        switch (status) {
            case SUCCESS:
                return SendStatus.OK;
            case MESSAGE_EMPTY:
                return SendStatus.MESSAGE_EMPTY;
            case MESSAGE_TOO_LARGE:
                return SendStatus.MESSAGE_TOO_LARGE;
            case BUFFER_FULL:
                return SendStatus.QUEUE_FULL;
            default:
                return SendStatus.STREAM_RESETTING;
        }
    }
}
