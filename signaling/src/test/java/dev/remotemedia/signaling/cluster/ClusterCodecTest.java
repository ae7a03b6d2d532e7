package dev.remotemedia.signaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.remotemedia.signaling.Answer;
import dev.remotemedia.signaling.IceCandidate;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.signaling.PeerInfo;
import dev.remotemedia.signaling.StateChange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClusterCodecTest {
    private final ClusterCodec codec = new ClusterCodec("c1");

    private static final List<ClusterMessage> MESSAGES = List.of(
            new ClusterMessage.PeerJoined(new PeerInfo("alice", List.of("data", "audio"),
                                                       JsonNodeFactory.instance.objectNode().put("k", "v"), "new"), 1234L),
            new ClusterMessage.PeerLeft("alice", "bye"),
            new ClusterMessage.Resync(),
            new ClusterMessage.RelayOffer(new Offer("alice", "bob", "v=0\r\n", true, "r1", "gain"), "rm-7"),
            new ClusterMessage.RelayOffer(new Offer("alice", "bob", "v=0\r\n", false, "r2"), null),
            new ClusterMessage.OfferResult("rm-7", "bob", new Answer("bob", "alice", "v=0\r\n", true, "r1"), 0, ""),
            new ClusterMessage.OfferResult("rm-8", "bob", null, -32008, "to: bob did not answer"),
            new ClusterMessage.RelayAnswer(new Answer("bob", "alice", "v=0\r\n", true, "")),
            new ClusterMessage.RelayIceCandidate(new IceCandidate("bob", "alice", "candidate:1 1 udp 1 127.0.0.1 9 typ host",
                                                                  0, "0", "uf")),
            new ClusterMessage.RelayStateChange(new StateChange("bob", "alice", "connected", null, null, null)),
            new ClusterMessage.RelayDisconnect("bob", "alice", "done"));

    @Test
    void every_message_survives_a_round_trip_with_its_sender_and_time() {
        for (ClusterMessage message : MESSAGES) {
            final ClusterCodec.Decoded decoded = codec.decode(codec.encode("node-1", 42L, message));
            assertThat(decoded.problem()).as(message.toString()).isNull();
            assertThat(decoded.envelope()).isEqualTo(new ClusterCodec.Envelope("node-1", 42L, message));
        }
    }

    @Test
    void messages_of_another_cluster_or_version_are_refused() {
        final String text = codec.encode("node-1", 1L, new ClusterMessage.Resync());
        assertThat(new ClusterCodec("c2").decode(text).problem()).contains("cluster c1 (expected: c2)");
        assertThat(codec.decode(text.replace("\"v\":1", "\"v\":2")).problem()).contains("version 2 (expected: 1)");
        assertThat(codec.decode(text.replace("\"node\":\"node-1\"", "\"node\":\"bad node!\"")).problem())
                .contains("node");
    }

    @Test
    void bad_bodies_are_problems_not_exceptions() {
        final String head = "{\"v\":1,\"cluster\":\"c1\",\"node\":\"n\",\"sent_at_ms\":1,";
        assertThat(codec.decode(head + "\"type\":\"offer\",\"body\":{\"from\":\"a\"}}").problem()).contains("offer");
        assertThat(codec.decode(head + "\"type\":\"offer_result\",\"body\":{\"relay_id\":\"r\",\"answerer\":\"b\","
                                + "\"error\":{\"code\":\"x\",\"message\":\"m\"}}}").problem()).contains("error.code");
        assertThat(codec.decode(head + "\"type\":\"peer_joined\",\"body\":{\"peer_id\":\"\"}}").problem())
                .contains("peer_id");
        assertThat(codec.decode(head + "\"type\":\"what\",\"body\":{}}").problem()).contains("unknown");
        assertThat(codec.decode(head + "\"type\":\"resync\",\"body\":[]}").problem()).contains("body");
        assertThat(codec.decode("x".repeat(ClusterCodec.MAX_MESSAGE_CHARS + 1)).problem()).contains("at most");
        assertThat(codec.decode("[".repeat(5_000)).problem()).isEqualTo("not JSON");
        assertThat(codec.decode(null).problem()).isEqualTo("empty message");
    }

    @Test
    void mutated_messages_never_throw() {
        final Random random = new Random(15);
        for (ClusterMessage message : MESSAGES) {
            final byte[] valid = codec.encode("node-1", 42L, message).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 2_000; i++) {
                final byte[] mutated = valid.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(128);
                }
                final ClusterCodec.Decoded decoded = codec.decode(new String(mutated, StandardCharsets.UTF_8));
                assertThat(decoded.envelope() == null).isNotEqualTo(decoded.problem() == null);
            }
        }
    }
}
