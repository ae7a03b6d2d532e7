package dev.remotemedia.transport;

/**
 * A video frame size in pixels, written {@code WIDTHxHEIGHT} ({@code 1280x720}). The record takes
 * any values; {@link WebRtcTransportConfig#validate()} checks the range.
 */
public record VideoResolution(int width, int height) {

    /** Parses {@code WIDTHxHEIGHT}; returns {@code null} when {@code text} is not of that form. */
    static VideoResolution parseOrNull(String rawText) {
        final String text = rawText.toLowerCase(java.util.Locale.ROOT);
        final int x = text.indexOf('x');
        if (x <= 0 || x != text.lastIndexOf('x') || x == text.length() - 1) {
            return null;
        }
        final Integer width = ConfigText.parseIntOrNull(text.substring(0, x));
        final Integer height = ConfigText.parseIntOrNull(text.substring(x + 1));
        return width == null || height == null ? null : new VideoResolution(width, height);
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
