package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.media.ReceiveStatistics;
import dev.remotemedia.rtc.media.SendStatistics;
import dev.remotemedia.rtc.transport.srtp.SrtpSession;
import dev.remotemedia.rtc.transport.srtp.SrtpStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a connection's W3C stats report (webrtc-stats §3) on its loop, from the media part's
 * RTP statistics, the tracks' decoding counters, SRTP's and the transport's drop counters and the
 * data channels' message counts.
 */
final class StatsCollector {
    private static final String TRANSPORT_ID = "T01";

    private StatsCollector() {}

    static RTCStatsReport collect(ConnectionCore core, @Nullable MediaPart media, @Nullable SctpPart sctp,
                                  @Nullable RTCIceCandidatePair pair, RTCDtlsTransportState dtlsState,
                                  long droppedDatagrams, long nowNanos, int dataChannelsOpened,
                                  int dataChannelsClosed) {
        final double timestamp = (media == null ? System.currentTimeMillis() * 1_000_000L : media.wallClockNanos(nowNanos))
                                 / 1e6;
        final List<RTCStats> stats = new ArrayList<>();
        stats.add(new RTCStats("peer-connection", "P", timestamp,
                               Map.of("dataChannelsOpened", (long) dataChannelsOpened,
                                      "dataChannelsClosed", (long) dataChannelsClosed)));
        final Map<String, Object> transport = new HashMap<>();
        transport.put("dtlsState", dtlsState.w3cName());
        final SrtpSession srtp = core.srtpSession;
        if (srtp != null) {
            final SrtpStats s = srtp.stats();
            transport.put("srtpCipher", srtpCipherName(srtp));
            transport.put("srtpAuthenticationFailures", s.authFailures());
            transport.put("srtpReplaysDropped", s.replays());
            transport.put("srtpMalformedDropped", s.malformed() + s.otherDrops());
        }
        final MediaCounters counters = core.mediaCounters;
        transport.put("rtpMalformedDropped", counters.rtpMalformed.get());
        transport.put("rtcpMalformedDropped", counters.rtcpMalformed.get());
        transport.put("rtpUnknownSsrcDropped", counters.unknownSsrc.get());
        transport.put("rtpUnknownPayloadTypeDropped", counters.unknownPayloadType.get());
        transport.put("datagramsDropped", droppedDatagrams);
        if (pair != null) {
            transport.put("selectedCandidatePairId", "CP01");
            stats.add(new RTCStats("candidate-pair", "CP01", timestamp,
                                   Map.of("transportId", TRANSPORT_ID, "state", "succeeded", "nominated", Boolean.TRUE,
                                          "localCandidate", pair.local().candidate(),
                                          "remoteCandidate", pair.remote().candidate())));
        }
        stats.add(new RTCStats("transport", TRANSPORT_ID, timestamp, transport));
        if (media != null) {
            rtp(core, media, stats, timestamp, nowNanos);
        }
        if (sctp != null) {
            for (RTCDataChannel channel : sctp.channels()) {
                final Map<String, Object> members = new HashMap<>();
                members.put("label", channel.label());
                members.put("protocol", channel.protocol());
                if (channel.id() != null) {
                    members.put("dataChannelIdentifier", (long) channel.id());
                }
                members.put("state", channel.readyState().w3cName());
                members.put("messagesSent", channel.messagesSent.get());
                members.put("bytesSent", channel.bytesSent.get());
                members.put("messagesReceived", channel.messagesReceived.get());
                members.put("bytesReceived", channel.bytesReceived.get());
                stats.add(new RTCStats("data-channel", "D" + channel.id(), timestamp, members));
            }
        }
        return new RTCStatsReport(stats);
    }

