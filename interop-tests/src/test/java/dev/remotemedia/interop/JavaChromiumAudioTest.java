package dev.remotemedia.interop;

import static dev.remotemedia.interop.BrowserPeers.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.remotemedia.rtc.pc.AudioFrame;
import dev.remotemedia.rtc.pc.AudioSink;
import dev.remotemedia.rtc.pc.AudioTrackSource;
import dev.remotemedia.rtc.pc.MediaStreamTrack;
import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.pc.RTCDataChannel;
import dev.remotemedia.rtc.pc.RTCPeerConnection;
import dev.remotemedia.rtc.pc.RTCStats;
import dev.remotemedia.rtc.pc.RTCStatsReport;
import dev.remotemedia.rtc.rtp.AbsSendTimeExtension;
import dev.remotemedia.rtc.rtp.AudioLevelExtension;
import dev.remotemedia.rtc.rtp.MidExtension;
import dev.remotemedia.rtc.rtp.OpusPayload;
import dev.remotemedia.rtc.rtp.RtpPacket;
import dev.remotemedia.rtc.transport.ice.IceConfig;
import dev.remotemedia.testing.AudioProbe;
import dev.remotemedia.testing.ChromiumExtension;
import dev.remotemedia.testing.ToneGenerator;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Audio between our RTCPeerConnection and Chromium's, both offer roles, bundled with a data channel
 * on one transport: the page's WebAudio oscillator is detected in Java by its frequency, Java's tone
 * in the page by an AnalyserNode, and both sides' W3C stats agree on what crossed. A video section
 * without a track in the page's offer is accepted beside them (video itself: JavaChromiumVideoTest).
 */
class JavaChromiumAudioTest {
    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    private static final int RATE = 48_000;
    private PeerConnectionFactory factory;
    private BrowserPeers browser;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void setUp() {
        factory = PeerConnectionFactory.builder()
                .iceConfig(IceConfig.builder().hostAddresses(List.of(InetAddress.getLoopbackAddress())).build())
                .build();
        browser = new BrowserPeers(chromium.harness().open("about:blank"));
    }

    @AfterEach
    void tearDown() {
        clock.shutdownNow();
        factory.close();
    }

    /** Keeps the last second of a remote track's mono-mixed PCM and counts what arrived. */
    static final class LastSecond implements AudioSink {
        private final short[] ring = new short[RATE];
        private int written;
        final CompletableFuture<Void> oneSecond = new CompletableFuture<>();

        @Override
        public synchronized void onFrame(AudioFrame frame) {
            final short[] samples = frame.samples();
            for (int i = 0; i < frame.samplesPerChannel(); i++) {
                ring[written++ % ring.length] = samples[i * frame.channels()];
            }
            if (written >= 3 * RATE) { // skip two seconds: Chromium's encoder settles, our jitter buffer learns the path
                oneSecond.complete(null);
            }
        }

        synchronized short[] snapshot() {
            final short[] out = new short[ring.length];
            for (int i = 0; i < ring.length; i++) {
                out[i] = ring[(written + i) % ring.length];
            }
            return out;
        }
    }

    private void play(AudioTrackSource source, double frequency) {
        final ToneGenerator tone = ToneGenerator.of(RATE, 0.5, frequency);
        clock.scheduleAtFixedRate(() -> source.pushPcm(tone.next(960), RATE, 1), 0, 20, TimeUnit.MILLISECONDS);
    }

    private void assertPageHears(double frequency) {
        await(() -> {
            final Object heard = browser.call("receivedFrequency", "p");
            return heard instanceof Number number && Math.abs(number.doubleValue() - frequency) < 5;
        }, "the page to hear " + frequency + " Hz (it hears " + browser.call("receivedFrequency", "p") + ")");
    }

    private static void assertJavaHears(LastSecond sink, double frequency) {
        BrowserPeers.get(sink.oneSecond);
        final short[] pcm = sink.snapshot();
        assertThat(AudioProbe.dominantFrequency(pcm, RATE)).isCloseTo(frequency, within(2.0));
        assertThat(AudioProbe.rmsDbfs(pcm, 0, pcm.length, 1, 0)).isGreaterThan(-30.0);
    }

