package dev.remotemedia.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.codec.video.VideoFrame;
import dev.remotemedia.rtc.pc.PeerConnectionFactory;
import dev.remotemedia.rtc.pc.VideoSink;
import dev.remotemedia.rtc.pc.VideoTrackSource;
import dev.remotemedia.rtc.transport.ice.IceConfig;
import dev.remotemedia.testing.NumberedPicture;
import dev.remotemedia.transport.WebRtcTransportConfig;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ServerPeer video through pipelines (issue 13): a Java client's camera (numbered pictures, VP8)
 * goes through the server's pipeline and comes back on the ServerPeer's own video track, checked by
 * content: the numbers read back, and the colour — gone with {@code grayscale}, kept with
 * {@code video-loopback}.
 */
class ServerPeerVideoTest {
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private final ScheduledExecutorService camera = Executors.newSingleThreadScheduledExecutor();
    private RemoteMediaServer server;

    @BeforeEach
    void setUp() throws Exception {
        final WebRtcTransportConfig config = WebRtcTransportConfig.builder().httpPort(0).udpPort(0).maxPeers(20)
                                                                  .iceAddresses(List.of(InetAddress.getLoopbackAddress()))
                                                                  .build();
        server = RemoteMediaServer.start(config, ServerMode.SERVER, PipelineCatalog.load(config));
    }

    @AfterEach
    void tearDown() throws Exception {
        camera.shutdownNow();
        for (int i = closeAfter.size() - 1; i >= 0; i--) {
            closeAfter.get(i).close();
        }
        assertThat(server.shutDown(Duration.ofSeconds(3))).isTrue();
    }

    /** What came back: each picture's number and how far its chroma strays from gray. */
    static final class Screen implements VideoSink {
        final List<Integer> numbers = new ArrayList<>();
        int maxChromaOffset;
        final CompletableFuture<Void> enough = new CompletableFuture<>();

        @Override
        public synchronized void onFrame(VideoFrame frame, long rtpTimestamp) {
            numbers.add(NumberedPicture.read(frame::lumaAt, frame.width(), frame.height()));
            int offset = 0;
            for (int row = 0; row < frame.chromaHeight(); row += 4) {
                for (int x = 0; x < frame.chromaWidth(); x += 4) {
                    offset = Math.max(offset, Math.abs((frame.dataU()[row * frame.strideU() + x] & 0xff) - 128));
                    offset = Math.max(offset, Math.abs((frame.dataV()[row * frame.strideV() + x] & 0xff) - 128));
                }
            }
            maxChromaOffset = numbers.size() > 5 ? Math.max(maxChromaOffset, offset) : maxChromaOffset;
            if (numbers.size() >= 40) {
                enough.complete(null);
            }
        }

        synchronized List<Integer> numbers() {
            return List.copyOf(numbers);
        }
    }

    private Screen roundTrip(String pipeline) throws Exception {
        final PeerConnectionFactory clients = PeerConnectionFactory.builder()
                .iceConfig(IceConfig.builder().hostAddresses(List.of(InetAddress.getLoopbackAddress())).build())
                .eventLoops(1)
                .build();
        closeAfter.add(clients);
        final JavaServerPeerClient client = new JavaServerPeerClient(
                URI.create("ws://127.0.0.1:" + server.httpPort() + "/ws"), "java-1", "remotemedia-server", clients,
                true, false);
        closeAfter.add(client);
        final VideoTrackSource source = VideoTrackSource.create(600_000, 30, 0);
        final Screen screen = new Screen();
        client.addVideo(source, screen);
        client.connect(pipeline);
        final int[] next = {0};
        camera.scheduleAtFixedRate(() -> {
            final int number = next[0]++;
            final VideoFrame frame = VideoFrame.allocate(WIDTH, HEIGHT, number * 33_333L);
            NumberedPicture.draw(number, WIDTH, HEIGHT, frame.dataY(), frame.dataU(), frame.dataV());
            source.pushFrame(frame);
        }, 0, 33, TimeUnit.MILLISECONDS);
        screen.enough.get(30, TimeUnit.SECONDS);
        final List<Integer> numbers = screen.numbers();
        assertThat(numbers).as("numbers read back from the server's pictures").doesNotContain(-1);
        for (int i = 1; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).as("picture %d after %d", i, numbers.get(i - 1)).isGreaterThan(numbers.get(i - 1));
        }
        assertThat(server.serverPeers().peerCount()).isEqualTo(1);
        return screen;
    }

    @Test
    void grayscaleSendsTheClientsCameraBackInGray() throws Exception {
        final Screen screen = roundTrip("grayscale");
        // NumberedPicture's background has chroma up to 63 away from gray; encoding leaves a level or two.
        assertThat(screen.maxChromaOffset).as("chroma of the pictures that came back").isLessThanOrEqualTo(4);
    }

    @Test
    void videoLoopbackSendsTheClientsCameraBackInColour() throws Exception {
        final Screen screen = roundTrip("video-loopback");
        assertThat(screen.maxChromaOffset).as("chroma of the pictures that came back").isGreaterThan(20);
    }
}
