package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.transport.ice.IceConfig;
import dev.remotemedia.testing.ImpairingUdpRelay;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two peer connections in one JVM over real UDP on 127.0.0.1, each from its own factory (one ICE
 * socket each, as two processes would have), with signaling done in memory: offer, answer and
 * trickled candidates are handed across as a signaling server would.
 */
final class LoopbackPeers implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final PeerConnectionFactory offererFactory;
    final PeerConnectionFactory answererFactory;
    final RTCPeerConnection offerer;
    final RTCPeerConnection answerer;
    /** Every candidate the offerer signaled, end-of-candidates as "". */
    final List<String> offererCandidates = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    LoopbackPeers() {
        this(Duration.ofSeconds(10));
    }

    LoopbackPeers(Duration iceTimeout) {
        this(iceTimeout, UnaryOperator.identity());
    }

    /** With {@code factories} applied to both sides' factory builders (ICE servers, policy, …). */
    LoopbackPeers(Duration iceTimeout, UnaryOperator<PeerConnectionFactory.Builder> factories) {
        final IceConfig ice = IceConfig.builder()
                                       .hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                                       .iceTimeout(iceTimeout)
                                       .build();
        offererFactory = factories.apply(PeerConnectionFactory.builder().iceConfig(ice).eventLoops(1)).build();
        answererFactory = factories.apply(PeerConnectionFactory.builder().iceConfig(ice).eventLoops(1)).build();
        offerer = offererFactory.createPeerConnection();
        answerer = answererFactory.createPeerConnection();
        toAnswerer = new CandidateRelay(() -> answerer);
        toOfferer = new CandidateRelay(() -> offerer);
        offerer.onIceCandidate(c -> {
            offererCandidates.add(c.candidate());
            toAnswerer.relay(c);
        });
        answerer.onIceCandidate(toOfferer::relay);
    }

    /**
     * Holds trickled candidates until the receiving side has a remote description, as signaling
     * clients must (W3C: addIceCandidate before setRemoteDescription is an InvalidStateError).
     */
    private static final class CandidateRelay {
        private final java.util.function.Supplier<RTCPeerConnection> target;
        private final List<RTCIceCandidate> held = new java.util.ArrayList<>();
        private boolean open;

        CandidateRelay(java.util.function.Supplier<RTCPeerConnection> target) {
            this.target = target;
        }

        private volatile UnaryOperator<RTCIceCandidate> rewrite = UnaryOperator.identity();

        synchronized void relay(RTCIceCandidate original) {
            final RTCIceCandidate candidate = rewrite.apply(original);
            if (open) {
                target.get().addIceCandidate(candidate);
            } else {
                held.add(candidate);
            }
        }

        synchronized void open() {
            open = true;
            held.forEach(target.get()::addIceCandidate);
            held.clear();
        }
    }

    private final CandidateRelay toAnswerer;
    private final CandidateRelay toOfferer;

    /**
     * Rewrites the candidates each side signals before the other side gets them (to send the media
     * through a relay, say). Call before {@link #negotiate()}.
     */
    void rewriteCandidates(UnaryOperator<RTCIceCandidate> offerersToAnswerer, UnaryOperator<RTCIceCandidate> answerersToOfferer) {
        toAnswerer.rewrite = offerersToAnswerer;
        toOfferer.rewrite = answerersToOfferer;
    }

    /** Offer/answer, with {@code tamperAnswer} applied to the answer's SDP before the offerer sees it. */
    void negotiate(UnaryOperator<String> tamperAnswer) {
        final RTCSessionDescription answer = offerAndAnswer();
        applyAnswer(new RTCSessionDescription(answer.type(), tamperAnswer.apply(answer.sdp())));
    }

    /**
     * The first half of {@link #negotiate()}: the answerer applies the offer and its answer, and
     * gets the offerer's candidates; the answer is returned for {@link #applyAnswer}.
     */
    RTCSessionDescription offerAndAnswer() {
        final RTCSessionDescription offer = get(offerer.createOffer());
        get(offerer.setLocalDescription(offer));
        get(answerer.setRemoteDescription(offer));
        toAnswerer.open();
        final RTCSessionDescription answer = get(answerer.createAnswer());
        get(answerer.setLocalDescription(answer));
        return answer;
    }

    /** The second half of {@link #negotiate()}: the offerer applies the answer and gets the answerer's candidates. */
    void applyAnswer(RTCSessionDescription answer) {
        get(offerer.setRemoteDescription(answer));
        toOfferer.open();
    }

    void negotiate() {
        negotiate(UnaryOperator.identity());
    }

    static <T> T get(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        offererFactory.close();
        answererFactory.close();
        synchronized (relays) {
            relays.forEach(ImpairingUdpRelay::close);
        }
    }

    private static final Pattern HOST_PORT = Pattern.compile("(127\\.0\\.0\\.1) (\\d+) typ host");
    private final List<ImpairingUdpRelay> relays = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    /**
     * Sends every packet through an {@link ImpairingUdpRelay} in front of each host candidate
     * (made as the candidates are signaled; seeded from {@code seed}, the answerer's from
     * {@code seed + 100}); they impair from {@code impair(true)} on. Call before {@link #negotiate()}.
     *
     * @return the relays, filled as candidates are signaled; closed with these peers
     */
    List<ImpairingUdpRelay> throughRelays(double lossRate, double jitterMillis, long seed) {
        rewriteCandidates(c -> throughRelay(c, lossRate, jitterMillis, seed), c -> throughRelay(c, lossRate, jitterMillis, seed + 100));
        return relays;
    }

    private RTCIceCandidate throughRelay(RTCIceCandidate candidate, double lossRate, double jitterMillis, long seed) {
        final Matcher m = HOST_PORT.matcher(candidate.candidate());
        if (!m.find()) {
            return candidate;
        }
        final ImpairingUdpRelay relay = new ImpairingUdpRelay(Integer.parseInt(m.group(2)), lossRate, jitterMillis,
                                                              seed + relays.size());
        relays.add(relay);
        final String rewritten = m.replaceFirst(m.group(1) + " " + relay.port() + " typ host");
        return new RTCIceCandidate(rewritten, candidate.sdpMid(), candidate.sdpMLineIndex(), candidate.usernameFragment());
    }
}
