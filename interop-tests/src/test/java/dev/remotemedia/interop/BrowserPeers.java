package dev.remotemedia.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.pc.RTCIceCandidate;
import dev.remotemedia.rtc.pc.RTCPeerConnection;
import dev.remotemedia.rtc.pc.RTCPeerConnectionState;
import dev.remotemedia.rtc.pc.RTCSdpType;
import dev.remotemedia.rtc.pc.RTCSessionDescription;
import dev.remotemedia.testing.BrowserPage;
import dev.remotemedia.testing.BrowserScripts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * RTCPeerConnections inside a Chromium page ({@link BrowserScripts#browserPeers()}), and the signaling
 * between them and Java peer connections done by the test: descriptions and trickled candidates
 * are carried across by Playwright calls on the test thread, as a signaling server would.
 */
final class BrowserPeers {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final BrowserPage page;

    BrowserPeers(BrowserPage page) {
        this.page = page;
        BrowserScripts.installBrowserPeers(page);
    }

    Object call(String function, Object... args) {
        return page.evaluate("([f, args]) => window.browserPeers[f](...args)", List.of(function, List.of(args)));
    }

    void create(String id, boolean echo) {
        call("create", id, echo);
    }

    /** Java offers, the page answers; then candidates flow both ways until both are connected. */
    void connectJavaOffering(String id, RTCPeerConnection java) {
        connectJavaOffering(id, java, offer -> (String) call("answer", id, offer));
    }

    /** Java offers, the page answers sending a WebAudio tone of {@code frequency} Hz back. */
    void connectJavaOfferingWithTone(String id, RTCPeerConnection java, double frequency) {
        connectJavaOffering(id, java, offer -> (String) call("answerWithTone", id, offer, frequency));
    }

    private void connectJavaOffering(String id, RTCPeerConnection java,
                                     java.util.function.UnaryOperator<String> pageAnswers) {
        final Queue<RTCIceCandidate> javaCandidates = trickleFrom(java);
        final RTCSessionDescription offer = get(java.createOffer());
        get(java.setLocalDescription(offer));
        final String answer = pageAnswers.apply(offer.sdp());
        get(java.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, answer)));
        exchangeUntilConnected(id, java, javaCandidates);
    }

    /** The page offers (it must have created its channels), Java answers. */
    void connectBrowserOffering(String id, RTCPeerConnection java) {
        final Queue<RTCIceCandidate> javaCandidates = trickleFrom(java);
        final String offer = (String) call("offer", id);
        get(java.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offer)));
        final RTCSessionDescription answer = get(java.createAnswer());
        get(java.setLocalDescription(answer));
        call("acceptAnswer", id, answer.sdp());
        exchangeUntilConnected(id, java, javaCandidates);
    }

    private static Queue<RTCIceCandidate> trickleFrom(RTCPeerConnection java) {
        final Queue<RTCIceCandidate> candidates = new ConcurrentLinkedQueue<>();
        java.onIceCandidate(candidates::add);
        return candidates;
    }

    private void exchangeUntilConnected(String id, RTCPeerConnection java, Queue<RTCIceCandidate> javaCandidates) {
        await(() -> {
            for (RTCIceCandidate c; (c = javaCandidates.poll()) != null; ) {
                final Map<String, Object> json = new HashMap<>();
                json.put("candidate", c.candidate());
                json.put("sdpMid", c.sdpMid());
                json.put("sdpMLineIndex", c.sdpMLineIndex());
                call("addCandidate", id, json);
            }
            for (Object taken : (List<?>) call("takeCandidates", id)) {
                final Map<?, ?> json = (Map<?, ?>) taken;
                final RTCIceCandidate candidate = json == null
                        ? new RTCIceCandidate("", null, null, null)
                        : new RTCIceCandidate((String) json.get("candidate"), (String) json.get("sdpMid"),
                                              json.get("sdpMLineIndex") == null ? null
                                                      : ((Number) json.get("sdpMLineIndex")).intValue(),
                                              (String) json.get("usernameFragment"));
                get(java.addIceCandidate(candidate));
            }
            return java.connectionState() == RTCPeerConnectionState.CONNECTED
                   && "connected".equals(call("connectionState", id));
        }, "peer " + id + " connected (java: " + java.connectionState() + ")");
    }

    List<Object> received(String id, String label) {
        final Object received = call("received", id, label);
        return received == null ? List.of() : asList(received);
    }

    List<Object> channelEvents(String id, String label) {
        final Object events = call("channelEvents", id, label);
        return events == null ? List.of() : asList(events);
    }

    /** Waits, polling the page every few milliseconds, until {@code condition} holds. */
    static void await(BooleanSupplier condition, String what) {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what);
            }
            try {
                Thread.sleep(5); // the polling interval of the condition, not a wait for a protocol timer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static <T> T get(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Map<String, String> text(String data) {
        return Map.of("kind", "text", "data", data);
    }

    static Map<String, String> binary(byte[] data) {
        return Map.of("kind", "binary", "base64", java.util.Base64.getEncoder().encodeToString(data));
    }

    static List<Object> asList(Object o) {
        return new ArrayList<>((List<?>) o);
    }

    static void assertConnected(RTCPeerConnection java) {
        assertThat(java.connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
    }
}
