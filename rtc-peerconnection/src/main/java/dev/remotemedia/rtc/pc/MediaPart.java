package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.TimeSource;
import dev.remotemedia.rtc.media.NtpTime;
import dev.remotemedia.rtc.media.ReceiveStatistics;
import dev.remotemedia.rtc.media.RtcpReportInterval;
import dev.remotemedia.rtc.media.SendStatistics;
import dev.remotemedia.rtc.rtcp.Goodbye;
import dev.remotemedia.rtc.media.repair.Rtx;
import dev.remotemedia.rtc.rtcp.FullIntraRequest;
import dev.remotemedia.rtc.rtcp.GenericNack;
import dev.remotemedia.rtc.rtcp.PictureLossIndication;
import dev.remotemedia.rtc.rtcp.ReceiverReport;
import dev.remotemedia.rtc.rtcp.ReportBlock;
import dev.remotemedia.rtc.rtcp.RtcpCompound;
import dev.remotemedia.rtc.rtcp.RtcpPacket;
import dev.remotemedia.rtc.rtcp.SenderReport;
import dev.remotemedia.rtc.rtcp.SourceDescription;
import dev.remotemedia.rtc.rtp.HeaderExtension;
import dev.remotemedia.rtc.rtp.MidExtension;
import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.RtpHeader;
import dev.remotemedia.rtc.rtp.RtpPacket;
import dev.remotemedia.rtc.transport.dtls.DtlsConnectionInfo;
import dev.remotemedia.rtc.transport.srtp.SrtpSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RTP and RTCP of the connection's bundled transport, above SRTP: sends the senders' packets,
 * routes received packets to receivers by SSRC (from {@code a=ssrc}, else the {@code mid} header
 * extension, RFC 8843 §9.2), keeps RFC 3550 statistics per stream and sends SR/RR with SDES CNAME
 * at RFC 3550 intervals, and BYE on close. What cannot be used is dropped and counted in
 * {@link MediaCounters}, never thrown. Runs only on the loop.
 */
final class MediaPart {
    private static final Logger logger = LoggerFactory.getLogger(MediaPart.class);
    /** The most remote SSRCs one connection keeps state for (routes and statistics). */
    static final int MAX_REMOTE_SSRCS = 64;
    /** Room for the largest packet we send plus the SRTP tag. */
    private static final int MAX_PACKET = 1500;

    private final ConnectionCore core;
    private final TransportDriver driver;
    private final TimeSource clock;
    /** Wall clock (Unix nanos) minus the injected clock, fixed once: NTP times in RTCP. */
    private final long wallOffsetNanos;
    private final RtcpReportInterval reportInterval = new RtcpReportInterval(RtcpReportInterval.DEFAULT_INTERVAL_NANOS,
                                                                             new SplittableRandom());
    private final byte[] sendBuffer = new byte[MAX_PACKET + SrtpSession.MAX_OVERHEAD];
    private final Map<String, NegotiatedMedia> byMid = new HashMap<>();
    private final Map<Long, NegotiatedMedia> byRemoteSsrc = new HashMap<>();
    private final Map<Long, ReceiveStatistics> receiveStats = new HashMap<>();
    private final Map<Long, SendStatistics> sendStats = new HashMap<>();
    private final MediaCounters counters;
    /** The media SSRC last seen on each video m-line: what an RTX packet without an FID group repairs. */
    private final Map<String, Long> videoMediaSsrcs = new HashMap<>();
    /** The FIR command sequence number (RFC 5104 §4.3.1.1), per request. */
    private int firSequenceNumber;
    private @Nullable SrtpSession srtp;
    private boolean closed;

    MediaPart(ConnectionCore core, TransportDriver driver, TimeSource clock) {
        this.core = core;
        this.driver = driver;
        this.clock = clock;
        this.counters = core.mediaCounters;
        wallOffsetNanos = System.currentTimeMillis() * 1_000_000L - clock.nowNanos();
    }

