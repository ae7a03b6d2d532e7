package dev.remotemedia.rtc.sctp.rx;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;

/**
 * A received DATA chunk as {@link ReassemblyQueue} needs it (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.1">RFC 9260 §3.3.1</a>). The queue
 * copies the payload, so the view may point into a receive buffer that is reused afterwards.
 *
 * @param tsn {@code 0..4294967295}
 * @param streamId {@code 0..65535}
 * @param ssn {@code 0..65535}; ignored when {@code unordered}
 * @param ppid the payload protocol identifier, {@code 0..4294967295}
 * @param payload the user data of this fragment
 * @param beginning the B bit: the first fragment of a message
 * @param ending the E bit: the last fragment of a message
 * @param unordered the U bit
 */
public record DataFragment(long tsn, int streamId, int ssn, long ppid, ByteView payload,
                           boolean beginning, boolean ending, boolean unordered) {

    public DataFragment {
        SelectiveAck.checkUint32("tsn", tsn);
        SelectiveAck.checkUint16("streamId", streamId);
        SelectiveAck.checkUint16("ssn", ssn);
        SelectiveAck.checkUint32("ppid", ppid);
        requireNonNull(payload, "payload");
    }
}
