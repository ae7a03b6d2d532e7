package dev.remotemedia.rtc.rtp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.rtp.internal.Checks;

/**
 * One RTP header extension element (<a href="https://www.rfc-editor.org/rfc/rfc8285#section-4">RFC
 * 8285 §4</a>): a local identifier negotiated with {@code a=extmap} and its data. Which of the two
 * forms can carry it is up to {@link HeaderExtensions}.
 *
 * @param id the local identifier, {@code 1..255} ({@code 1..14} for the one-byte form)
 * @param data the element's bytes, {@code 0..255} of them (1..16 for the one-byte form); parsed
 *     elements share the packet's array
 */
public record HeaderExtension(int id, ByteView data) {

    /** The largest identifier of the two-byte form. */
    public static final int MAX_ID = 255;
    /** The largest data length of the two-byte form. */
    public static final int MAX_LENGTH = 255;

    public HeaderExtension {
        Checks.checkRange("id", id, 1, MAX_ID);
        requireNonNull(data, "data");
        Checks.checkRange("data.length()", data.length(), 0, MAX_LENGTH);
    }

    /** Returns an element holding a copy of {@code data}. */
    public static HeaderExtension of(int id, byte[] data) {
        return new HeaderExtension(id, ByteView.of(data.clone()));
    }

    /** Returns whether the one-byte form can carry this element (id 1..14, 1..16 bytes). */
    public boolean fitsOneByteForm() {
        return id <= HeaderExtensions.ONE_BYTE_MAX_ID && data.length() >= 1
               && data.length() <= HeaderExtensions.ONE_BYTE_MAX_LENGTH;
    }
}
