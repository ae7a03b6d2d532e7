package dev.remotemedia.rtc.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.transport.ice.StunPacket.TransactionId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Against the test vectors of RFC 5769, captured bytes of real STUN messages. */
class StunPacketTest {

    /** RFC 5769 §2.1: a Binding request with USERNAME "evtj:h6vY". */
    private static final byte[] SAMPLE_REQUEST = hex(
            "000100582112a442b7e7a701bc34d686fa87dfae802200105354554e207465737420766563746f72"
            + "002400046e0001ff80290008932ff9b151263b36000600096576746a3a683676592020200008001"
            + "49aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a280280004e57a3bcf");
    /** RFC 5769 §2.2: a Binding success response mapping to 192.0.2.1:32853. */
    private static final byte[] SAMPLE_IPV4_RESPONSE = hex(
            "0101003c2112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563746f7220002000080001"
            + "a147e112a643000800142b91f599fd9e90c38c7489f92af9ba53f06be7d780280004c07d4c96");
    /** RFC 5769 §2.3: a Binding success response mapping to [2001:db8:1234:5678:11:2233:4455:6677]:32853. */
    private static final byte[] SAMPLE_IPV6_RESPONSE = hex(
            "010100482112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563746f7220002000140002"
            + "a1470113a9faa5d3f179bc25f4b5bed2b9d900080014a382954e4be67bf11784c97c8292c275bfe3ed41"
            + "80280004c8fb0b4c");

    @Test
    void recognizesStunAndNothingElse() {
        assertThat(StunPacket.isStun(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length)).isTrue();
        assertThat(StunPacket.isStun(SAMPLE_IPV4_RESPONSE, 0, SAMPLE_IPV4_RESPONSE.length)).isTrue();

        byte[] dtls = hex("16fefd000000000000000000010000");
        assertThat(StunPacket.isStun(dtls, 0, dtls.length)).isFalse();
        assertThat(StunPacket.isStun(SAMPLE_REQUEST, 0, 19)).isFalse();
        byte[] badCookie = SAMPLE_REQUEST.clone();
        badCookie[4] = 0;
        assertThat(StunPacket.isStun(badCookie, 0, badCookie.length)).isFalse();
        // The length field says more than the datagram holds.
        assertThat(StunPacket.isStun(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length - 4)).isFalse();
    }

    @Test
    void readsClassMethodAndTransactionId() {
        assertThat(StunPacket.messageClass(SAMPLE_REQUEST, 0)).isEqualTo(StunPacket.CLASS_REQUEST);
        assertThat(StunPacket.messageClass(SAMPLE_IPV4_RESPONSE, 0)).isEqualTo(StunPacket.CLASS_SUCCESS_RESPONSE);
        assertThat(StunPacket.method(SAMPLE_REQUEST, 0)).isEqualTo(StunPacket.METHOD_BINDING);
        assertThat(StunPacket.transactionId(SAMPLE_REQUEST, 0))
                .isEqualTo(StunPacket.transactionId(SAMPLE_IPV4_RESPONSE, 0))
                .isEqualTo(new TransactionId(0xb7e7a701, 0xbc34d686fa87dfaeL));
    }

    @Test
    void findsTheRecipientUfragInUsername() {
        assertThat(StunPacket.recipientUfrag(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length)).isEqualTo("evtj");
        assertThat(StunPacket.recipientUfrag(SAMPLE_IPV4_RESPONSE, 0, SAMPLE_IPV4_RESPONSE.length)).isNull();
    }

    @Test
    void decodesXorMappedAddresses() throws Exception {
        assertThat(StunPacket.mappedAddress(SAMPLE_IPV4_RESPONSE, 0, SAMPLE_IPV4_RESPONSE.length))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853));
        assertThat(StunPacket.mappedAddress(SAMPLE_IPV6_RESPONSE, 0, SAMPLE_IPV6_RESPONSE.length))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853));
    }

    @Test
    void returnsNullForAnAttributeThatOverrunsTheMessage() {
        byte[] truncated = SAMPLE_REQUEST.clone();
        truncated[truncated.length - 6] = 0x7f; // FINGERPRINT claims 0x7f04 bytes
        assertThat(StunPacket.isStun(truncated, 0, truncated.length)).isTrue();
        assertThat(StunPacket.mappedAddress(truncated, 0, truncated.length)).isNull();
        assertThat(StunPacket.recipientUfrag(truncated, 0, truncated.length)).isEqualTo("evtj");
    }

    @Test
    void writesABindingRequestThatReadsBack() {
        TransactionId id = TransactionId.random(new Random(7));
        byte[] request = StunPacket.bindingRequest(id);

        assertThat(request).hasSize(20);
        assertThat(StunPacket.isStun(request, 0, request.length)).isTrue();
        assertThat(StunPacket.messageClass(request, 0)).isEqualTo(StunPacket.CLASS_REQUEST);
        assertThat(StunPacket.method(request, 0)).isEqualTo(StunPacket.METHOD_BINDING);
        assertThat(StunPacket.transactionId(request, 0)).isEqualTo(id);
        assertThat(StunPacket.recipientUfrag(request, 0, request.length)).isNull();
    }

    @Test
    void readsAtAnOffset() {
        byte[] shifted = new byte[SAMPLE_IPV4_RESPONSE.length + 3];
        System.arraycopy(SAMPLE_IPV4_RESPONSE, 0, shifted, 3, SAMPLE_IPV4_RESPONSE.length);

        assertThat(StunPacket.isStun(shifted, 3, SAMPLE_IPV4_RESPONSE.length)).isTrue();
        assertThat(StunPacket.mappedAddress(shifted, 3, SAMPLE_IPV4_RESPONSE.length))
                .isEqualTo(StunPacket.mappedAddress(SAMPLE_IPV4_RESPONSE, 0, SAMPLE_IPV4_RESPONSE.length));
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