    /**
     * Takes what the latest offer/answer settled: m-lines it no longer carries (stopped, rejected)
     * send and receive nothing from now on.
     */
    void configure(List<NegotiatedMedia> negotiated) {
        final java.util.Set<String> live = new java.util.HashSet<>();
        for (NegotiatedMedia media : negotiated) {
            live.add(media.mid());
        }
        for (NegotiatedMedia old : List.copyOf(byMid.values())) {
            if (!live.contains(old.mid())) {
                unbind(old.transceiver());
            }
        }
        byRemoteSsrc.clear();
        for (NegotiatedMedia media : negotiated) {
            byMid.put(media.mid(), media);
            for (long ssrc : media.remoteSsrcs()) {
                byRemoteSsrc.put(ssrc, media);
            }
            if (media.video() != null) {
                for (long rtxSsrc : media.video().remoteRtxSsrcs().keySet()) {
                    byRemoteSsrc.put(rtxSsrc, media);
                }
            }
            media.transceiver().sender().bind(media);
            media.transceiver().receiver().bind(media);
        }
    }

    /** Forgets a transceiver's m-line: its packets are neither sent nor routed any more. */
    void unbind(RTCRtpTransceiver transceiver) {
        byMid.values().removeIf(media -> media.transceiver() == transceiver);
        byRemoteSsrc.values().removeIf(media -> media.transceiver() == transceiver);
        transceiver.sender().bind(null);
        transceiver.receiver().bind(null);
    }

    /** DTLS is up: SRTP keys come from its exporter (RFC 5764 §4.2). */
    void keyed(DtlsConnectionInfo info) {
        if (srtp != null || closed) {
            return;
        }
        if (info.srtp() == null) {
            logger.info("{}: DTLS negotiated no SRTP profile: media cannot flow", core);
            return;
        }
        srtp = SrtpSession.create(info.srtp());
        core.srtpSession = srtp;
        reportInterval.start(clock.nowNanos());
        driver.armTimer();
    }

    boolean isKeyed() {
        return srtp != null;
    }

    long nextDeadlineNanos() {
        if (closed || srtp == null) {
            return Long.MAX_VALUE;
        }
        long next = reportInterval.nextDeadlineNanos();
        final long rtt = roundTripNanos();
        for (NegotiatedMedia media : byMid.values()) {
            final VideoReceivePipeline video = videoPipeline(media);
            if (video != null) {
                // A keyframe request due at once says Long.MIN_VALUE: now, for the timer.
                next = Math.min(next, Math.max(clock.nowNanos(), video.nextDeadlineNanos(rtt, media.video().nack())));
            }
        }
        return next;
    }

    void advanceTime(long nowNanos) {
        if (closed || srtp == null) {
            return;
        }
        if (reportInterval.due(nowNanos)) {
            sendReports(nowNanos, false);
        }
        final long rtt = roundTripNanos();
        for (NegotiatedMedia media : byMid.values()) {
            final VideoReceivePipeline video = videoPipeline(media);
            if (video != null) {
                video.advanceTime(nowNanos, rtt, media.video().nack(), feedback(media));
            }
        }
    }

    private static @Nullable VideoReceivePipeline videoPipeline(NegotiatedMedia media) {
        return media.video() == null ? null : media.transceiver().receiver().track().videoDecoding();
    }

    /** Sends a video receiver's NACKs and keyframe requests (RFC 4585 generic NACK and PLI, RFC 5104 FIR), reduced-size (RFC 5506). */
    private VideoReceivePipeline.Feedback feedback(NegotiatedMedia media) {
        final long senderSsrc = media.transceiver().sender().ssrc();
        return new VideoReceivePipeline.Feedback() {
            @Override
            public void nack(long mediaSsrc, List<Integer> sequenceNumbers) {
                counters.nacksSent.incrementAndGet();
                sendRtcp(List.of(GenericNack.of(senderSsrc, mediaSsrc, sequenceNumbers)));
            }

            @Override
            public void keyframeRequest(long mediaSsrc) {
                if (media.video().pli() || !media.video().fir()) {
                    counters.plisSent.incrementAndGet();
                    sendRtcp(List.of(new PictureLossIndication(senderSsrc, mediaSsrc)));
                } else {
                    counters.firsSent.incrementAndGet();
                    firSequenceNumber = (firSequenceNumber + 1) & 0xFF;
                    sendRtcp(List.of(FullIntraRequest.of(senderSsrc, List.of(new FullIntraRequest.Entry(mediaSsrc,
                                                                                                           firSequenceNumber)))));
                }
            }
        };
    }

