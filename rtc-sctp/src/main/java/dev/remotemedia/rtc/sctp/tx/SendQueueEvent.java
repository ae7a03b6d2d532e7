package dev.remotemedia.rtc.sctp.tx;

/** What {@link SendQueue#pollEvent()} reports, in the order it happened. */
public sealed interface SendQueueEvent {

    /**
     * The stream's buffered amount fell from above its low threshold to at or below it: the
     * data channel's {@code bufferedamountlow} event.
     *
     * @param streamId {@code 0..65535}
     */
    record BufferedAmountLow(int streamId) implements SendQueueEvent {}
}
