package dev.remotemedia.rtc.transport.dtls;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DTLS 1.2 for one WebRTC connection (<a href="https://www.rfc-editor.org/rfc/rfc8827#section-6.5">RFC
 * 8827 §6.5</a>, <a href="https://www.rfc-editor.org/rfc/rfc5763">RFC 5763</a>,
 * <a href="https://www.rfc-editor.org/rfc/rfc5764">RFC 5764</a>) over datagrams that the ICE/socket
 * layer passes in with {@link #handleDatagram} and takes out through a {@link DatagramSender}.
 *
 * <p><b>Threads.</b> Bouncy Castle's handshake blocks, so {@link #start()} runs it on a thread of its
 * own that ends with the handshake; that thread only sends datagrams and <em>posts</em> its result
 * to the connection's loop (DESIGN.md §4). After the handshake no thread is left: each datagram is
 * decrypted on the loop inside {@code handleDatagram} (see {@link DatagramPipe}). Every method
 * except {@link #state()} must be called on the loop, and the listener runs there.
 *
 * <p>Start the handshake once ICE is connected. Datagrams that arrive before (an early ClientHello)
 * are kept for it.
 */
public final class DtlsTransport {

    private static final Logger logger = LoggerFactory.getLogger(DtlsTransport.class);
    private static final AtomicLong THREAD_IDS = new AtomicLong();
    /** Inline reads never wait (the pipe answers WOULD_BLOCK); BC only wants a positive bound. */
    private static final int INLINE_WAIT_MILLIS = 1000;

    /** Where encrypted datagrams go: the ICE/socket layer. */
    @FunctionalInterface
    public interface DatagramSender {
        /**
         * Sends one datagram. Called on the handshake thread and on the loop, so it must be
         * thread-safe and must not block; the bytes are only valid during the call.
         */
        void send(byte[] buf, int off, int len);
    }

    private final DtlsPeerSupport support;
    private final DatagramPipe pipe;
    private final Executor loop;
    private final DtlsListener listener;
    private final ThreadFactory handshakeThreads;
    private volatile DtlsState state = DtlsState.NEW;
    private @Nullable DTLSTransport dtls;
    private byte[] plaintext = new byte[2048];

    DtlsTransport(DtlsPeerSupport support, DatagramPipe pipe, Executor loop, DtlsListener listener,
                  @Nullable ThreadFactory handshakeThreads) {
        this.support = support;
        this.pipe = pipe;
        this.loop = loop;
        this.listener = listener;
        this.handshakeThreads = handshakeThreads != null ? handshakeThreads : DtlsTransport::newThread;
    }

    /** Returns a builder; role, certificate, remote fingerprints, sender, loop and listener are required. */
    public static DtlsTransportBuilder builder() {
        return new DtlsTransportBuilder();
    }

    /** The current state; may be read from any thread. */
    public DtlsState state() {
        return state;
    }

    /** Starts the handshake on its own thread. */
    public void start() {
        if (state != DtlsState.NEW) {
            throw new IllegalStateException("start: DTLS transport is " + state + " (expected: NEW)");
        }
        state = DtlsState.CONNECTING;
        handshakeThreads.newThread(this::runHandshake).start();
    }

    /**
     * Takes one DTLS datagram: the caller routes by first byte (RFC 7983; the peer connection's
     * transport driver does, sending SRTP/SRTCP elsewhere) and gives only DTLS here. Before
     * and during the handshake it is copied for the handshake thread; afterwards it is decrypted
     * here and its records go to {@link DtlsListener#onData}. Bad datagrams are dropped.
     */
    public void handleDatagram(byte[] buf, int off, int len) {
        requireNonNull(buf, "buf");
        if (off < 0 || len < 0 || len > buf.length - off) {
            throw new IndexOutOfBoundsException("off: " + off + ", len: " + len + " (expected: within " + buf.length + ")");
        }
        switch (state) {
            case NEW:
            case CONNECTING:
                if (!pipe.offer(buf, off, len)) {
                    logger.debug("{} DTLS datagram dropped: handshake queue full", support.role);
                }
                break;
            case CONNECTED:
                decrypt(buf, off, len);
                break;
            default:
                break; // closed or failed: nothing listens any more
        }
    }

    /**
     * Encrypts {@code buf[off..off+len)} as one record and sends it. Returns false, sending nothing,
     * unless the transport is {@link DtlsState#CONNECTED}.
     *
     * @throws IllegalArgumentException if {@code len} is not 1 to 16384
     */
    public boolean send(byte[] buf, int off, int len) {
        requireNonNull(buf, "buf");
        if (len < 1 || len > DatagramPipe.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("len: " + len + " (expected: 1.." + DatagramPipe.MAX_PLAINTEXT + ")");
        }
        if (off < 0 || len > buf.length - off) {
            throw new IndexOutOfBoundsException("off: " + off + ", len: " + len + " (expected: within " + buf.length + ")");
        }
        final DTLSTransport connected = dtls;
        if (state != DtlsState.CONNECTED || connected == null) {
            return false;
        }
        try {
            connected.send(buf, off, len);
            return true;
        } catch (IOException e) {
            fail(support.describeFailure(e, false));
            return false;
        }
    }

    /**
     * Closes the transport: sends close_notify if connected, stops the handshake thread if it
     * still runs (it ends on its own soon after), and drops whatever arrives later. Idempotent.
     */
    public void close() {
        final DtlsState previous = state;
        if (previous == DtlsState.CLOSED || previous == DtlsState.FAILED) {
            return;
        }
        state = DtlsState.CLOSED;
        final DTLSTransport connected = dtls;
        if (previous == DtlsState.CONNECTED && connected != null) {
            try {
                connected.close(); // sends close_notify (RFC 5246 §7.2.1)
            } catch (IOException e) {
                logger.debug("{} DTLS close_notify not sent", support.role, e);
            }
        }
        dtls = null;
        pipe.shutdown();
    }

    // --- handshake thread ---

    private void runHandshake() {
        try {
            final DTLSTransport result = handshake();
            pipe.flush(); // the server's last flight: BC does not wait for an answer to it
            final DtlsConnectionInfo info = requireNonNull(support.connectionInfo(), "connectionInfo");
            post(() -> handshakeSucceeded(result, info), () -> closeQuietly(result));
        } catch (Exception e) {
            pipe.flush(); // the alert BC wrote, if it did not close the pipe itself
            final RemoteMediaException error = support.describeFailure(e, true);
            logger.debug("{} DTLS handshake ended: {}", support.role, error.getMessage(), e);
            post(() -> handshakeFailed(error), () -> { });
        }
    }

    private DTLSTransport handshake() throws IOException {
        if (support.role == DtlsRole.CLIENT) {
            return new DTLSClientProtocol().connect(new WebRtcDtlsClient(support), pipe);
        }
        final DTLSServerProtocol protocol = new DTLSServerProtocol();
        // No HelloVerifyRequest cookie round trip: ICE already proved the address (as Chromium does).
        protocol.setVerifyRequests(false);
        return protocol.accept(new WebRtcDtlsServer(support), pipe);
    }

    private void post(Runnable onLoop, Runnable ifRejected) {
        try {
            loop.execute(onLoop);
        } catch (RejectedExecutionException e) {
            logger.debug("{} DTLS handshake result dropped: the loop is shut down", support.role);
            ifRejected.run();
        }
    }

    // --- loop ---

    private void handshakeSucceeded(DTLSTransport result, DtlsConnectionInfo info) {
        if (state != DtlsState.CONNECTING) {
            closeQuietly(result); // closed while the handshake ran
            return;
        }
        dtls = result;
        pipe.switchToInline();
        state = DtlsState.CONNECTED;
        notifyListener("onConnected", () -> listener.onConnected(info));
        byte[] leftover;
        while (state == DtlsState.CONNECTED && (leftover = pipe.pollLeftover()) != null) {
            decrypt(leftover, 0, leftover.length);
        }
    }

    private void handshakeFailed(RemoteMediaException error) {
        if (state == DtlsState.CONNECTING) {
            fail(error);
        }
    }

    /**
     * Decrypts one datagram on the loop: the first read takes it from the pipe, further reads
     * drain records BC split off the same datagram, until BC has nothing left.
     */
    private void decrypt(byte[] buf, int off, int len) {
        final DTLSTransport connected = dtls;
        if (connected == null || len == 0) {
            return;
        }
        if (len > DatagramPipe.MAX_RECORD_DATAGRAM) {
            logger.debug("{} DTLS datagram of {} bytes dropped (expected: <= {})", support.role, len,
                         DatagramPipe.MAX_RECORD_DATAGRAM);
            return;
        }
        if (plaintext.length < len) {
            // A record's plaintext is shorter than its datagram; grow rarely, SCTP packets fit 2 KiB.
            plaintext = new byte[Math.min(Math.max(len, plaintext.length * 2), DatagramPipe.MAX_RECORD_DATAGRAM)];
        }
        pipe.stash(buf, off, len);
        try {
            int n = connected.receive(plaintext, 0, len, INLINE_WAIT_MILLIS);
            while (true) {
                if (n > 0) {
                    deliver(n);
                    if (state != DtlsState.CONNECTED) {
                        return; // the listener closed us
                    }
                }
                n = connected.receivePending(plaintext, 0, plaintext.length);
                if (n < 0) {
                    break;
                }
            }
        } catch (InterruptedIOException wouldBlock) {
            // The pipe had nothing more: every record of the datagram was handled.
        } catch (IOException e) {
            if (state == DtlsState.CONNECTED) {
                fail(support.describeFailure(e, false));
            }
            return;
        } finally {
            pipe.clearStash();
        }
        if (state == DtlsState.CONNECTED && support.peerClosed()) {
            state = DtlsState.CLOSED;
            dtls = null;
            pipe.shutdown(); // BC has already answered with its own close_notify
            notifyListener("onClosed", listener::onClosed);
        }
    }

    private void deliver(int n) {
        notifyListener("onData", () -> listener.onData(plaintext, 0, n));
    }

    /** A listener that throws must not take the loop down with it (DESIGN.md §8). */
    private void notifyListener(String method, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            logger.warn("{} DTLS listener threw from {}", support.role, method, e);
        }
    }

    private void fail(RemoteMediaException error) {
        state = DtlsState.FAILED;
        final DTLSTransport connected = dtls;
        dtls = null;
        if (connected != null) {
            closeQuietly(connected);
        }
        pipe.shutdown();
        notifyListener("onFailed", () -> listener.onFailed(error));
    }

    private void closeQuietly(DTLSTransport transport) {
        try {
            transport.close();
        } catch (IOException | RuntimeException e) {
            logger.debug("{} DTLS close failed", support.role, e);
        }
    }

    private static Thread newThread(Runnable task) {
        final Thread thread = new Thread(task, "remotemedia-dtls-handshake-" + THREAD_IDS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
