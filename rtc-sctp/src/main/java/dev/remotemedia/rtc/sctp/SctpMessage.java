package dev.remotemedia.rtc.sctp;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * A user message: what {@link SctpSocket#send} takes and what a {@link
 * SctpEvent.MessageReceived} holds.
 *
 * <p>Ownership: {@code send} keeps a reference to {@code payload} until the message is
 * acknowledged, so the caller must not change the array after sending it (copy first if it will).
 *
 * @param streamId the SCTP stream, {@code 0..65535}
 * @param ppid the Payload Protocol Identifier, {@code 0..4294967295} (see {@code packet.Ppid})
 * @param payload the message bytes; SCTP cannot carry an empty message (RFC 9260 §3.3.1), which is
 *     why WebRTC sends empty ones as a single byte with PPID 56 or 57
 */
public record SctpMessage(int streamId, long ppid, byte[] payload) {

    public SctpMessage {
        if ((streamId & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("streamId: " + streamId + " (expected: 0..65535)");
        }
        if ((ppid & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("ppid: " + ppid + " (expected: 0..4294967295)");
        }
        requireNonNull(payload, "payload");
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof SctpMessage that && streamId == that.streamId && ppid == that.ppid
               && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return (streamId * 31 + Long.hashCode(ppid)) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "SctpMessage{streamId=" + streamId + ", ppid=" + ppid + ", " + payload.length + " bytes}";
    }
}
