package dev.remotemedia.rtc.sctp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.BigEndian;
import java.util.Random;

/**
 * Messages whose content can be checked on arrival: an 8-byte header (stream id, index) and bytes
 * derived from both, so a message that arrives corrupted, truncated, on the wrong stream or as
 * another one's copy is caught.
 */
final class TestMessages {

    static final int MAX_SIZE = 256 * 1024;

    private TestMessages() {}

    /** A size from 1 B to 256 KiB, mostly small, as data channel traffic is. */
    static int randomSize(Random random) {
        final int kind = random.nextInt(100);
        if (kind < 45) {
            return 1 + random.nextInt(100);
        } else if (kind < 80) {
            return 100 + random.nextInt(1_200);
        } else if (kind < 95) {
            return 1_200 + random.nextInt(64 * 1024);
        }
        return 64 * 1024 + random.nextInt(MAX_SIZE - 64 * 1024 + 1);
    }

    static byte[] payload(int streamId, int index, int size) {
        final byte[] bytes = new byte[size];
        long x = (streamId * 0x9E3779B97F4A7C15L) ^ (index * 0xC2B2AE3D27D4EB4FL) ^ size;
        for (int i = 0; i < size; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            bytes[i] = (byte) x;
        }
        if (size >= 8) {
            BigEndian.putUint32(bytes, 0, streamId);
            BigEndian.putUint32(bytes, 4, index);
        }
        return bytes;
    }

    /** Returns the index of a received message (at least 8 bytes), after checking its content. */
    static int check(SctpEvent.MessageReceived message) {
        final byte[] payload = message.payload();
        assertThat(payload.length).as("message length").isGreaterThanOrEqualTo(8);
        assertThat(BigEndian.getUint32(payload, 0)).as("stream in the payload").isEqualTo(message.streamId());
        final int index = (int) BigEndian.getUint32(payload, 4);
        assertThat(payload).as("content of message %d on stream %d", index, message.streamId())
                           .isEqualTo(payload(message.streamId(), index, payload.length));
        return index;
    }
}
