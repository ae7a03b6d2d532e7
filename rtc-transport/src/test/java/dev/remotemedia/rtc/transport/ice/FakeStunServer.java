package dev.remotemedia.rtc.transport.ice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A STUN server on 127.0.0.1 that answers every Binding request as if the client sat behind a NAT
 * at {@code publicAddress} (same port as the client's), or not at all when {@code silent}.
 */
final class FakeStunServer implements AutoCloseable {

    final DatagramSocket socket;
    final AtomicInteger requests = new AtomicInteger();
    private final InetAddress publicAddress;
    private final boolean silent;
    private final Thread thread;

    FakeStunServer(InetAddress publicAddress, boolean silent) throws IOException {
        this.publicAddress = publicAddress;
        this.silent = silent;
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "fake-stun-server");
        thread.setDaemon(true);
        thread.start();
    }

    String url() {
        return "stun:127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        byte[] buf = new byte[1500];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            if (!StunPacket.isStun(buf, 0, p.getLength())
                || StunPacket.messageClass(buf, 0) != StunPacket.CLASS_REQUEST) {
                continue;
            }
            requests.incrementAndGet();
            if (silent) {
                continue;
            }
            byte[] response = bindingSuccess(buf, new InetSocketAddress(publicAddress, p.getPort()));
            try {
                socket.send(new DatagramPacket(response, response.length, p.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** A Binding success response with only an IPv4 XOR-MAPPED-ADDRESS (RFC 8489 §14.2). */
    static byte[] bindingSuccess(byte[] request, InetSocketAddress mapped) {
        byte[] r = new byte[20 + 12];
        r[0] = 0x01;
        r[1] = 0x01;
        r[3] = 12;
        System.arraycopy(request, 4, r, 4, 16); // magic cookie and transaction ID
        r[20] = 0x00;
        r[21] = 0x20;
        r[23] = 8;
        r[25] = 0x01;
        int xport = mapped.getPort() ^ (StunPacket.MAGIC_COOKIE >>> 16);
        r[26] = (byte) (xport >>> 8);
        r[27] = (byte) xport;
        byte[] a = mapped.getAddress().getAddress();
        for (int i = 0; i < 4; i++) {
            r[28 + i] = (byte) (a[i] ^ r[4 + i]);
        }
        return r;
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