    // ---- Receiving ----------------------------------------------------------------------------------

    /** An SRTP or SRTCP datagram (RFC 5761 §4 tells them apart); decrypted in place. */
    void handleSrtp(byte[] buf, int off, int len) {
        final SrtpSession session = srtp;
        if (session == null || closed) {
            return;
        }
        if (RtpHeader.isRtcp(buf, off, len)) {
            final int plain = session.unprotectRtcp(buf, off, len);
            if (plain >= 0) {
                handleRtcp(buf, off, plain);
            }
            return;
        }
        final int plain = session.unprotectRtp(buf, off, len);
        if (plain < 0) {
            return; // counted by the session's SrtpStats
        }
        final ParseResult<RtpPacket> parsed = RtpPacket.parse(buf, off, plain);
        if (!(parsed instanceof ParseResult.Ok<RtpPacket> ok)) {
            counters.rtpMalformed.incrementAndGet();
            return;
        }
        final RtpPacket packet = ok.value();
        final NegotiatedMedia media = route(packet);
        if (media == null) {
            counters.unknownSsrc.incrementAndGet();
            return;
        }
        if (media.video() != null) {
            handleVideo(media, media.video(), packet, plain);
            return;
        }
        if (packet.payloadType() != media.payloadType()) {
            counters.unknownPayloadType.incrementAndGet();
            return;
        }
        final long now = clock.nowNanos();
        ReceiveStatistics stats = receiveStats.get(packet.ssrc());
        if (stats == null) {
            if (receiveStats.size() >= MAX_REMOTE_SSRCS) {
                counters.unknownSsrc.incrementAndGet(); // a peer cycling SSRCs gets no more state
                return;
            }
            stats = new ReceiveStatistics(packet.ssrc(), 48_000);
            receiveStats.put(packet.ssrc(), stats);
        }
        stats.onPacket(packet.sequenceNumber(), packet.timestamp(), now, packet.payload().length(),
                              plain - packet.payload().length());
        media.transceiver().receiver().deliver(packet, now);
    }

    /**
     * A video packet of {@code media}'s m-line: an RTX repair is unwrapped to the packet it carries
     * (RFC 4588), statistics count the media stream, and the track assembles and decodes.
     */
    private void handleVideo(NegotiatedMedia media, VideoNegotiation video, RtpPacket packet, int plainLength) {
        final long now = clock.nowNanos();
        RtpPacket received = packet;
        final Integer repaired = video.rtxToMedia().get(packet.payloadType());
        if (repaired != null) {
            final Long announced = video.remoteRtxSsrcs().get(packet.ssrc());
            final Long mediaSsrc = announced != null ? announced : videoMediaSsrcs.get(media.mid());
            if (mediaSsrc == null) {
                counters.unknownSsrc.incrementAndGet(); // a repair before any packet of its stream
                return;
            }
            final ParseResult<RtpPacket> unwrapped = Rtx.unwrap(packet, mediaSsrc, repaired);
            if (!(unwrapped instanceof ParseResult.Ok<RtpPacket> ok)) {
                if (packet.payload().length() > 0) {
                    counters.rtpMalformed.incrementAndGet();
                }
                return; // padding only: a bandwidth probe carries nothing to repair
            }
            received = ok.value();
            counters.rtxReceived.incrementAndGet();
        } else if (video.receiveFormats().containsKey(packet.payloadType())) {
            if (videoMediaSsrcs.size() < MAX_REMOTE_SSRCS || videoMediaSsrcs.containsKey(media.mid())) {
                videoMediaSsrcs.put(media.mid(), packet.ssrc());
            }
            ReceiveStatistics stats = receiveStats.get(packet.ssrc());
            if (stats == null) {
                if (receiveStats.size() >= MAX_REMOTE_SSRCS) {
                    counters.unknownSsrc.incrementAndGet();
                    return;
                }
                stats = new ReceiveStatistics(packet.ssrc(), VideoFormat.CLOCK_RATE);
                receiveStats.put(packet.ssrc(), stats);
            }
            stats.onPacket(packet.sequenceNumber(), packet.timestamp(), now, packet.payload().length(),
                           plainLength - packet.payload().length());
        } else {
            counters.unknownPayloadType.incrementAndGet();
            return;
        }
        final VideoFormat format = video.receiveFormats().get(received.payloadType());
        if (format == null) {
            counters.unknownPayloadType.incrementAndGet(); // an RTX whose apt is no format of ours
            return;
        }
        media.transceiver().receiver().deliverVideo(received, format, now);
        driver.armTimer(); // NACK and keyframe requests may now be due
    }