    /** Chromium's counts of what it received and sent, and ours, agree; almost nothing was lost. */
    private void assertStatsAgree(RTCPeerConnection java) {
        await(() -> pageStat("inbound-rtp", "packetsReceived") > 100, "the page's inbound-rtp to count packets");
        final RTCStatsReport ours = BrowserPeers.get(java.getStats());
        final RTCStats outbound = ours.ofType("outbound-rtp").get(0);
        final RTCStats inbound = ours.ofType("inbound-rtp").get(0);
        final long pageReceived = pageStat("inbound-rtp", "packetsReceived");
        final long pageSent = pageStat("outbound-rtp", "packetsSent");
        final long ourSent = outbound.getLong("packetsSent", -1);
        final long ourReceived = inbound.getLong("packetsReceived", -1);
        // The two reports are read a few milliseconds apart, at 50 packets a second each way.
        assertThat(pageReceived).isCloseTo(ourSent, within(25L));
        assertThat(ourReceived).isCloseTo(pageSent, within(25L));
        assertThat(pageStat("inbound-rtp", "packetsLost")).isLessThanOrEqualTo(Math.max(1, pageReceived / 100));
        assertThat(inbound.getLong("packetsLost", -1)).isLessThanOrEqualTo(Math.max(1, ourReceived / 100));
        assertThat(ours.ofType("transport").get(0).getLong("srtpAuthenticationFailures", -1)).isZero();
        assertThat(ours.ofType("transport").get(0).getLong("rtcpMalformedDropped", -1)).isZero();
        assertThat(ours.ofType("transport").get(0).getLong("rtpMalformedDropped", -1)).isZero();
        // Chromium's own RTCP, parsed: its sender reports (compound with SDES) and its receiver
        // reports about our stream, with LSR/DLSR for the round-trip time.
        await(() -> {
            final RTCStatsReport now = BrowserPeers.get(java.getStats());
            return !now.ofType("remote-outbound-rtp").isEmpty() && !now.ofType("remote-inbound-rtp").isEmpty()
                   && now.ofType("remote-inbound-rtp").get(0).get("roundTripTime") != null;
        }, "Chromium's SR and an RR with LSR about our stream");
        final RTCStatsReport reports = BrowserPeers.get(java.getStats());
        final RTCStats remoteOutbound = reports.ofType("remote-outbound-rtp").get(0);
        // The SR counts what Chromium had sent when it wrote it: not more than it has sent by now
        // (give or take Chromium's stats cache, which may lag by a few 20 ms packets).
        assertThat(remoteOutbound.getLong("packetsSent", 0)).isPositive()
                                                             .isLessThanOrEqualTo(pageStat("outbound-rtp", "packetsSent") + 10);
        assertThat(reports.ofType("remote-inbound-rtp").get(0).getDouble("roundTripTime", -1)).isBetween(0.0, 0.5);
        assertThat(ours.ofType("transport").get(0).get("dtlsState")).isEqualTo("connected");
    }

    private long pageStat(String type, String member) {
        for (Object entry : (List<?>) browser.call("rtpStats", "p")) {
            final Map<?, ?> stats = (Map<?, ?>) entry;
            if (type.equals(stats.get("type")) && "audio".equals(stats.get("kind")) && stats.get(member) != null) {
                return ((Number) stats.get(member)).longValue();
            }
        }
        return -1;
    }

