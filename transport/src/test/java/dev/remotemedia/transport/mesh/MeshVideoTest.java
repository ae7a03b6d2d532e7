package dev.remotemedia.transport.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.codec.video.VideoFrame;
import dev.remotemedia.testing.NumberedPicture;
import dev.remotemedia.transport.VideoCodec;
import dev.remotemedia.transport.VideoResolution;
import dev.remotemedia.transport.WebRtcTransport;
import dev.remotemedia.transport.WebRtcTransportConfig;
import dev.remotemedia.transport.media.VideoEncoderConfig;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transport's video API between transports (issue 13, seed 001): real UDP on 127.0.0.1, real
 * codecs, signaling on the in-memory hub; pictures checked by the numbers they carry, at the size
 * the configuration asks for ({@code WEBRTC_VIDEO_RESOLUTION}), in the configured codec
 * ({@code WEBRTC_VIDEO_CODEC}).
 */
class MeshVideoTest {
    private static final long TIMEOUT_SECONDS = 60;
    private static final WebRtcTransportConfig CONFIG =
            WebRtcTransportConfig.builder()
                                 .iceAddresses(List.of(InetAddress.getLoopbackAddress()))
                                 .udpPort(0)
                                 .videoCodec(VideoCodec.VP9)
                                 .videoResolution(new VideoResolution(256, 144))
                                 .build();

    private final InMemoryHub hub = new InMemoryHub();
    private final ScheduledExecutorService camera = Executors.newSingleThreadScheduledExecutor();
    private final List<WebRtcTransport> transports = new ArrayList<>();

    @AfterEach
    void tearDown() {
        camera.shutdownNow();
        transports.forEach(WebRtcTransport::shutdown);
        hub.close();
    }

    /** The numbers of one peer's pictures as the receive handler got them, and their size. */
    static final class Seen {
        private final int enough;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final List<Integer> numbers = new ArrayList<>();
        int width;
        int height;

        Seen(int enough) {
            this.enough = enough;
        }

        synchronized void add(VideoFrame frame) {
            numbers.add(NumberedPicture.read(frame::lumaAt, frame.width(), frame.height()));
            width = frame.width();
            height = frame.height();
            if (numbers.size() >= enough) {
                done.complete(null);
            }
        }

        synchronized List<Integer> numbers() {
            return List.copyOf(numbers);
        }
    }

    private WebRtcTransport start(String peerId, Seen seen) throws Exception {
        final WebRtcTransport t = WebRtcTransport.builder(CONFIG).peerId(peerId).signaling(hub.connector())
                                                 .video(true)
                                                 .onPeerVideo((peer, frame) -> seen.add(frame))
                                                 .build();
        transports.add(t);
        t.start().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return t;
    }

    private static MeshPeer peer(WebRtcTransport t, String peerId) {
        return t.peerManager().peer(peerId).orElseThrow();
    }

    /** 320×240 numbered pictures at 30 frames/s, from 0. */
    private void play(java.util.function.Consumer<VideoFrame> sink) {
        final int[] next = {0};
        camera.scheduleAtFixedRate(() -> {
            final int number = next[0]++;
            final VideoFrame frame = VideoFrame.allocate(320, 240, number * 33_333L);
            NumberedPicture.draw(number, 320, 240, frame.dataY(), frame.dataU(), frame.dataV());
            sink.accept(frame);
        }, 0, 33, TimeUnit.MILLISECONDS);
    }

    private static void assertCounting(List<Integer> numbers) {
        assertThat(numbers).doesNotContain(-1);
        for (int i = 1; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).as("picture %d after %d", i, numbers.get(i - 1)).isGreaterThan(numbers.get(i - 1));
        }
    }

    @Test
    void aPeerSeesTheOthersPicturesAtTheConfiguredSizeInTheConfiguredCodec() throws Exception {
        final Seen atB = new Seen(40);
        final WebRtcTransport a = start("peer-a", new Seen(1));
        start("peer-b", atB);
        a.connectPeer("peer-b").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        peer(a, "peer-b").addVideoTrack(VideoEncoderConfig.from(CONFIG).withBitrate(300_000));
        assertThat(peer(a, "peer-b").videoConfig()).hasValueSatisfying(c -> assertThat(c.width()).isEqualTo(256));
        assertThatThrownBy(() -> peer(a, "peer-b").addVideoTrack(VideoEncoderConfig.from(CONFIG)))
                .hasMessageContaining("has a video track already");
        play(frame -> a.sendVideo("peer-b", frame));

        atB.done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertCounting(atB.numbers());
        assertThat(atB.width).as("scaled to WEBRTC_VIDEO_RESOLUTION").isEqualTo(256);
        assertThat(atB.height).isEqualTo(144);
        assertThat(peer(a, "peer-b").connection().localDescription().sdp())
                .as("WEBRTC_VIDEO_CODEC is offered first").containsPattern("m=video 9 UDP/TLS/RTP/SAVPF 98 ");
    }

    @Test
    void broadcastReachesThePeersWithATrackButTheExcluded() throws Exception {
        final Seen atB = new Seen(30);
        final Seen atC = new Seen(1);
        final WebRtcTransport a = start("peer-a", new Seen(1));
        start("peer-b", atB);
        start("peer-c", atC);
        a.connectPeer("peer-b").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        a.connectPeer("peer-c").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(a.broadcastVideo(VideoFrame.allocate(320, 240, 0), Set.of())).as("no peer has a track yet").isZero();
        peer(a, "peer-b").addVideoTrack(VideoEncoderConfig.from(CONFIG));
        peer(a, "peer-c").addVideoTrack(VideoEncoderConfig.from(CONFIG));
        final CompletableFuture<Integer> reached = new CompletableFuture<>();
        play(frame -> reached.complete(a.broadcastVideo(frame, Set.of("peer-c"))));

        atB.done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(reached.get()).isEqualTo(1);
        assertCounting(atB.numbers());
        assertThat(atC.numbers()).as("peer-c was excluded").isEmpty();
    }
}
