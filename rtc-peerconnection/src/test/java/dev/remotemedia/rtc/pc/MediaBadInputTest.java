package dev.remotemedia.rtc.pc;

import static dev.remotemedia.rtc.pc.LoopbackPeers.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.rtp.RtpPacket;
import dev.remotemedia.rtc.transport.srtp.SrtpSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile media input on a connected pair: each bad packet is dropped and counted in getStats, and
 * the connection goes on delivering good packets. The packets are made and protected with the
 * sender's real SRTP session and handed to the receiver's media part as the socket would.
 */
class MediaBadInputTest {
    private LoopbackPeers peers;
    private final List<RtpPacket> delivered = new ArrayList<>();
    private SrtpSession senderSrtp;
    private long senderSsrc;
    private int payloadType;
    private int sequenceNumber = 100;

    @BeforeEach
    void connect() {
        peers = new LoopbackPeers();
        final RTCRtpSender sender = peers.offerer.addTrack(MediaStreamTrack.audio(AudioTrackSource.create()));
        final CompletableFuture<RTCRtpReceiver> received = new CompletableFuture<>();
        peers.answerer.onTrack(event -> {
            event.receiver().addRtpListener(packet -> {
                synchronized (delivered) {
                    delivered.add(packet);
                }
            });
            received.complete(event.receiver());
        });
        peers.negotiate();
        get(received);
        Await.until(() -> peers.offerer.core().srtpSession != null
                                    && peers.answerer.core().srtpSession != null, "SRTP keys on both sides");
        senderSrtp = peers.offerer.core().srtpSession;
        senderSsrc = sender.ssrc();
        payloadType = sender.payloadType();
    }

    @AfterEach
    void close() {
        peers.close();
    }

    private byte[] rtp(long ssrc, int pt, byte[] payload) {
        return RtpPacket.builder().ssrc(ssrc).payloadType(pt).sequenceNumber(sequenceNumber++).timestamp(960L * sequenceNumber)
                        .payload(payload).build().toByteArray();
    }

    /** Protects {@code plain} with the sender's SRTP session, as it would go on the wire. */
    private byte[] protect(byte[] plain) {
        final byte[] buf = Arrays.copyOf(plain, plain.length + SrtpSession.MAX_OVERHEAD);
        final int length = senderSrtp.protectRtp(buf, 0, plain.length);
        assertThat(length).as("protect").isPositive();
        return Arrays.copyOf(buf, length);
    }

    private byte[] protectRtcp(byte[] plain) {
        final byte[] buf = Arrays.copyOf(plain, plain.length + SrtpSession.MAX_OVERHEAD);
        final int length = senderSrtp.protectRtcp(buf, 0, plain.length);
        assertThat(length).as("protect RTCP").isPositive();
        return Arrays.copyOf(buf, length);
    }

    /** Hands {@code datagram} to the receiving connection as its socket would, and waits for the loop. */
    private void inject(byte[] datagram) {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final byte[] copy = datagram.clone(); // decrypted in place, as a received datagram is
        peers.answerer.loop().post(() -> {
            peers.answerer.core().media().handleSrtp(copy, 0, copy.length);
            done.complete(null);
        });
        get(done);
    }

    private long transportStat(String member) {
        final RTCStatsReport report = get(peers.answerer.getStats());
        return report.ofType("transport").get(0).getLong(member, -1);
    }

    private int deliveredCount() {
        synchronized (delivered) {
            return delivered.size();
        }
    }

    @Test
    void eachBadPacketIsDroppedAndCountedAndGoodOnesStillArrive() {
        final byte[] good = protect(rtp(senderSsrc, payloadType, new byte[] {0x78, 1, 2, 3}));
        inject(good);
        assertThat(deliveredCount()).isEqualTo(1);
        assertThat(delivered.get(0).payload().copyToArray()).containsExactly(0x78, 1, 2, 3);

        inject(good); // replayed
        assertThat(transportStat("srtpReplaysDropped")).isEqualTo(1);

        final byte[] corrupt = protect(rtp(senderSsrc, payloadType, new byte[] {0x78, 4, 5, 6}));
        corrupt[corrupt.length - 3] ^= 0x40; // inside the authentication tag
        inject(corrupt);
        assertThat(transportStat("srtpAuthenticationFailures")).isEqualTo(1);

        inject(protect(rtp(senderSsrc, 96, new byte[] {0x78, 7})));
        assertThat(transportStat("rtpUnknownPayloadTypeDropped")).isEqualTo(1);

        inject(protect(rtp(0xDEAD_BEEFL, payloadType, new byte[] {0x78, 8})));
        assertThat(transportStat("rtpUnknownSsrcDropped")).isEqualTo(1);

        // A one-byte extension block (RFC 8285) whose only element claims 4 bytes but has 2: the block
        // length is right for SRTP, the element inside it is truncated.
        final byte[] truncated = rtp(senderSsrc, payloadType, new byte[] {0x78, 9});
        final byte[] withExtension = new byte[truncated.length + 8];
        System.arraycopy(truncated, 0, withExtension, 0, 12);
        withExtension[0] |= 0x10;
        withExtension[12] = (byte) 0xBE;
        withExtension[13] = (byte) 0xDE;
        withExtension[15] = 1; // one 32-bit word of elements
        withExtension[16] = 0x13; // id 1, length 4
        withExtension[17] = 1;
        withExtension[18] = 2;
        withExtension[19] = 3;
        System.arraycopy(truncated, 12, withExtension, 20, truncated.length - 12);
        inject(protect(withExtension));
        assertThat(transportStat("rtpMalformedDropped")).isEqualTo(1);

        // An SR whose length field says 28 bytes in a 12-byte packet.
        inject(protectRtcp(new byte[] {(byte) 0x80, (byte) 200, 0, 6, 1, 2, 3, 4, 0, 0, 0, 0}));
        assertThat(transportStat("rtcpMalformedDropped")).isEqualTo(1);

        inject(protect(rtp(senderSsrc, payloadType, new byte[] {0x78, 10})));
        assertThat(deliveredCount()).as("the good packets, and only them").isEqualTo(2);
        assertThat(peers.answerer.connectionState()).isEqualTo(RTCPeerConnectionState.CONNECTED);
    }

    @Test
    void packetsWrittenThroughTheSenderArriveWithTheirPayloadTimestampAndMarker() {
        final RTCRtpSender sender = peers.offerer.getSenders().get(0);
        for (int i = 0; i < 5; i++) {
            sender.writeRtp(RtpPacket.builder().sequenceNumber(500 + i).timestamp(48_000L + 960L * i).marker(i == 0)
                                     .payload(new byte[] {0x78, (byte) i}).build());
        }
        Await.until(() -> deliveredCount() == 5, "five packets");
        synchronized (delivered) {
            for (int i = 0; i < 5; i++) {
                final RtpPacket packet = delivered.get(i);
                assertThat(packet.sequenceNumber()).isEqualTo(500 + i);
                assertThat(packet.timestamp()).isEqualTo(48_000L + 960L * i);
                assertThat(packet.marker()).isEqualTo(i == 0);
                assertThat(packet.ssrc()).as("the sender's SSRC, whatever the caller set").isEqualTo(senderSsrc);
                assertThat(packet.payload().copyToArray()).containsExactly(0x78, i);
            }
        }
    }
}
