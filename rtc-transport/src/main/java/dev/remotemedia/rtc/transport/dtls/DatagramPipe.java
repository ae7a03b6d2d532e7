package dev.remotemedia.rtc.transport.dtls;

import dev.remotemedia.rtc.common.Nullable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DatagramTransport} Bouncy Castle runs DTLS over, fed by the socket layer instead of
 * owning a socket. It has two modes:
 *
 * <ul>
 *   <li><b>Handshake</b>: BC's blocking handshake thread reads a bounded queue that the loop fills
 *       ({@link #offer}); a read returns as soon as a datagram is there and times out so BC can
 *       retransmit its flight. The records BC writes are packed into as few datagrams as the MTU
 *       allows and sent when BC starts to wait for the peer: one datagram per flight.</li>
 *   <li><b>Inline</b> (after the handshake): the loop {@link #stash}es one datagram and calls BC's
 *       {@code DTLSTransport.receive}, which reads it back here on the same thread. When BC asks for
 *       more, {@link #WOULD_BLOCK} ends its read loop at once: BC passes an {@link
 *       InterruptedIOException} through without failing the connection. So records are decrypted
 *       on the loop and no reader thread is needed.</li>
 * </ul>
 *
 * <p>Datagrams go to the socket layer's sender from whichever thread BC runs on (the handshake
 * thread, then the loop). A sender that throws loses that datagram, as a UDP socket would; it
 * never fails the connection.
 */
final class DatagramPipe implements DatagramTransport {

    private static final Logger logger = LoggerFactory.getLogger(DatagramPipe.class);

    /** The largest DTLS 1.2 record plaintext (RFC 6347 §4.1 and RFC 5246 §6.2.1). */
    static final int MAX_PLAINTEXT = 1 << 14;
    /** A datagram holding one record of {@link #MAX_PLAINTEXT} bytes with AEAD expansion to spare. */
    static final int MAX_RECORD_DATAGRAM = MAX_PLAINTEXT + 13 + 256;
    /** How many datagrams may wait for the handshake thread; more are dropped, as by a full socket buffer. */
    static final int HANDSHAKE_QUEUE_CAPACITY = 64;

    /** Tells BC's inline read loop that nothing more is here. No stack trace: it is control flow. */
    static final InterruptedIOException WOULD_BLOCK = new InterruptedIOException("no datagram pending") {
        private static final long serialVersionUID = 1L;

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    };

    private static final byte[] CLOSE_SIGNAL = new byte[0];

    private final BlockingQueue<byte[]> handshakeQueue = new ArrayBlockingQueue<>(HANDSHAKE_QUEUE_CAPACITY);
    private final DtlsTransport.DatagramSender sender;
    private final int handshakeMtu;
    private volatile boolean inline;
    private volatile boolean closed;

    // Handshake mode only, touched by the handshake thread alone: the records of the flight being
    // written, packed into one datagram of up to handshakeMtu bytes.
    private final byte[] flight;
    private int flightLength;

    // Inline mode only, touched by the loop alone.
    private byte @Nullable [] stashBuf;
    private int stashOff;
    private int stashLen;

    DatagramPipe(DtlsTransport.DatagramSender sender, int handshakeMtu) {
        this.sender = sender;
        this.handshakeMtu = handshakeMtu;
        flight = new byte[handshakeMtu];
    }

    /** Queues a copy of a datagram for the handshake thread; false if the queue is full or closed. */
    boolean offer(byte[] buf, int off, int len) {
        if (closed) {
            return false;
        }
        final byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        return handshakeQueue.offer(copy);
    }

    /** Takes a datagram the handshake thread left unread, or null. Loop only, after the handshake. */
    byte @Nullable [] pollLeftover() {
        final byte[] datagram = handshakeQueue.poll();
        return datagram == CLOSE_SIGNAL ? null : datagram;
    }

    /** Switches to inline mode; called on the loop once the handshake thread has finished. */
    void switchToInline() {
        inline = true;
    }

    /** Makes {@code buf[off..off+len)} the datagram BC's next inline read returns. Loop only. */
    void stash(byte[] buf, int off, int len) {
        stashBuf = buf;
        stashOff = off;
        stashLen = len;
    }

    /** Forgets the stashed datagram so the pipe keeps no reference to the caller's buffer. */
    void clearStash() {
        stashBuf = null;
    }

    /**
     * The size of the buffer BC allocates for each read. Inline, that is the stashed datagram's
     * length: BC allocates (and zeroes) a new buffer of this size on every {@code receive}, and a
     * 16 KiB one per datagram was the largest cost of the receiving side (see docs/BENCHMARKS.md).
     * With nothing stashed the read only says {@link #WOULD_BLOCK}, so one byte will do.
     */
    @Override
    public int getReceiveLimit() {
        if (inline) {
            return stashBuf != null ? Math.max(1, stashLen) : 1;
        }
        return MAX_RECORD_DATAGRAM;
    }

    /** The path MTU while handshake flights are fragmented; a whole record afterwards. */
    @Override
    public int getSendLimit() {
        return inline ? MAX_RECORD_DATAGRAM : handshakeMtu;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (inline) {
            final byte[] stashed = stashBuf;
            if (stashed == null || closed) {
                throw WOULD_BLOCK;
            }
            stashBuf = null;
            final int n = Math.min(len, stashLen);
            System.arraycopy(stashed, stashOff, buf, off, n);
            return n;
        }
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        flush(); // BC waits for the peer: its flight is complete
        final byte[] datagram;
        try {
            // BC's DatagramTransport contract: a wait of 0 means no limit.
            datagram = waitMillis == 0 ? handshakeQueue.take()
                                       : handshakeQueue.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("DTLS handshake interrupted");
        }
        if (datagram == null) {
            return -1; // timed out: BC retransmits its last flight
        }
        if (datagram == CLOSE_SIGNAL || closed) {
            throw new IOException("DTLS transport closed");
        }
        final int n = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, n);
        return n;
    }

    /**
     * During the handshake, adds the record to the flight's datagram, sent when BC next waits for
     * the peer ({@link #receive}), when the next record would not fit, or when the handshake ends
     * ({@link #flush}); afterwards sends it at once. BC writes one record per handshake message;
     * packed, a WebRTC flight takes one datagram instead of up to five (RFC 6347 §4.1.1 allows
     * several records per datagram, and BoringSSL packs its flights the same way), which saves
     * system calls and thread wake-ups on both sides.
     */
    @Override
    public void send(byte[] buf, int off, int len) {
        if (closed) {
            return;
        }
        if (!inline && len <= handshakeMtu) {
            if (flightLength + len > handshakeMtu) {
                flush();
            }
            System.arraycopy(buf, off, flight, flightLength, len);
            flightLength += len;
            return;
        }
        sendNow(buf, off, len);
    }

    /** Sends the records of the flight written so far, if any. Handshake thread only. */
    void flush() {
        if (flightLength > 0) {
            final int length = flightLength;
            flightLength = 0;
            if (!closed) {
                sendNow(flight, 0, length);
            }
        }
    }

    private void sendNow(byte[] buf, int off, int len) {
        try {
            sender.send(buf, off, len);
        } catch (RuntimeException e) {
            logger.debug("DTLS datagram of {} bytes lost: the sender threw", len, e);
        }
    }

    /**
     * BC's close, on the thread that drives BC: it has just written its last record (a fatal alert
     * or close_notify), so that goes out first; then as {@link #shutdown}.
     */
    @Override
    public void close() {
        flush();
        shutdown();
    }

    /**
     * Stops sending, dropping a flight not yet sent, and wakes the handshake thread, which then
     * fails its read. For the loop, while the handshake thread may still be writing. Idempotent.
     */
    void shutdown() {
        if (closed) {
            return;
        }
        closed = true;
        handshakeQueue.clear();
        handshakeQueue.offer(CLOSE_SIGNAL);
    }
}
