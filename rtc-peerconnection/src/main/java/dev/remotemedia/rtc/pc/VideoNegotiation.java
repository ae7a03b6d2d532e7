package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.sdp.MediaDescription;
import dev.remotemedia.rtc.sdp.SsrcGroup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an offer/answer settled for a video m-line: the format both sides send (the answer's first
 * that we have) with its payload type and its RTX payload type, every payload type we may receive
 * (the answer's formats and their RTX, which either side may use), the feedback the answer kept,
 * and the remote RTX SSRCs its {@code a=ssrc-group:FID} lines pair with media SSRCs.
 *
 * @param rtxPayloadType -1 when the send format has no RTX (then NACKs are answered with the
 *     original packet, RFC 4585 allows either)
 * @param rtxToMedia the RTX payload types we receive, each with the payload type it repairs
 * @param remoteRtxSsrcs remote RTX SSRC to the media SSRC it repairs
 */
record VideoNegotiation(VideoFormat format, int payloadType, int rtxPayloadType, Map<Integer, VideoFormat> receiveFormats,
                        Map<Integer, Integer> rtxToMedia, boolean nack, boolean pli, boolean fir,
                        Map<Long, Long> remoteRtxSsrcs) {
    VideoNegotiation {
        receiveFormats = Map.copyOf(receiveFormats);
        rtxToMedia = Map.copyOf(rtxToMedia);
        remoteRtxSsrcs = Map.copyOf(remoteRtxSsrcs);
    }

    /**
     * From the answer's section and the remote side's section (for its SSRC groups); {@code null}
     * if the answer has no format of {@code ours}.
     */
    static @Nullable VideoNegotiation of(MediaDescription answer, @Nullable MediaDescription remote, List<VideoFormat> ours) {
        final List<Jsep.VideoCodec> codecs = Jsep.videoCodecs(answer, ours);
        if (codecs.isEmpty()) {
            return null;
        }
        final Jsep.VideoCodec first = codecs.get(0);
        final Map<Integer, VideoFormat> receive = new HashMap<>();
        final Map<Integer, Integer> rtx = new HashMap<>();
        for (Jsep.VideoCodec codec : codecs) {
            receive.put(codec.codec().payloadType(), codec.format());
            if (codec.rtxPayloadType() >= 0) {
                rtx.put(codec.rtxPayloadType(), codec.codec().payloadType());
            }
        }
        final Map<Long, Long> rtxSsrcs = new HashMap<>();
        if (remote != null) {
            for (SsrcGroup group : remote.ssrcGroups()) {
                if (group.semantics().equals("FID") && group.ssrcs().size() == 2) {
                    rtxSsrcs.put(group.ssrcs().get(1), group.ssrcs().get(0));
                }
            }
        }
        return new VideoNegotiation(first.format(), first.codec().payloadType(), first.rtxPayloadType(), receive, rtx,
                                    first.codec().hasFeedback("nack", null), first.codec().hasFeedback("nack", "pli"),
                                    first.codec().hasFeedback("ccm", "fir"), rtxSsrcs);
    }

    /** Whether packets of {@code payloadType} belong to this m-line (a format or its RTX). */
    boolean receives(int payloadType) {
        return receiveFormats.containsKey(payloadType) || rtxToMedia.containsKey(payloadType);
    }
}