    private static void rtp(ConnectionCore core, MediaPart media, List<RTCStats> stats, double timestamp, long nowNanos) {
        final MediaCounters counters = core.mediaCounters;
        for (RTCRtpTransceiver transceiver : core.transceivers) {
            final NegotiatedMedia negotiated = transceiver.sender().negotiated();
            if (negotiated == null) {
                continue;
            }
            final String kind = transceiver.kind().w3cName();
            final String codecId = "C" + negotiated.payloadType();
            final Map<String, Object> codec = new HashMap<>();
            codec.put("transportId", TRANSPORT_ID);
            codec.put("payloadType", (long) negotiated.payloadType());
            final VideoNegotiation video = negotiated.video();
            if (video != null) {
                codec.put("mimeType", "video/" + video.format().sdpName());
                codec.put("clockRate", (long) VideoFormat.CLOCK_RATE);
                if (video.format().fmtp() != null) {
                    codec.put("sdpFmtpLine", video.format().fmtp());
                }
            } else {
                codec.put("mimeType", "audio/opus");
                codec.put("clockRate", 48_000L);
                codec.put("channels", 2L);
                codec.put("sdpFmtpLine", Jsep.OPUS_FMTP);
            }
            stats.add(new RTCStats("codec", codecId, timestamp, codec));

            final long ssrc = transceiver.sender().ssrc();
            final SendStatistics sent = media.sendStatistics(ssrc);
            if (sent != null) {
                final Map<String, Object> out = rtpBase(kind, ssrc, negotiated.mid(), codecId);
                out.put("packetsSent", sent.packetsSent());
                out.put("bytesSent", sent.bytesSent());
                out.put("headerBytesSent", sent.headerBytesSent());
                out.put("remoteId", "RI" + ssrc);
                final VideoSendPipeline encoding = transceiver.sender().videoPipeline;
                if (video != null) {
                    // NACK, PLI and FIR counts are the connection's (one video stream per connection is the common case).
                    out.put("nackCount", counters.nacksReceived.get());
                    out.put("pliCount", counters.plisReceived.get());
                    out.put("firCount", counters.firsReceived.get());
                    out.put("retransmittedPacketsSent", counters.retransmitted.get());
                    if (encoding != null) {
                        out.put("framesEncoded", encoding.framesEncoded.get());
                        out.put("keyFramesEncoded", encoding.keyframesEncoded.get());
                        out.put("framesDropped", encoding.framesDropped.get()); // pictures the encoder was too busy for
                    }
                }
                stats.add(new RTCStats("outbound-rtp", "OT" + ssrc, timestamp, out));
                if (sent.reportsReceived() > 0) {
                    final Map<String, Object> remote = rtpBase(kind, ssrc, negotiated.mid(), codecId);
                    remote.put("localId", "OT" + ssrc);
                    remote.put("packetsLost", sent.remoteCumulativeLost());
                    remote.put("fractionLost", sent.fractionLost() / 256.0);
                    remote.put("jitter", sent.remoteJitterSeconds());
                    if (sent.roundTripNanos() >= 0) {
                        remote.put("roundTripTime", sent.roundTripNanos() / 1e9);
                        remote.put("totalRoundTripTime", sent.totalRoundTripNanos() / 1e9);
                        remote.put("roundTripTimeMeasurements", (long) sent.roundTripMeasurements());
                    }
                    stats.add(new RTCStats("remote-inbound-rtp", "RI" + ssrc, timestamp, remote));
                }
            }
            for (Map.Entry<Long, ReceiveStatistics> entry : media.receiveStatistics().entrySet()) {
                if (!media.routesTo(entry.getKey(), negotiated)) {
                    continue;
                }
                final ReceiveStatistics received = entry.getValue();
                final long remoteSsrc = entry.getKey();
                final Map<String, Object> in = rtpBase(kind, remoteSsrc, negotiated.mid(), codecId);
                in.put("trackIdentifier", transceiver.receiver().track().id());
                in.put("packetsReceived", received.packetsReceived());
                in.put("bytesReceived", received.bytesReceived());
                in.put("headerBytesReceived", received.headerBytesReceived());
                in.put("packetsLost", received.cumulativeLost());
                in.put("jitter", received.jitterSeconds());
                final VideoReceivePipeline videoDecoding = transceiver.receiver().track().videoDecoding();
                if (video != null) {
                    in.put("nackCount", counters.nacksSent.get());
                    in.put("pliCount", counters.plisSent.get());
                    in.put("firCount", counters.firsSent.get());
                    in.put("retransmittedPacketsReceived", counters.rtxReceived.get());
                }
                if (videoDecoding != null) {
                    in.put("framesReceived", videoDecoding.framesAssembled.get());
                    in.put("framesDecoded", videoDecoding.framesDecoded.get());
                    in.put("keyFramesDecoded", videoDecoding.keyframesDecoded.get());
                    in.put("framesDropped", videoDecoding.framesDropped.get());
                    if (videoDecoding.frameWidth > 0) {
                        in.put("frameWidth", (long) videoDecoding.frameWidth);
                        in.put("frameHeight", (long) videoDecoding.frameHeight);
                    }
                }
                final AudioReceivePipeline decoding = transceiver.receiver().track().decoding();
                final dev.remotemedia.rtc.media.jitter.JitterBufferStats jitter = decoding == null ? null : decoding.stats();
                if (jitter != null) {
                    in.put("totalSamplesReceived", jitter.totalSamplesReceived());
                    in.put("concealedSamples", jitter.concealedSamples());
                    in.put("silentConcealedSamples", jitter.silentConcealedSamples());
                    in.put("concealmentEvents", jitter.concealmentEvents());
                    in.put("insertedSamplesForDeceleration", jitter.insertedSamplesForDeceleration());
                    in.put("removedSamplesForAcceleration", jitter.removedSamplesForAcceleration());
                    in.put("jitterBufferDelay", jitter.jitterBufferDelaySeconds());
                    in.put("jitterBufferTargetDelay", jitter.jitterBufferTargetDelaySeconds());
                    in.put("jitterBufferEmittedCount", jitter.jitterBufferEmittedCount());
                    in.put("packetsDiscarded", jitter.packetsLate() + jitter.packetsDuplicated() + jitter.packetsDiscarded());
                    final double playout = transceiver.receiver().estimatedPlayoutTimestampMillis(remoteSsrc, nowNanos);
                    if (playout >= 0) {
                        in.put("estimatedPlayoutTimestamp", playout);
                    }
                }
                if (received.senderReportsReceived() > 0) {
                    in.put("remoteId", "RO" + remoteSsrc);
                    final Map<String, Object> remote = rtpBase(kind, remoteSsrc, negotiated.mid(), codecId);
                    remote.put("localId", "IT" + remoteSsrc);
                    remote.put("packetsSent", received.lastSenderReportPacketCount());
                    remote.put("bytesSent", received.lastSenderReportOctetCount());
                    remote.put("remoteTimestamp",
                               dev.remotemedia.rtc.media.NtpTime.toUnixNanos(received.lastSenderReportNtp()) / 1e6);
                    remote.put("reportsSent", (long) received.senderReportsReceived());
                    stats.add(new RTCStats("remote-outbound-rtp", "RO" + remoteSsrc, timestamp, remote));
                }
                stats.add(new RTCStats("inbound-rtp", "IT" + remoteSsrc, timestamp, in));
            }
        }
    }

    private static Map<String, Object> rtpBase(String kind, long ssrc, String mid, String codecId) {
        final Map<String, Object> members = new HashMap<>();
        members.put("ssrc", ssrc);
        members.put("kind", kind);
        members.put("mid", mid);
        members.put("transportId", TRANSPORT_ID);
        members.put("codecId", codecId);
        return members;
    }

    /** The IANA name of the SRTP profile, as browsers report {@code srtpCipher}. */
    private static String srtpCipherName(SrtpSession srtp) {
        switch (srtp.profile()) {
            case AEAD_AES_128_GCM:
                return "AEAD_AES_128_GCM";
            default:
                return "AES_CM_128_HMAC_SHA1_80";
        }
    }
}
