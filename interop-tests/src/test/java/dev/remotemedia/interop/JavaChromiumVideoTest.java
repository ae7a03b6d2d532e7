package dev.remotemedia.interop;

import static dev.remotemedia.interop.BrowserPeers.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.codec.video.VideoCodecType;
import dev.remotemedia.codec.video.VideoFrame;
import dev.remotemedia.rtc.transport.ice.IceConfig;
import dev.remotemedia.rtc.pc.MediaKind;
import dev.remotemedia.rtc.pc.MediaStreamTrack;
import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.pc.RTCPeerConnection;
import dev.remotemedia.rtc.pc.RTCRtpTransceiverDirection;
import dev.remotemedia.rtc.pc.RTCRtpTransceiverInit;
import dev.remotemedia.rtc.pc.RTCStats;
import dev.remotemedia.rtc.pc.VideoSink;
import dev.remotemedia.rtc.pc.VideoTrackSource;
import dev.remotemedia.testing.ChromiumExtension;
import dev.remotemedia.testing.NumberedPicture;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Video between our RTCPeerConnection and Chromium's, checked by content both ways, for every codec
 * both have: Java sends numbered pictures that the page's {@code <video>} shows and the page reads
 * back (a canvas, per presented frame), and the page sends numbered pictures drawn on a canvas that
 * Java decodes and reads back.
 */
class JavaChromiumVideoTest {
    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private PeerConnectionFactory factory;
    private BrowserPeers browser;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();

    private void start(VideoCodecType codec) {
        factory = PeerConnectionFactory.builder()
                .iceConfig(IceConfig.builder().hostAddresses(List.of(InetAddress.getLoopbackAddress())).build())
                .videoCodecs(List.of(codec))
                .build();
        browser = new BrowserPeers(chromium.harness().open("about:blank"));
    }

    @BeforeEach
    void noFactoryYet() {
        factory = null;
    }

    @AfterEach
    void tearDown() {
        clock.shutdownNow();
        if (factory != null) {
            factory.close();
        }
    }

    /** Numbers read back from the pictures Java decodes. */
    static final class Numbers implements VideoSink {
        final List<Integer> numbers = new ArrayList<>();
        final CompletableFuture<Void> enough = new CompletableFuture<>();
        int width;
        int height;

        @Override
        public synchronized void onFrame(VideoFrame frame, long rtpTimestamp) {
            numbers.add(NumberedPicture.read(frame::lumaAt, frame.width(), frame.height()));
            width = frame.width();
            height = frame.height();
            if (numbers.size() >= 60) {
                enough.complete(null);
            }
        }

        synchronized List<Integer> numbers() {
            return List.copyOf(numbers);
        }
    }

    private void play(VideoTrackSource source) {
        final int[] next = {0};
        clock.scheduleAtFixedRate(() -> {
            final int number = next[0]++;
            final VideoFrame frame = VideoFrame.allocate(WIDTH, HEIGHT, number * 33_333L);
            NumberedPicture.draw(number, WIDTH, HEIGHT, frame.dataY(), frame.dataU(), frame.dataV());
            source.pushFrame(frame);
        }, 0, 33, TimeUnit.MILLISECONDS);
    }

    /** Numbers that follow each other (a presented frame may repeat: the page samples what it shows). */
    private static void assertCounting(List<Integer> numbers, int atLeast) {
        assertThat(numbers).as("numbers read back").doesNotContain(-1).hasSizeGreaterThanOrEqualTo(atLeast);
        for (int i = 1; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).as("picture %d after %d", i, numbers.get(i - 1)).isGreaterThanOrEqualTo(numbers.get(i - 1));
        }
        assertThat(numbers.get(numbers.size() - 1) - numbers.get(0)).as("the numbers advance").isGreaterThanOrEqualTo(atLeast / 2);
    }

    private String pageCodec() {
        for (Object entry : (List<?>) browser.call("rtpStats", "p")) {
            final Map<?, ?> stats = (Map<?, ?>) entry;
            if ("video".equals(stats.get("kind")) && stats.get("codecId") != null) {
                return String.valueOf(stats.get("codecId"));
            }
        }
        return "";
    }

    @ParameterizedTest
    @EnumSource(VideoCodecType.class)
    void javaSendsNumberedPicturesThePageShowsInOrder(VideoCodecType codec) {
        start(codec);
        final RTCPeerConnection java = factory.createPeerConnection();
        final VideoTrackSource source = VideoTrackSource.create(800_000, 30, 0);
        java.addTransceiver(MediaStreamTrack.video(source), RTCRtpTransceiverInit.of(RTCRtpTransceiverDirection.SENDONLY));
        browser.create("p", false);
        browser.connectJavaOffering("p", java);
        play(source);

        await(() -> {
            final Map<?, ?> video = (Map<?, ?>) browser.call("videoNumbers", "p");
            return video != null && ((List<?>) video.get("numbers")).size() >= 45;
        }, "the page to show 45 of Java's " + codec + " pictures (it has " + browser.call("videoNumbers", "p") + ")");
        final Map<?, ?> video = (Map<?, ?>) browser.call("videoNumbers", "p");
        final List<Integer> numbers = new ArrayList<>();
        for (Object n : (List<?>) video.get("numbers")) {
            numbers.add(((Number) n).intValue());
        }
        assertCounting(numbers, 45);
        assertThat(((Number) video.get("width")).intValue()).isEqualTo(WIDTH);
        assertThat(((Number) video.get("height")).intValue()).isEqualTo(HEIGHT);
        assertThat(java.localDescription().sdp()).contains(" " + codec.name() + "/90000");
        final RTCStats outbound = BrowserPeers.get(java.getStats()).ofType("outbound-rtp").get(0);
        assertThat(outbound.get("kind")).isEqualTo("video");
        assertThat(outbound.getLong("framesEncoded", 0)).isGreaterThanOrEqualTo(45);
        browser.call("close", "p");
    }

    @ParameterizedTest
    @EnumSource(VideoCodecType.class)
    void thePageSendsNumberedPicturesJavaDecodesInOrder(VideoCodecType codec) {
        start(codec);
        final RTCPeerConnection java = factory.createPeerConnection();
        final Numbers numbers = new Numbers();
        java.onTrack(event -> {
            if (event.track().kind() == MediaKind.VIDEO) {
                event.track().addVideoSink(numbers);
            }
        });
        browser.create("p", false);
        browser.call("addNumberedVideo", "p", WIDTH, HEIGHT, 30);
        assertThat(browser.call("preferVideoCodec", "p", "video/" + codec.name())).as("Chromium has " + codec).isEqualTo(true);
        browser.connectBrowserOffering("p", java);

        BrowserPeers.get(numbers.enough);
        assertCounting(numbers.numbers(), 60);
        assertThat(numbers.width).isEqualTo(WIDTH);
        assertThat(numbers.height).isEqualTo(HEIGHT);
        assertThat(java.remoteDescription().sdp().toUpperCase(Locale.ROOT)).contains(codec.name() + "/90000");
        final RTCStats inbound = BrowserPeers.get(java.getStats()).ofType("inbound-rtp").get(0);
        assertThat(inbound.getLong("framesDecoded", 0)).isGreaterThanOrEqualTo(60);
        assertThat(inbound.getLong("keyFramesDecoded", 0)).isPositive();
        assertThat(pageCodec()).isNotEmpty();
        browser.call("close", "p");
    }
}
