package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.sdp.Direction;
import dev.remotemedia.rtc.sdp.Extmap;
import dev.remotemedia.rtc.sdp.MediaDescription;
import dev.remotemedia.rtc.sdp.SsrcAttribute;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an offer/answer settled for one RTP m-line: the payload type, our direction, the header
 * extension ids (from the answer, which echoes the offer's, RFC 8285 §6) and the SSRCs the remote
 * side announced for it; for video, its formats, RTX and feedback ({@code video}, else null).
 */
record NegotiatedMedia(RTCRtpTransceiver transceiver, String mid, int payloadType, Direction direction,
                       Map<String, Integer> extensionIds, Set<Long> remoteSsrcs, @Nullable VideoNegotiation video) {
    NegotiatedMedia {
        extensionIds = Map.copyOf(extensionIds);
        remoteSsrcs = Set.copyOf(remoteSsrcs);
    }

    static NegotiatedMedia of(RTCRtpTransceiver transceiver, int payloadType, Direction ours, MediaDescription answer,
                              List<SsrcAttribute> remoteSsrcLines) {
        return of(transceiver, payloadType, ours, answer, remoteSsrcLines, null);
    }

    static NegotiatedMedia of(RTCRtpTransceiver transceiver, int payloadType, Direction ours, MediaDescription answer,
                              List<SsrcAttribute> remoteSsrcLines, @Nullable VideoNegotiation video) {
        final Map<String, Integer> ids = new HashMap<>();
        for (Extmap extmap : answer.extmaps()) {
            ids.put(extmap.uri(), extmap.id());
        }
        final Set<Long> ssrcs = new LinkedHashSet<>();
        for (SsrcAttribute line : remoteSsrcLines) {
            ssrcs.add(line.ssrc());
        }
        if (video != null) {
            ssrcs.removeAll(video.remoteRtxSsrcs().keySet()); // RTX streams are routed with their media stream
        }
        return new NegotiatedMedia(transceiver, answer.mid(), payloadType, ours, ids, ssrcs, video);
    }

    /** The id of header extension {@code uri}, or 0 when it was not negotiated. */
    int extensionId(String uri) {
        final Integer id = extensionIds.get(uri);
        return id == null ? 0 : id;
    }
}
