package dev.remotemedia.rtc.transport.ice;

import dev.remotemedia.rtc.common.Nullable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The {@link DatagramSocket} ice4j is given for one of our local candidates. It opens no file
 * descriptor (see {@link NoopDatagramSocketImpl}): sending, receiving and closing all go to its
 * {@link Owner}, a {@link MuxEndpoint} (host candidates on the shared mux) or a {@link TurnRelay}
 * (relayed candidates).
 */
final class Ice4jSocket extends DatagramSocket {

    /** What the socket delegates to. */
    interface Owner {
        /** Sends a datagram ice4j wrote (STUN checks and responses). */
        void sendFromIce4j(DatagramPacket p) throws IOException;

        /** Blocks until a STUN message for ice4j arrives, and copies it into {@code p}. */
        void takeStun(DatagramPacket p) throws IOException;

        void close();

        boolean isClosed();

        /** The candidate's address, or {@code null} while it has none (a relay still allocating). */
        @Nullable InetSocketAddress localSocketAddress();
    }

    private final Owner owner;

    Ice4jSocket(Owner owner) {
        super(new NoopDatagramSocketImpl());
        this.owner = owner;
    }

    @Override
    public void send(DatagramPacket p) throws IOException {
        owner.sendFromIce4j(p);
    }

    @Override
    public void receive(DatagramPacket p) throws IOException {
        owner.takeStun(p);
    }

    @Override
    public void close() {
        owner.close();
    }

    @Override
    public boolean isClosed() {
        return owner.isClosed();
    }

    @Override
    public boolean isBound() {
        return true;
    }

    @Override
    public @Nullable InetAddress getLocalAddress() {
        InetSocketAddress a = owner.localSocketAddress();
        return a == null ? null : a.getAddress();
    }

    @Override
    public int getLocalPort() {
        InetSocketAddress a = owner.localSocketAddress();
        return a == null ? 0 : a.getPort();
    }

    @Override
    public @Nullable SocketAddress getLocalSocketAddress() {
        return owner.localSocketAddress();
    }

    @Override
    public String toString() {
        return owner.toString();
    }
}