    /** The m-line of a received packet: by SSRC, else by its mid extension (learning the SSRC). */
    private @Nullable NegotiatedMedia route(RtpPacket packet) {
        final NegotiatedMedia known = byRemoteSsrc.get(packet.ssrc());
        if (known != null) {
            return known;
        }
        for (NegotiatedMedia media : byMid.values()) {
            final int id = media.extensionId(Jsep.EXT_MID);
            final ByteView mid = id == 0 ? null : packet.extension(id);
            final MidExtension named = mid == null ? null : MidExtension.parse(mid).valueOrNull();
            if (named != null && media.mid().equals(named.mid()) && media.direction().receives()
                && byRemoteSsrc.size() < MAX_REMOTE_SSRCS) {
                byRemoteSsrc.put(packet.ssrc(), media);
                return media;
            }
        }
        return null;
    }

    private void handleRtcp(byte[] buf, int off, int len) {
        final ParseResult<List<RtcpPacket>> parsed = RtcpCompound.parse(buf, off, len);
        if (!(parsed instanceof ParseResult.Ok<List<RtcpPacket>> ok)) {
            counters.rtcpMalformed.incrementAndGet();
            return;
        }
        final long now = clock.nowNanos();
        final long ntpNow = ntp(now);
        for (RtcpPacket packet : ok.value()) {
            if (packet instanceof SenderReport sr) {
                final ReceiveStatistics stats = receiveStats.get(sr.senderSsrc());
                if (stats != null) {
                    stats.onSenderReport(sr.ntpTimestamp(), sr.rtpTimestamp(), sr.packetCount(), sr.octetCount(), now);
                    final NegotiatedMedia media = byRemoteSsrc.get(sr.senderSsrc());
                    if (media != null) {
                        media.transceiver().receiver().onSenderReport(sr.senderSsrc(), sr.ntpTimestamp(), sr.rtpTimestamp());
                    }
                }
                reportBlocks(sr.reportBlocks(), ntpNow);
            } else if (packet instanceof ReceiverReport rr) {
                reportBlocks(rr.reportBlocks(), ntpNow);
            } else if (packet instanceof Goodbye bye) {
                // RFC 3550 §6.6: the source left. Its state goes; the track stays (W3C: BYE mutes,
                // it does not end a track), so a new source on the m-line is heard again.
                for (long ssrc : bye.ssrcs()) {
                    final NegotiatedMedia media = byRemoteSsrc.get(ssrc);
                    if (media != null && !media.remoteSsrcs().contains(ssrc)) {
                        byRemoteSsrc.remove(ssrc);
                    }
                    receiveStats.remove(ssrc);
                }
            } else if (packet instanceof GenericNack nack) {
                counters.nacksReceived.incrementAndGet();
                final RTCRtpSender sender = senderOf(nack.mediaSsrc());
                if (sender != null) { // audio negotiates no NACK: its senders keep no history
                    final long rtt = roundTripNanos();
                    for (int sequenceNumber : nack.lostSequenceNumbers()) {
                        if (sender.retransmit(sequenceNumber, rtt)) {
                            counters.retransmitted.incrementAndGet();
                        }
                    }
                }
            } else if (packet instanceof PictureLossIndication pli) {
                counters.plisReceived.incrementAndGet();
                final RTCRtpSender sender = senderOf(pli.mediaSsrc());
                if (sender != null) {
                    sender.requestKeyframe();
                }
            } else if (packet instanceof FullIntraRequest fir) {
                counters.firsReceived.incrementAndGet();
                for (FullIntraRequest.Entry entry : fir.entries()) {
                    final RTCRtpSender sender = senderOf(entry.ssrc());
                    if (sender != null) {
                        sender.requestKeyframe();
                    }
                }
            }
        }
    }

