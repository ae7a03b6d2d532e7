package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;

/**
 * {@code a=msid:<stream id> [<track id>]} (RFC 8830 §2): the media stream a track belongs to.
 * Chromium writes {@code -} as the stream id of a track in no stream. RFC 8830 limits ids to 64
 * token characters; peers are not that careful, so any visible characters are accepted.
 */
public record Msid(String streamId, @Nullable String trackId) {
    public Msid {
        Tokens.checkWord(requireNonNull(streamId, "streamId"), "streamId");
        if (trackId != null) {
            Tokens.checkWord(trackId, "trackId");
        }
    }

    public String toSdpValue() {
        return trackId == null ? streamId : streamId + ' ' + trackId;
    }
}
