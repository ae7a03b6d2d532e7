package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * A message received on an {@link RTCDataChannel} (W3C {@code MessageEvent.data}): text or binary.
 *
 * @param binary whether it was sent as binary rather than text
 * @param data   its bytes (UTF-8 for text); the receiver's to keep
 */
public record RTCDataChannelMessage(boolean binary, byte[] data) {

    public RTCDataChannelMessage {
        requireNonNull(data, "data");
    }

    /** The message as text (a binary message decoded as UTF-8). */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RTCDataChannelMessage{" + (binary ? "binary" : "text") + ", " + data.length + " bytes}";
    }
}