    /** Our sender whose SSRC is {@code ssrc}, or null. */
    private @Nullable RTCRtpSender senderOf(long ssrc) {
        for (NegotiatedMedia media : byMid.values()) {
            if (media.transceiver().sender().ssrc() == ssrc) {
                return media.transceiver().sender();
            }
        }
        return null;
    }

    /** The round-trip time from the latest receiver report of one of our streams, else 100 ms (libwebrtc's default). */
    long roundTripNanos() {
        for (SendStatistics stats : sendStats.values()) {
            if (stats.roundTripMeasurements() > 0) {
                return stats.roundTripNanos();
            }
        }
        return DEFAULT_RTT_NANOS;
    }

    private static final long DEFAULT_RTT_NANOS = 100_000_000L;

    private void reportBlocks(List<ReportBlock> blocks, long ntpNow) {
        for (ReportBlock block : blocks) {
            final SendStatistics stats = sendStats.get(block.ssrc());
            if (stats != null) {
                stats.onReportBlock(block, ntpNow);
            }
        }
    }

    // ---- Sending ------------------------------------------------------------------------------------

    /**
     * Sends {@code packet} on {@code media}'s m-line with its SSRC, payload type and mid extension;
     * returns whether it went out (false before SRTP keys, when not sending, or too large).
     */
    boolean send(NegotiatedMedia media, RtpPacket packet) {
        final SrtpSession session = srtp;
        if (session == null || closed || !media.direction().sends()) {
            return false;
        }
        final RTCRtpSender sender = media.transceiver().sender();
        return send(session, media, packet.toBuilder().ssrc(sender.ssrc()).payloadType(media.payloadType()));
    }

    /**
     * Sends {@code packet} on {@code media}'s m-line with its own SSRC and payload type (an RTX
     * packet) and the mid extension; returns whether it went out.
     */
    boolean sendRaw(NegotiatedMedia media, RtpPacket packet) {
        final SrtpSession session = srtp;
        if (session == null || closed || !media.direction().sends()) {
            return false;
        }
        return send(session, media, packet.toBuilder());
    }

    private boolean send(SrtpSession session, NegotiatedMedia media, RtpPacket.Builder builder) {
        final RTCRtpSender sender = media.transceiver().sender();
        final int midId = media.extensionId(Jsep.EXT_MID);
        if (midId != 0) {
            builder.extension(HeaderExtension.of(midId, media.mid().getBytes(StandardCharsets.US_ASCII)));
        }
        final RtpPacket out = builder.build();
        final int size = out.serializedSize();
        if (size > MAX_PACKET) {
            counters.sendTooLarge.incrementAndGet();
            return false;
        }
        out.serializeTo(sendBuffer, 0);
        final int protectedLength = session.protectRtp(sendBuffer, 0, size);
        if (protectedLength < 0 || !driver.sendRaw(sendBuffer, 0, protectedLength)) {
            return false;
        }
        final long now = clock.nowNanos();
        if (out.ssrc() == sender.ssrc()) { // RTX packets are not the stream's (RFC 4588 §4: their own statistics)
            sendStats.computeIfAbsent(sender.ssrc(), ssrc -> new SendStatistics(ssrc, clockRate(media)))
                     .onPacketSent(out.timestamp(), out.payload().length(), size - out.payload().length(), now);
        }
        return true;
    }

