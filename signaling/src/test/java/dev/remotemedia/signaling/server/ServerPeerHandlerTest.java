package dev.remotemedia.signaling.server;

import static dev.remotemedia.signaling.server.Rpc.notification;
import static dev.remotemedia.signaling.server.Rpc.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.StateChange;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Offers to {@code remotemedia-server} go to the installed {@link ServerPeerHandler}. */
class ServerPeerHandlerTest {

    /** Records what it is given and answers with {@code answer}. */
    private static final class RecordingHandler implements ServerPeerHandler {
        final BlockingQueue<Object> calls = new LinkedBlockingQueue<>();
        final BiFunction<Offer, ServerPeerSignals, CompletableFuture<Answer>> answer;

        RecordingHandler(BiFunction<Offer, ServerPeerSignals, CompletableFuture<Answer>> answer) {
            this.answer = answer;
        }

        @Override
        public CompletableFuture<Answer> offer(Offer offer, ServerPeerSignals signals) {
            calls.add(offer);
            return answer.apply(offer, signals);
        }

        @Override
        public void iceCandidate(IceCandidate candidate) {
            calls.add(candidate);
        }

        @Override
        public void stateChanged(StateChange change) {
            calls.add(change);
        }

        @Override
        public void disconnect(String peerId, String reason) {
            calls.add("disconnect " + peerId + ": " + reason);
        }

        Object next() throws InterruptedException {
            final Object call = calls.poll(10, TimeUnit.SECONDS);
            assertThat(call).as("a handler call within 10 s").isNotNull();
            return call;
        }
    }

    @Test
    void theHandlerAnswersTakesCandidatesAndStatesAndSignalsBack() throws Exception {
        final RecordingHandler handler = new RecordingHandler((offer, signals) -> {
            signals.iceCandidate(new IceCandidate("remotemedia-server", offer.from(),
                                                  "candidate:9 1 udp 1 127.0.0.1 10000 typ host", 0, "0", null));
            return CompletableFuture.completedFuture(Answer.to(offer, "v=0\r\no=server\r\n", true));
        });
        try (SignalingTestServer server = SignalingTestServer.start(b -> b.serverPeerHandler(handler));
             RawClient a = RawClient.announced(server.port(), "a")) {
            final JsonNode reply = a.call(request("1", "peer.offer", Rpc.offer("a", "remotemedia-server", "s1")));
            assertThat(reply.at("/result/sdp").asText()).isEqualTo("v=0\r\no=server\r\n");
            assertThat(reply.at("/result/request_id").asText()).isEqualTo("s1");
            assertThat(((Offer) handler.next()).sdp()).startsWith("v=0");
            final JsonNode candidate = a.nextNotification("peer.ice_candidate");
            assertThat(candidate.at("/params/from").asText()).isEqualTo("remotemedia-server");
            assertThat(candidate.at("/params/candidate").asText()).startsWith("candidate:9");

            a.send(notification("peer.ice_candidate", Rpc.candidate("a", "remotemedia-server", "")));
            assertThat(((IceCandidate) handler.next()).isEndOfCandidates()).isTrue();
            a.send(notification("peer.state_changed",
                                "{\"from\":\"a\",\"to\":\"remotemedia-server\",\"connection_state\":\"connected\"}"));
            assertThat(((StateChange) handler.next()).connectionState()).isEqualTo("connected");
            assertThat(a.call(request("2", "peer.disconnect", "{\"from\":\"a\",\"to\":\"remotemedia-server\","
                                                               + "\"reason\":\"done\"}")).at("/result/status").asText())
                    .isEqualTo("delivered");
            assertThat(handler.next()).isEqualTo("disconnect a: done");
            a.close();
            assertThat(handler.next()).isEqualTo("disconnect a: connection closed");
        }
    }

    @Test
    void aHandlerThatBreaksIsMinus32603WithNoDetail() {
        final RecordingHandler handler = new RecordingHandler((offer, signals) -> {
            throw new IllegalStateException("secret internal state 0xdeadbeef");
        });
        try (SignalingTestServer server = SignalingTestServer.start(b -> b.serverPeerHandler(handler));
             RawClient a = RawClient.announced(server.port(), "a")) {
            final JsonNode reply = a.call(request("1", "peer.offer", Rpc.offer("a", "remotemedia-server", "s1")));
            assertThat(reply.at("/error/code").asInt()).isEqualTo(-32603);
            assertThat(reply.at("/error/message").asText()).isEqualTo("internal error while handling peer.offer")
                                                          .doesNotContain("deadbeef");
            final JsonNode failedLater = a.call(request("2", "peer.offer", Rpc.offer("a", "remotemedia-server", "s2")));
            assertThat(failedLater.at("/error/code").asInt()).isEqualTo(-32603);
            a.assertNothingPendingAfterRoundTrip();
        }
    }

    @Test
    void aHandlersRemoteMediaErrorKeepsItsCodeAndASlowOneTimesOut() {
        final RecordingHandler handler = new RecordingHandler((offer, signals) -> "refuse".equals(offer.requestId())
                ? CompletableFuture.failedFuture(new RemoteMediaException(ErrorCode.OFFER_INVALID, "no audio section"))
                : new CompletableFuture<>());
        try (SignalingTestServer server = SignalingTestServer.start(
                b -> b.serverPeerHandler(handler).relayTimeout(Duration.ofMillis(200)));
             RawClient a = RawClient.announced(server.port(), "a")) {
            final JsonNode refused = a.call(request("1", "peer.offer", Rpc.offer("a", "remotemedia-server", "refuse")));
            assertThat(refused.at("/error/code").asInt()).isEqualTo(-32002);
            assertThat(refused.at("/error/message").asText()).isEqualTo("no audio section");
            final JsonNode slow = a.call(request("2", "peer.offer", Rpc.offer("a", "remotemedia-server", "slow")));
            assertThat(slow.at("/error/code").asInt()).isEqualTo(-32008);
        }
    }

    @Test
    void theOffersPipelineReachesTheHandlerAndAnUnknownOneIsMinus32602() throws Exception {
        final RecordingHandler handler = new RecordingHandler((offer, signals) -> "nope".equals(offer.pipeline())
                ? CompletableFuture.failedFuture(new RemoteMediaException(
                        ErrorCode.INVALID_PARAMS, "pipeline: 'nope' is not served here (expected one of: loopback)"))
                : CompletableFuture.completedFuture(Answer.to(offer, "v=0\r\n", true)));
        try (SignalingTestServer server = SignalingTestServer.start(b -> b.serverPeerHandler(handler));
             RawClient a = RawClient.announced(server.port(), "a")) {
            final String withPipeline = Rpc.offer("a", "remotemedia-server", "s1").replace("}", ",\"pipeline\":\"loopback\"}");
            assertThat(a.call(request("1", "peer.offer", withPipeline)).at("/result/sdp").asText()).isEqualTo("v=0\r\n");
            assertThat(((Offer) handler.next()).pipeline()).isEqualTo("loopback");

            final String unknown = Rpc.offer("a", "remotemedia-server", "s2").replace("}", ",\"pipeline\":\"nope\"}");
            final JsonNode refused = a.call(request("2", "peer.offer", unknown));
            assertThat(refused.at("/error/code").asInt()).isEqualTo(-32602);
            assertThat(refused.at("/error/message").asText()).contains("expected one of: loopback");
        }
    }
}
