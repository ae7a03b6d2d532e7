package dev.remotemedia.rtc.pc;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * W3C {@code RTCTrackEvent} (§5.7): a remote track became receivable, with its receiver, the ids of
 * the remote streams it belongs to ({@code a=msid}) and its transceiver.
 */
public record RTCTrackEvent(RTCRtpReceiver receiver, MediaStreamTrack track, List<String> streamIds,
                            RTCRtpTransceiver transceiver) {
    public RTCTrackEvent {
        requireNonNull(receiver, "receiver");
        requireNonNull(track, "track");
        streamIds = List.copyOf(streamIds);
        requireNonNull(transceiver, "transceiver");
    }
}
