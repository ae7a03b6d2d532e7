package dev.remotemedia.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay on 127.0.0.1 that makes a link worse, for media tests over real sockets: datagrams
 * sent to its {@link #port()} go on to the target, answers from the target come back to whoever
 * sent last, and while {@link #impair} is on each datagram (both ways) is lost with the given
 * probability or held for a random delay (folded Gaussian: jitter only delays, and packets overtake
 * each other as on a real jittery path). Seeded, so a run's losses are reproducible in count if not
 * in timing.
 */
public final class ImpairingUdpRelay implements AutoCloseable {
    private final DatagramSocket front;
    private final DatagramSocket back;
    private final InetSocketAddress target;
    private final ScheduledExecutorService delays;
    private final SplittableRandom random;
    private final double lossRate;
    private final double jitterMillis;
    private volatile boolean impair;
    private volatile boolean closed;
    private volatile InetSocketAddress client;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /** A relay to {@code targetPort} on 127.0.0.1 that, once impaired, loses {@code lossRate} and delays by |N(0, jitter)|. */
    public ImpairingUdpRelay(int targetPort, double lossRate, double jitterMillis, long seed) {
        try {
            final InetAddress loopback = InetAddress.getLoopbackAddress();
            front = new DatagramSocket(new InetSocketAddress(loopback, 0));
            back = new DatagramSocket(new InetSocketAddress(loopback, 0));
            target = new InetSocketAddress(loopback, targetPort);
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        this.lossRate = lossRate;
        this.jitterMillis = jitterMillis;
        random = new SplittableRandom(seed);
        delays = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "impairing-relay-delays");
            t.setDaemon(true);
            return t;
        });
        start(front, true);
        start(back, false);
    }

    /** The port to send to instead of the target's. */
    public int port() {
        return front.getLocalPort();
    }

    /** Starts or stops losing and delaying (before: a clean relay, so set-up is quick). */
    public void impair(boolean on) {
        impair = on;
    }

    public long forwarded() {
        return forwarded.get();
    }

    public long dropped() {
        return dropped.get();
    }

    private void start(DatagramSocket socket, boolean fromClient) {
        final Thread reader = new Thread(() -> {
            final byte[] buffer = new byte[65_536];
            while (!closed) {
                final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (IOException e) {
                    return; // closed
                }
                final InetSocketAddress destination;
                final DatagramSocket out;
                if (fromClient) {
                    client = (InetSocketAddress) packet.getSocketAddress();
                    destination = target;
                    out = back;
                } else {
                    destination = client;
                    out = front;
                    if (destination == null) {
                        continue;
                    }
                }
                forward(out, Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength()),
                        destination);
            }
        }, "impairing-relay-" + (fromClient ? "front" : "back"));
        reader.setDaemon(true);
        reader.start();
    }

    private void forward(DatagramSocket out, byte[] data, InetSocketAddress destination) {
        if (!impair) {
            send(out, data, destination);
            return;
        }
        final double draw;
        final double delayMillis;
        synchronized (random) {
            draw = random.nextDouble();
            delayMillis = Math.abs(gaussian()) * jitterMillis;
        }
        if (draw < lossRate) {
            dropped.incrementAndGet();
            return;
        }
        delays.schedule(() -> send(out, data, destination), Math.round(delayMillis * 1000), TimeUnit.MICROSECONDS);
    }

    private double gaussian() {
        final double u = 1 - random.nextDouble();
        final double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private void send(DatagramSocket out, byte[] data, InetSocketAddress destination) {
        try {
            out.send(new DatagramPacket(data, data.length, destination));
            forwarded.incrementAndGet();
        } catch (IOException e) {
            // closed while a delayed datagram waited: nothing to deliver it to
        }
    }

    @Override
    public void close() {
        closed = true;
        delays.shutdownNow();
        front.close();
        back.close();
    }
}
