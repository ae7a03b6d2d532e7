package dev.remotemedia.rtc.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.Nullable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sans-I/O TURN client against a scripted server, on a fake clock: every datagram it sends is
 * decoded and answered here, and time only moves when a test moves it.
 */
class TurnClientTest {

    private static final InetSocketAddress SERVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 3478);
    private static final InetSocketAddress RELAYED = address("192.0.2.10", 50000);
    private static final InetSocketAddress MAPPED = address("198.51.100.7", 40000);
    private static final InetSocketAddress PEER = address("203.0.113.5", 6000);
    private static final String REALM = "example.org";
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long TIMEOUT = 3 * SECOND;
    private static final byte[] KEY = StunMessage.longTermKey("alice", REALM, "s3cret");

    private final TurnClient client = new TurnClient(SERVER, "turn:127.0.0.1:3478", "alice", "s3cret", TIMEOUT,
                                                     new Random(7));
    private long now = 1_000 * SECOND;
    /** The last request the client sent, as the server saw it. */
    private @Nullable StunMessage sentLast;

    @Test
    void answersThe401ChallengeWithTheLongTermCredentialAndReportsTheAllocation() {
        client.start(now);
        StunMessage first = sent();
        assertThat(first.method()).isEqualTo(StunMessage.METHOD_ALLOCATE);
        assertThat(first.has(StunMessage.ATTR_USERNAME)).isFalse();
        assertThat(first.uint32(StunMessage.ATTR_REQUESTED_TRANSPORT)).isEqualTo(17L << 24);

        input(error(first, 401, "Unauthorized").addText(StunMessage.ATTR_REALM, REALM)
                                               .addText(StunMessage.ATTR_NONCE, "nonce-1").build(null));
        StunMessage second = sent();
        assertThat(second.method()).isEqualTo(StunMessage.METHOD_ALLOCATE);
        assertThat(second.transactionId()).isNotEqualTo(first.transactionId());
        assertThat(second.text(StunMessage.ATTR_USERNAME)).isEqualTo("alice");
        assertThat(second.text(StunMessage.ATTR_REALM)).isEqualTo(REALM);
        assertThat(second.text(StunMessage.ATTR_NONCE)).isEqualTo("nonce-1");
        assertThat(second.hasValidIntegrity(KEY)).isTrue();
        assertThat(second.hasValidIntegrity(StunMessage.longTermKey("alice", REALM, "other"))).isFalse();

        input(success(second).addXorAddress(StunMessage.ATTR_XOR_RELAYED_ADDRESS, RELAYED)
                             .addXorAddress(StunMessage.ATTR_XOR_MAPPED_ADDRESS, MAPPED)
                             .addUint32(StunMessage.ATTR_LIFETIME, 600).build(KEY));

        assertThat(client.pollEvent()).isEqualTo(new TurnEvent.Allocated(RELAYED, MAPPED, 600));
        assertThat(client.state()).isEqualTo(TurnClient.State.ALLOCATED);
        assertThat(client.relayedAddress()).isEqualTo(RELAYED);
    }

    @Test
    void rejectedCredentialsFailTheAllocationWith401AndNeverShowThePassword() {
        client.start(now);
        challenge(sent(), "nonce-1");
        input(error(sent(), 401, "Unauthorized").addText(StunMessage.ATTR_REALM, REALM)
                                                .addText(StunMessage.ATTR_NONCE, "nonce-2").build(null));

        TurnEvent.Failed failed = (TurnEvent.Failed) client.pollEvent();
        assertThat(failed.errorCode()).isEqualTo(401);
        assertThat(failed.reason()).contains("turn:127.0.0.1:3478 rejected the credentials of user 'alice'")
                                   .doesNotContain("s3cret");
        assertThat(client.state()).isEqualTo(TurnClient.State.FAILED);
        assertThat(client.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aStaleNonceIsRetriedOnceWithTheNewNonce() {
        allocate(600);
        client.permit(PEER.getAddress(), now);
        StunMessage request = sent();
        assertThat(request.method()).isEqualTo(StunMessage.METHOD_CREATE_PERMISSION);
        assertThat(request.xorAddress(StunMessage.ATTR_XOR_PEER_ADDRESS).getAddress()).isEqualTo(PEER.getAddress());

        input(error(request, 438, "Stale Nonce").addText(StunMessage.ATTR_NONCE, "nonce-2").build(null));
        StunMessage retry = sent();
        assertThat(retry.method()).isEqualTo(StunMessage.METHOD_CREATE_PERMISSION);
        assertThat(retry.text(StunMessage.ATTR_NONCE)).isEqualTo("nonce-2");
        assertThat(retry.hasValidIntegrity(KEY)).isTrue();
        input(success(retry).build(KEY));

        assertThat(client.installedPermissionCount()).isEqualTo(1);
    }

    @Test
    void aSecondStaleNonceForTheSameAllocateFailsIt() {
        client.start(now);
        challenge(sent(), "nonce-1");
        input(error(sent(), 438, "Stale Nonce").addText(StunMessage.ATTR_NONCE, "nonce-2").build(null));
        input(error(sent(), 438, "Stale Nonce").addText(StunMessage.ATTR_NONCE, "nonce-3").build(null));

        assertThat(client.pollEvent()).isInstanceOfSatisfying(TurnEvent.Failed.class,
                                                              f -> assertThat(f.errorCode()).isEqualTo(438));
    }

    @Test
    void refreshesTheAllocationAMinuteBeforeItExpires() {
        allocate(600);
        long allocatedAt = now;
        assertThat(client.nextDeadlineNanos()).isEqualTo(allocatedAt + 540 * SECOND);

        client.advanceTime(allocatedAt + 539 * SECOND);
        assertThat(client.pollTransmit()).isNull();
        now = allocatedAt + 540 * SECOND;
        client.advanceTime(now);
        StunMessage refresh = sent();
        assertThat(refresh.method()).isEqualTo(StunMessage.METHOD_REFRESH);
        assertThat(refresh.uint32(StunMessage.ATTR_LIFETIME)).isEqualTo(600);
        assertThat(refresh.hasValidIntegrity(KEY)).isTrue();

        input(success(refresh).addUint32(StunMessage.ATTR_LIFETIME, 300).build(KEY));
        assertThat(client.nextDeadlineNanos()).isEqualTo(now + 240 * SECOND);
    }

    @Test
    void refreshesEachPermissionEveryFourMinutesBeforeItsFiveMinutesRunOut() {
        allocate(3600);
        client.permit(PEER.getAddress(), now);
        input(success(sent()).build(KEY));
        long installedAt = now;

        for (int round = 1; round <= 3; round++) {
            long due = installedAt + round * TurnPeers.PERMISSION_REFRESH_NANOS;
            assertThat(client.nextDeadlineNanos()).isEqualTo(due).isLessThan(due - TurnPeers.PERMISSION_REFRESH_NANOS
                                                                            + TimeUnit.MINUTES.toNanos(5));
            client.advanceTime(due - 1);
            assertThat(client.pollTransmit()).isNull();
            now = due;
            client.advanceTime(now);
            StunMessage refresh = sent();
            assertThat(refresh.method()).isEqualTo(StunMessage.METHOD_CREATE_PERMISSION);
            input(success(refresh).build(KEY));
        }
    }

    @Test
    void holdsDataUntilThePermissionThenSendsIndicationsThenChannelDataOnceBound() {
        allocate(600);
        byte[] payload = "hello peer".getBytes(StandardCharsets.UTF_8);
        assertThat(client.send(PEER, payload, 0, payload.length, now)).isTrue();
        StunMessage permission = sent();
        assertThat(permission.method()).isEqualTo(StunMessage.METHOD_CREATE_PERMISSION);
        assertThat(client.pollTransmit()).as("held until the permission is installed").isNull();

        input(success(permission).build(KEY));
        StunMessage indication = sent();
        assertThat(indication.method()).isEqualTo(StunMessage.METHOD_SEND);
        assertThat(indication.messageClass()).isEqualTo(StunPacket.CLASS_INDICATION);
        assertThat(indication.xorAddress(StunMessage.ATTR_XOR_PEER_ADDRESS)).isEqualTo(PEER);
        assertThat(indication.value(StunMessage.ATTR_DATA)).isEqualTo(payload);
        StunMessage bind = sent();
        assertThat(bind.method()).isEqualTo(StunMessage.METHOD_CHANNEL_BIND);
        assertThat(bind.uint32(StunMessage.ATTR_CHANNEL_NUMBER)).isEqualTo(0x4000L << 16);
        assertThat(bind.xorAddress(StunMessage.ATTR_XOR_PEER_ADDRESS)).isEqualTo(PEER);

        input(success(bind).build(KEY));
        assertThat(client.hasChannel(PEER)).isTrue();
        assertThat(client.send(PEER, payload, 0, payload.length, now)).isTrue();
        byte[] channelData = client.pollTransmit();
        assertThat(channelData).hasSize(4 + payload.length).startsWith(0x40, 0x00, 0x00, payload.length);

        byte[] fromPeer = {0x40, 0x00, 0x00, 0x03, 'a', 'b', 'c', 0};
        input(fromPeer);
        assertThat(client.pollEvent()).isInstanceOfSatisfying(TurnEvent.Data.class, d -> {
            assertThat(d.peer()).isEqualTo(PEER);
            assertThat(d.data()).containsExactly('a', 'b', 'c');
        });
        input(new StunMessage.Builder(StunMessage.METHOD_DATA, StunPacket.CLASS_INDICATION,
                                      StunPacket.TransactionId.random(new Random(1)))
                      .addXorAddress(StunMessage.ATTR_XOR_PEER_ADDRESS, PEER)
                      .add(StunMessage.ATTR_DATA, payload).build(null));
        assertThat(client.pollEvent()).isInstanceOfSatisfying(TurnEvent.Data.class,
                                                              d -> assertThat(d.data()).isEqualTo(payload));
    }

    @Test
    void refreshesChannelBindingsEveryFiveMinutes() {
        allocate(3600);
        client.permit(PEER.getAddress(), now);
        input(success(sent()).build(KEY));
        client.send(PEER, new byte[] {1}, 0, 1, now);
        sent(); // the Send indication
        input(success(sent()).build(KEY)); // ChannelBind
        long boundAt = now;

        now = boundAt + TurnPeers.CHANNEL_REFRESH_NANOS;
        client.advanceTime(now);
        StunMessage m;
        boolean rebound = false;
        while ((m = sentOrNull()) != null) {
            rebound |= m.method() == StunMessage.METHOD_CHANNEL_BIND;
        }
        assertThat(rebound).isTrue();
    }

    @Test
    void dropsAndCountsMalformedAndUnexpectedDatagramsWithoutChangingState() {
        client.start(now);
        challenge(sent(), "nonce-1");
        StunMessage allocate = sent();

        input(new byte[] {1, 2, 3});                                              // not STUN
        byte[] truncated = success(allocate).addXorAddress(StunMessage.ATTR_XOR_RELAYED_ADDRESS, RELAYED).build(KEY);
        truncated[3] += 4;                                                         // length past the datagram
        input(truncated);
        byte[] badAttribute = success(allocate).addXorAddress(StunMessage.ATTR_XOR_RELAYED_ADDRESS, RELAYED).build(KEY);
        badAttribute[StunPacket.HEADER_LENGTH + 3] = (byte) 200;                   // attribute overruns the message
        input(badAttribute);
        input(success(allocate).addXorAddress(StunMessage.ATTR_XOR_RELAYED_ADDRESS, RELAYED)
                               .build(StunMessage.longTermKey("alice", REALM, "forged")));  // wrong integrity
        input(success(allocate).addXorAddress(StunMessage.ATTR_XOR_RELAYED_ADDRESS, RELAYED).build(null));  // none
        input(success(allocate).build(KEY));                                       // no relayed address
        input(new byte[] {0x40, 0x00, 0x00, 0x10, 1, 2});                          // ChannelData shorter than said
        assertThat(client.malformedCount()).isEqualTo(7);

        input(new byte[] {0x40, 0x01, 0x00, 0x01, 9, 0, 0, 0});                    // unbound channel
        input(new StunMessage.Builder(StunMessage.METHOD_ALLOCATE, StunPacket.CLASS_SUCCESS_RESPONSE,
                                      StunPacket.TransactionId.random(new Random(3))).build(KEY)); // unknown transaction
        assertThat(client.unexpectedCount()).isEqualTo(2);

        assertThat(client.pollEvent()).isNull();
        assertThat(client.state()).isEqualTo(TurnClient.State.ALLOCATING);
        // The Allocate is still running and the genuine answer is taken.
        input(success(allocate).addXorAddress(StunMessage.ATTR_XOR_RELAYED_ADDRESS, RELAYED).build(KEY));
        assertThat(client.pollEvent()).isInstanceOf(TurnEvent.Allocated.class);
    }

    @Test
    void retransmitsTheAllocateAndFailsWith701WhenTheServerNeverAnswers() {
        client.start(now);
        long start = now;
        sent();
        assertThat(client.nextDeadlineNanos()).isEqualTo(start + TurnTransaction.FIRST_RTO_NANOS);
        client.advanceTime(start + TurnTransaction.FIRST_RTO_NANOS);
        assertThat(sent().method()).isEqualTo(StunMessage.METHOD_ALLOCATE);
        assertThat(client.nextDeadlineNanos()).isEqualTo(start + 3 * TurnTransaction.FIRST_RTO_NANOS); // RTO doubled
        client.advanceTime(start + 3 * TurnTransaction.FIRST_RTO_NANOS);
        sent();
        assertThat(client.nextDeadlineNanos()).isEqualTo(start + TIMEOUT); // the allocate timeout comes first

        client.advanceTime(start + TIMEOUT);

        assertThat(client.pollEvent()).isInstanceOfSatisfying(TurnEvent.Failed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(TurnClient.UNREACHABLE);
            assertThat(f.reason()).isEqualTo("turn:127.0.0.1:3478 did not answer the Allocate within 3000 ms");
        });
        assertThat(client.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anUnansweredRefreshIsSentSevenTimesOverThirtyNineAndAHalfSecondsThenTheAllocationIsLost() {
        allocate(600);
        now += 540 * SECOND;
        client.advanceTime(now);
        long start = now;
        assertThat(sent().method()).isEqualTo(StunMessage.METHOD_REFRESH);
        // RFC 8489 §6.2.1: at 0, 0.5, 1.5, 3.5, 7.5, 15.5 and 31.5 s, then 8 s (16 RTOs) of waiting.
        long[] retransmitMillis = {500, 1500, 3500, 7500, 15500, 31500};
        for (long at : retransmitMillis) {
            assertThat(client.nextDeadlineNanos()).isEqualTo(start + TimeUnit.MILLISECONDS.toNanos(at));
            now = client.nextDeadlineNanos();
            client.advanceTime(now);
            assertThat(sent().method()).isEqualTo(StunMessage.METHOD_REFRESH);
        }
        assertThat(client.nextDeadlineNanos()).isEqualTo(start + TimeUnit.MILLISECONDS.toNanos(39_500));
        client.advanceTime(client.nextDeadlineNanos());

        assertThat(client.pollTransmit()).isNull();
        assertThat(client.pollEvent()).isInstanceOfSatisfying(TurnEvent.Failed.class, f -> {
            assertThat(f.errorCode()).isEqualTo(TurnClient.UNREACHABLE);
            assertThat(f.reason()).contains("the allocation is lost");
        });
        assertThat(client.state()).isEqualTo(TurnClient.State.FAILED);
    }

    @Test
    void aRefusedChannelBindKeepsUsingSendIndicationsAndDoesNotAskAgain() {
        allocate(600);
        client.permit(PEER.getAddress(), now);
        input(success(sent()).build(KEY));
        client.send(PEER, new byte[] {1}, 0, 1, now);
        sent(); // the Send indication
        input(error(sent(), 508, "Insufficient Capacity").build(KEY));

        assertThat(client.send(PEER, new byte[] {2}, 0, 1, now)).isTrue();
        StunMessage next = sent();
        assertThat(next.method()).isEqualTo(StunMessage.METHOD_SEND);
        assertThat(next.value(StunMessage.ATTR_DATA)).containsExactly(2);
        assertThat(sentOrNull()).as("no second ChannelBind").isNull();
    }

    @Test
    void permissionsAskedForBeforeTheAllocationAreRequestedOnceItExists() {
        client.start(now);
        client.permit(PEER.getAddress(), now);
        challenge(sent(), "nonce-1");
        assertThat(sent().method()).isEqualTo(StunMessage.METHOD_ALLOCATE);
        assertThat(sentOrNull()).isNull();
        allocatedBy(sentLast);

        StunMessage permission = sent();
        assertThat(permission.method()).isEqualTo(StunMessage.METHOD_CREATE_PERMISSION);
        assertThat(permission.xorAddress(StunMessage.ATTR_XOR_PEER_ADDRESS).getAddress()).isEqualTo(PEER.getAddress());
    }

    @Test
    void closingDeallocatesWithARefreshOfLifetimeZero() {
        allocate(600);
        client.close(now);

        StunMessage refresh = sent();
        assertThat(refresh.method()).isEqualTo(StunMessage.METHOD_REFRESH);
        assertThat(refresh.uint32(StunMessage.ATTR_LIFETIME)).isZero();
        assertThat(refresh.hasValidIntegrity(KEY)).isTrue();
        assertThat(client.state()).isEqualTo(TurnClient.State.CLOSED);
        assertThat(client.send(PEER, new byte[1], 0, 1, now)).isFalse();
        assertThat(client.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    // ---- A scripted server ---------------------------------------------------------------------------

    private void allocate(long lifetimeSeconds) {
        client.start(now);
        challenge(sent(), "nonce-1");
        input(success(sent()).addXorAddress(StunMessage.ATTR_XOR_RELAYED_ADDRESS, RELAYED)
                             .addXorAddress(StunMessage.ATTR_XOR_MAPPED_ADDRESS, MAPPED)
                             .addUint32(StunMessage.ATTR_LIFETIME, lifetimeSeconds).build(KEY));
        assertThat(client.pollEvent()).isInstanceOf(TurnEvent.Allocated.class);
    }

    private void allocatedBy(StunMessage allocate) {
        input(success(allocate).addXorAddress(StunMessage.ATTR_XOR_RELAYED_ADDRESS, RELAYED)
                               .addUint32(StunMessage.ATTR_LIFETIME, 600).build(KEY));
        assertThat(client.pollEvent()).isInstanceOf(TurnEvent.Allocated.class);
    }

    private void challenge(StunMessage request, String nonce) {
        input(error(request, 401, "Unauthorized").addText(StunMessage.ATTR_REALM, REALM)
                                                 .addText(StunMessage.ATTR_NONCE, nonce).build(null));
    }

    private void input(byte[] datagram) {
        client.handleInput(datagram, 0, datagram.length, now);
    }

    private StunMessage sent() {
        StunMessage m = sentOrNull();
        assertThat(m).as("a datagram to the server").isNotNull();
        return m;
    }

    private @Nullable StunMessage sentOrNull() {
        byte[] d = client.pollTransmit();
        if (d == null) {
            return null;
        }
        StunMessage.Parsed parsed = StunMessage.parse(d, 0, d.length);
        assertThat(parsed).isInstanceOf(StunMessage.Ok.class);
        sentLast = ((StunMessage.Ok) parsed).message();
        return sentLast;
    }

    private static StunMessage.Builder success(StunMessage request) {
        return new StunMessage.Builder(request.method(), StunPacket.CLASS_SUCCESS_RESPONSE, request.transactionId());
    }

    private static StunMessage.Builder error(StunMessage request, int code, String reason) {
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[4 + reasonBytes.length];
        value[2] = (byte) (code / 100);
        value[3] = (byte) (code % 100);
        System.arraycopy(reasonBytes, 0, value, 4, reasonBytes.length);
        return new StunMessage.Builder(request.method(), StunPacket.CLASS_ERROR_RESPONSE, request.transactionId())
                .add(StunMessage.ATTR_ERROR_CODE, value);
    }

    private static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