    private static int clockRate(NegotiatedMedia media) {
        return media.video() != null ? VideoFormat.CLOCK_RATE : 48_000;
    }

    /** RFC 3550 §6.4: an SR per sending stream (blocks in the first), else an RR; SDES CNAME; BYE at the end. */
    private void sendReports(long nowNanos, boolean goodbye) {
        final List<ReportBlock> blocks = new ArrayList<>();
        for (ReceiveStatistics stats : receiveStats.values()) {
            if (blocks.size() == 31) {
                break; // RFC 3550 §6.4: at most 31 blocks a report; asking a stream for one starts its next interval
            }
            final ReportBlock block = stats.report(nowNanos);
            if (block != null) {
                blocks.add(block);
            }
        }
        final List<RtcpPacket> compound = new ArrayList<>();
        final long ntpNow = ntp(nowNanos);
        long reporter = 0;
        for (SendStatistics stats : sendStats.values()) {
            if (stats.hasSent()) {
                compound.add(new SenderReport(stats.ssrc(), ntpNow, stats.rtpTimestampAt(nowNanos), stats.packetsSent(),
                                              stats.bytesSent(), compound.isEmpty() ? blocks : List.of()));
                reporter = reporter == 0 ? stats.ssrc() : reporter;
            }
        }
        if (compound.isEmpty()) {
            reporter = anyLocalSsrc();
            if (reporter == 0 || (blocks.isEmpty() && !goodbye)) {
                return;
            }
            compound.add(new ReceiverReport(reporter, blocks));
        }
        compound.add(SourceDescription.ofCname(reporter, core.cname()));
        if (goodbye) {
            final List<Long> ssrcs = new ArrayList<>(sendStats.keySet());
            if (ssrcs.isEmpty()) {
                ssrcs.add(reporter);
            }
            compound.add(Goodbye.of(ssrcs, "the peer connection was closed"));
        }
        sendRtcp(compound);
    }

    private long anyLocalSsrc() {
        for (NegotiatedMedia media : byMid.values()) {
            return media.transceiver().sender().ssrc();
        }
        return 0;
    }

    private void sendRtcp(List<RtcpPacket> compound) {
        final SrtpSession session = srtp;
        final int size = RtcpCompound.serializedSize(compound);
        if (session == null || size > MAX_PACKET) {
            return;
        }
        RtcpCompound.serializeTo(compound, sendBuffer, 0);
        final int protectedLength = session.protectRtcp(sendBuffer, 0, size);
        if (protectedLength >= 0) {
            driver.sendRaw(sendBuffer, 0, protectedLength);
        }
    }

    private long ntp(long nowNanos) {
        return NtpTime.fromUnixNanos(wallOffsetNanos + nowNanos);
    }

    /** The wall-clock time (Unix nanos) of a reading of the injected clock. */
    long wallClockNanos(long nowNanos) {
        return wallOffsetNanos + nowNanos;
    }

    // ---- Stats and close ----------------------------------------------------------------------------

    @Nullable ReceiveStatistics receiveStatistics(long ssrc) {
        return receiveStats.get(ssrc);
    }

    @Nullable SendStatistics sendStatistics(long ssrc) {
        return sendStats.get(ssrc);
    }

    /** Whether packets of remote SSRC {@code ssrc} go to {@code media}'s m-line. */
    boolean routesTo(long ssrc, NegotiatedMedia media) {
        final NegotiatedMedia routed = byRemoteSsrc.get(ssrc);
        return routed != null && routed.mid().equals(media.mid());
    }

    Map<Long, ReceiveStatistics> receiveStatistics() {
        return receiveStats;
    }

    /** Sends BYE for our streams while DTLS still runs, then stops. */
    void close(boolean dtlsConnected) {
        if (closed) {
            return;
        }
        if (dtlsConnected && srtp != null && !byMid.isEmpty()) {
            sendReports(clock.nowNanos(), true);
        }
        closed = true;
        if (srtp != null) {
            srtp.close();
        }
    }
}
