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
 *       ({@link #offer}); a read times out so BC can retransmit its flight.</li>
 *   <li><b>Inline</b> (after the handshake): the loop {@link #stash}es one datagram and calls BC's
 *       {@code DTLSTransport.receive}, which reads it back here on the same thread. When BC asks for
 *       more, {@link #WOULD_BLOCK} ends its read loop at once: BC passes an {@link
 *       InterruptedIOException} through without failing the connection. So records are decrypted
 *       on the loop and no reader thread is needed.</li>
 * </ul>
 *
 * <p>Sends go straight to the socket layer's sender from whichever thread BC runs on (the handshake
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

    // Inline mode only, touched by the loop alone.
    private byte @Nullable [] stashBuf;
    private int stashOff;
    private int stashLen;

    DatagramPipe(DtlsTransport.DatagramSender sender, int handshakeMtu) {
        this.sender = sender;
        this.handshakeMtu = handshakeMtu;
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

    @Override
    public int getReceiveLimit() {
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

    @Override
    public void send(byte[] buf, int off, int len) {
        if (closed) {
            return;
        }
        try {
            sender.send(buf, off, len);
        } catch (RuntimeException e) {
            logger.debug("DTLS datagram of {} bytes lost: the sender threw", len, e);
        }
    }

    /** Stops sending and wakes the handshake thread, which then fails its read. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        handshakeQueue.clear();
        handshakeQueue.offer(CLOSE_SIGNAL);
    }
}
