package dev.remotemedia.rtc.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the pipe packs the records BC writes into datagrams, driven here as BC would drive it. */
class DatagramPipeTest {

    private final List<byte[]> sent = new ArrayList<>();
    private final DatagramPipe pipe =
            new DatagramPipe((buf, off, len) -> sent.add(Arrays.copyOfRange(buf, off, off + len)), 256);

    @Test
    void aFlightsRecordsLeaveInOneDatagramWhenBcWaitsForThePeer() throws Exception {
        pipe.send(record(1, 100), 0, 100);
        pipe.send(record(2, 50), 0, 50);
        pipe.send(record(3, 20), 0, 20);
        assertThat(sent).isEmpty();
        pipe.offer(new byte[] {9}, 0, 1);

        final int n = pipe.receive(new byte[256], 0, 256, 50);

        assertThat(n).isEqualTo(1);
        assertThat(sent).containsExactly(concat(record(1, 100), record(2, 50), record(3, 20)));
    }

    @Test
    void aRecordThatWouldPassTheMtuStartsTheNextDatagram() {
        pipe.send(record(1, 200), 0, 200);
        pipe.send(record(2, 100), 0, 100);
        pipe.send(record(3, 156), 0, 156);

        pipe.flush();

        assertThat(sent).containsExactly(record(1, 200), concat(record(2, 100), record(3, 156)));
    }

    @Test
    void bcClosingThePipeSendsItsLastRecordFirst() {
        pipe.send(record(21, 15), 0, 15); // a fatal alert, then BC closes its transport

        pipe.close();
        pipe.send(record(1, 10), 0, 10);
        pipe.flush();

        assertThat(sent).containsExactly(record(21, 15));
    }

    @Test
    void shutdownByTheLoopDropsAFlightNotYetSent() {
        pipe.send(record(1, 100), 0, 100);

        pipe.shutdown();
        pipe.flush();

        assertThat(sent).isEmpty();
    }

    @Test
    void afterTheHandshakeEachRecordLeavesAtOnce() {
        pipe.switchToInline();

        pipe.send(record(23, 1000), 0, 1000);
        pipe.send(record(23, 10), 0, 10);

        assertThat(sent).containsExactly(record(23, 1000), record(23, 10));
    }

    @Test
    void afterTheHandshakeBcIsAskedForABufferOfTheStashedDatagramOnly() throws Exception {
        assertThat(pipe.getReceiveLimit()).as("handshake: any record").isEqualTo(DatagramPipe.MAX_RECORD_DATAGRAM);
        pipe.switchToInline();
        final byte[] datagram = record(23, 300);

        pipe.stash(datagram, 100, 120);

        assertThat(pipe.getReceiveLimit()).isEqualTo(120);
        final byte[] buf = new byte[pipe.getReceiveLimit()];
        assertThat(pipe.receive(buf, 0, buf.length, 1000)).isEqualTo(120);
        assertThat(buf).isEqualTo(record(23, 120));
        assertThat(pipe.getReceiveLimit()).as("nothing stashed: the read only says would-block").isEqualTo(1);
    }

    /** A stand-in record: {@code length} bytes of {@code type}. */
    private static byte[] record(int type, int length) {
        final byte[] record = new byte[length];
        Arrays.fill(record, (byte) type);
        return record;
    }

    private static byte[] concat(byte[]... parts) {
        final byte[] all = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int off = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, off, part.length);
            off += part.length;
        }
        return all;
    }
}