    @Test
    void chromiumOffersAToneAndADataChannelAndJavaAnswersWithItsOwnTone() {
        final RTCPeerConnection java = factory.createPeerConnection();
        final LastSecond heard = new LastSecond();
        final List<RtpPacket> chromiumPackets = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.onTrack(event -> {
            event.track().addSink(heard);
            event.receiver().addRtpListener(packet -> {
                if (chromiumPackets.size() < 100) {
                    chromiumPackets.add(RtpPacket.parse(packet.toByteArray(), 0, packet.serializedSize()).orElseThrow());
                }
            });
        });
        final AudioTrackSource source = AudioTrackSource.create();
        java.onDataChannel(channel -> channel.onMessage(m -> channel.send("java got " + m.text())));

        browser.create("p", false);
        browser.call("addTone", "p", 440.0);
        browser.call("addTransceiver", "p", "video", "sendrecv"); // no track either side: accepted, nothing flows
        browser.call("createChannel", "p", "chat", Map.of());
        // Java's track rides on the transceiver the page's offer makes (W3C addTrack reuse).
        java.addTrack(MediaStreamTrack.audio(source), "java-stream");
        browser.connectBrowserOffering("p", java);
        play(source, 660);

        assertJavaHears(heard, 440);
        assertPageHears(660);
        await(() -> browser.channelEvents("p", "chat").contains("open"), "the page's data channel to open");
        browser.call("send", "p", "chat", List.of(BrowserPeers.text("ping")));
        await(() -> browser.received("p", "chat").contains(BrowserPeers.text("java got ping")),
              "the data channel's reply beside the audio");
        final String answer = java.localDescription().sdp();
        assertThat(answer).contains("a=group:BUNDLE 0 1 2").contains("m=audio 9 UDP/TLS/RTP/SAVPF 111")
                          .containsPattern("m=video 9 UDP/TLS/RTP/SAVPF 96 97 ");
        assertStatsAgree(java);
        assertChromiumPacketsParse(chromiumPackets, answer);
    }

    /**
     * Chromium's own RTP, as it arrived: each packet re-serializes to the same bytes, its Opus TOC
     * says 20 ms, and its header extensions (the ids our answer echoed) hold what they should. The
     * mid extension is sent only until the receiver has reported on the SSRC (libwebrtc's rule), so
     * the first packets carry it.
     */
    private static void assertChromiumPacketsParse(List<RtpPacket> packets, String answer) {
        assertThat(packets).hasSizeGreaterThanOrEqualTo(50);
        final int midId = extmapId(answer, MidExtension.URI);
        final int levelId = extmapId(answer, AudioLevelExtension.URI);
        final int sendTimeId = extmapId(answer, AbsSendTimeExtension.URI);
        assertThat(packets.get(0).extension(midId)).as("the mid extension of the first packet").isNotNull();
        for (RtpPacket packet : packets) {
            assertThat(RtpPacket.parse(packet.toByteArray(), 0, packet.serializedSize()).orElseThrow())
                    .isEqualTo(packet);
            assertThat(OpusPayload.parse(packet.payload()).orElseThrow().samplesPerChannel()).isEqualTo(960);
            if (packet.extension(midId) != null) {
                assertThat(MidExtension.parse(packet.extension(midId)).orElseThrow().mid()).isEqualTo("0");
            }
            assertThat(AudioLevelExtension.parse(packet.extension(levelId)).orElseThrow().level()).isBetween(0, 127);
            assertThat(AbsSendTimeExtension.parse(packet.extension(sendTimeId)).isOk()).isTrue();
        }
    }

    private static int extmapId(String sdp, String uri) {
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("a=extmap:(\\d+) " + java.util.regex.Pattern.quote(uri))
                                                                   .matcher(sdp);
        assertThat(m.find()).as("a=extmap for " + uri).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void javaOffersAToneAndADataChannelAndChromiumAnswersWithItsOwnTone() {
        final RTCPeerConnection java = factory.createPeerConnection();
        final LastSecond heard = new LastSecond();
        java.onTrack(event -> event.track().addSink(heard));
        final AudioTrackSource source = AudioTrackSource.create();
        java.addTrack(MediaStreamTrack.audio(source), "java-stream");
        final RTCDataChannel chat = java.createDataChannel("chat");
        final List<String> replies = new ArrayList<>();
        chat.onMessage(m -> {
            synchronized (replies) {
                replies.add(m.text());
            }
        });
        chat.onOpen(() -> chat.send("hello page"));

        browser.create("p", true); // the page echoes data channel messages
        browser.connectJavaOfferingWithTone("p", java, 523.25);
        play(source, 880);

        assertJavaHears(heard, 523.25);
        assertPageHears(880);
        await(() -> {
            synchronized (replies) {
                return replies.contains("hello page");
            }
        }, "the echo over the data channel beside the audio");
        assertThat((String) browser.call("localSdp", "p")).contains("a=group:BUNDLE 0 1");
        assertStatsAgree(java);
    }
}
