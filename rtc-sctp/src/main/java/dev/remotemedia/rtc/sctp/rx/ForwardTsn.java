package dev.remotemedia.rtc.sctp.rx;

import java.util.List;

/**
 * What a FORWARD TSN chunk says (<a href="https://www.rfc-editor.org/rfc/rfc3758#section-3.2">RFC
 * 3758 §3.2</a>), free of the wire format: {@code tx.RetransmissionQueue} computes it when messages
 * are abandoned, and {@link DataTracker} and {@link ReassemblyQueue} apply a received one.
 *
 * @param newCumulativeTsn the receiver moves its cumulative TSN ack point up to here, {@code
 *     0..4294967295}
 * @param skippedStreams per ordered stream, the largest SSN skipped; unordered messages need none
 */
public record ForwardTsn(long newCumulativeTsn, List<SkippedStream> skippedStreams) {

    /**
     * An ordered stream and the last SSN skipped on it.
     *
     * @param streamId {@code 0..65535}
     * @param ssn {@code 0..65535}
     */
    public record SkippedStream(int streamId, int ssn) {
        public SkippedStream {
            SelectiveAck.checkUint16("streamId", streamId);
            SelectiveAck.checkUint16("ssn", ssn);
        }
    }

    public ForwardTsn {
        SelectiveAck.checkUint32("newCumulativeTsn", newCumulativeTsn);
        skippedStreams = List.copyOf(skippedStreams);
    }
}
