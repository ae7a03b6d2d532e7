package dev.remotemedia.rtc.transport.ice;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that reads the private UDP sockets of every {@link TurnRelay} of an
 * {@link IceUdpMux} (DESIGN.md §4: no thread per peer). A TURN allocation is keyed by the client's
 * address and port (RFC 8656 §2.2), so each transport needs a socket of its own for its
 * allocations; they are non-blocking {@link DatagramChannel}s on one {@link Selector}. Non-blocking
 * sends are not interruptible, so an ice4j thread interrupted while sending cannot close one.
 *
 * <p>Started by the first relay, stopped by {@link #close()}.
 */
final class TurnSocketReader implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(TurnSocketReader.class);

    /** Gets each datagram a relay's socket reads, on the reader thread. */
    interface Receiver {
        void onDatagram(byte[] data, InetSocketAddress from);
    }

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    TurnSocketReader(String name) throws IOException {
        selector = Selector.open();
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Opens a non-blocking UDP socket bound to {@code bindAddress} whose datagrams go to {@code receiver}. */
    DatagramChannel open(InetSocketAddress bindAddress, Receiver receiver) throws IOException {
        if (closed) {
            throw new IOException("the TURN socket reader is closed");
        }
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.configureBlocking(false);
            channel.bind(bindAddress);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        pending.add(() -> {
            try {
                channel.register(selector, SelectionKey.OP_READ, receiver);
            } catch (IOException | RuntimeException e) { // closed before it was registered
                logger.debug("not reading a TURN socket closed at once", e);
            }
        });
        selector.wakeup();
        return channel;
    }

    /** Closes {@code channel}; its port is free once the reader has run its next select. */
    void close(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            logger.debug("closing a TURN socket", e);
        }
        selector.wakeup();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(MuxSocket.MAX_DATAGRAM);
        try {
            while (!closed) {
                selector.select();
                for (Runnable r; (r = pending.poll()) != null; ) {
                    r.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.isReadable()) {
                        read((DatagramChannel) key.channel(), (Receiver) key.attachment(), buffer);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                logger.warn("the TURN socket reader stopped", e);
            }
        } finally {
            for (SelectionKey key : selector.keys()) {
                try {
                    key.channel().close();
                } catch (IOException e) {
                    logger.debug("closing a TURN socket", e);
                }
            }
            try {
                selector.close(); // frees the ports of channels closed since the last select
            } catch (IOException e) {
                logger.debug("closing the TURN selector", e);
            }
        }
    }

    private static void read(DatagramChannel channel, Receiver receiver, ByteBuffer buffer) {
        for (int i = 0; i < 64; i++) { // then let the other sockets have a turn
            buffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(buffer);
            } catch (IOException e) {
                logger.debug("reading a TURN socket", e);
                return;
            }
            if (from == null) {
                return;
            }
            buffer.flip();
            byte[] data = new byte[buffer.remaining()];
            buffer.get(data);
            try {
                receiver.onDatagram(data, (InetSocketAddress) from);
            } catch (RuntimeException e) {
                logger.warn("dropped a datagram from {}", from, e);
            }
        }
    }
}
