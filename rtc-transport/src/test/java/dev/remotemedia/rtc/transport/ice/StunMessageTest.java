package dev.remotemedia.rtc.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The TURN client's STUN messages: round trips, and responses captured from coturn 4.6.1. */
class StunMessageTest {

    private static final byte[] KEY = StunMessage.longTermKey("alice", "example.org", "s3cret");

    /** coturn's answer to an Allocate without credentials: 401, NONCE, REALM "test". */
    private static final byte[] COTURN_401 = HexFormat.of().parseHex(
            "011300302112a4420102030405060708090a0b0c0009001000000401556e617574686f72697a6564001500106439"
            + "31363532333761633132336533370014000474657374");

    /**
     * coturn's answer to the same Allocate with USERNAME "alice", REALM, NONCE and MESSAGE-INTEGRITY
     * (password "s3cret"): XOR-RELAYED-ADDRESS, XOR-MAPPED-ADDRESS, LIFETIME 600, MESSAGE-INTEGRITY.
     */
    private static final byte[] COTURN_ALLOCATE_SUCCESS = HexFormat.of().parseHex(
            "010300382112a44215161718191a1b1c1d1e1f20001600080001e62e5e12a443002000080001b5ae5e12a44300"
            + "0d000400000258000800146678ec2d7755d77a0e907fa6c37dd61013ac2036");

    @Test
    void readsCoturnsChallenge() {
        StunMessage m = parse(COTURN_401);
        assertThat(m.method()).isEqualTo(StunMessage.METHOD_ALLOCATE);
        assertThat(m.messageClass()).isEqualTo(StunPacket.CLASS_ERROR_RESPONSE);
        assertThat(m.errorCode()).isEqualTo(401);
        assertThat(m.errorReason()).isEqualTo("Unauthorized");
        assertThat(m.text(StunMessage.ATTR_REALM)).isEqualTo("test");
        assertThat(m.text(StunMessage.ATTR_NONCE)).isEqualTo("d9165237ac123e37");
    }

    @Test
    void readsAndAuthenticatesCoturnsAllocation() throws Exception {
        StunMessage m = parse(COTURN_ALLOCATE_SUCCESS);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertThat(m.messageClass()).isEqualTo(StunPacket.CLASS_SUCCESS_RESPONSE);
        assertThat(m.xorAddress(StunMessage.ATTR_XOR_RELAYED_ADDRESS)).isEqualTo(new InetSocketAddress(loopback, 51004));
        assertThat(m.xorAddress(StunMessage.ATTR_XOR_MAPPED_ADDRESS)).isEqualTo(new InetSocketAddress(loopback, 38076));
        assertThat(m.uint32(StunMessage.ATTR_LIFETIME)).isEqualTo(600);
        assertThat(m.hasValidIntegrity(StunMessage.longTermKey("alice", "test", "s3cret"))).isTrue();
        assertThat(m.hasValidIntegrity(StunMessage.longTermKey("alice", "test", "s3creT"))).isFalse();
    }

    @Test
    void refusesTruncatedAndOverrunningMessagesSayingWhy() {
        assertThat(StunMessage.parse(COTURN_401, 0, COTURN_401.length - 4))
                .isEqualTo(new StunMessage.Invalid("not a STUN message (header, magic cookie or length)"));
        byte[] overrun = COTURN_401.clone();
        overrun[23] = 100; // ERROR-CODE's length
        assertThat(StunMessage.parse(overrun, 0, overrun.length))
                .isEqualTo(new StunMessage.Invalid("attribute 0x9 at byte 20: length 100 overruns the message"));
    }

    @Test
    void roundTripsWithItsAttributes() {
        StunPacket.TransactionId id = StunPacket.TransactionId.random(new Random(5));
        InetSocketAddress v6 = address("2001:db8::1", 443);
        byte[] bytes = new StunMessage.Builder(StunMessage.METHOD_CHANNEL_BIND, StunPacket.CLASS_ERROR_RESPONSE, id)
                .addXorAddress(StunMessage.ATTR_XOR_PEER_ADDRESS, v6)
                .add(StunMessage.ATTR_ERROR_CODE, new byte[] {0, 0, 4, 38, 'S', 't', 'a', 'l', 'e'})
                .addText(StunMessage.ATTR_NONCE, "abc")
                .build(KEY);

        StunMessage m = ((StunMessage.Ok) StunMessage.parse(bytes, 0, bytes.length)).message();
        assertThat(m.method()).isEqualTo(StunMessage.METHOD_CHANNEL_BIND);
        assertThat(m.messageClass()).isEqualTo(StunPacket.CLASS_ERROR_RESPONSE);
        assertThat(m.transactionId()).isEqualTo(id);
        assertThat(m.xorAddress(StunMessage.ATTR_XOR_PEER_ADDRESS)).isEqualTo(v6);
        assertThat(m.errorCode()).isEqualTo(438);
        assertThat(m.errorReason()).isEqualTo("Stale");
        assertThat(m.text(StunMessage.ATTR_NONCE)).isEqualTo("abc");
        assertThat(m.hasValidIntegrity(KEY)).isTrue();
    }

    private static StunMessage parse(byte[] bytes) {
        StunMessage.Parsed parsed = StunMessage.parse(bytes, 0, bytes.length);
        assertThat(parsed).isInstanceOf(StunMessage.Ok.class);
        return ((StunMessage.Ok) parsed).message();
    }

    private static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
