package dev.remotemedia.rtc.transport.ice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocketImpl;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * The implementation behind a {@link java.net.DatagramSocket} subclass that overrides every
 * method it uses, so that creating one opens no file descriptor (the public constructors of
 * {@code DatagramSocket} open an unbound socket each). Any call that reaches it fails.
 */
@SuppressWarnings("deprecation") // setTTL and getTTL are abstract here, deprecated since 1.2
final class NoopDatagramSocketImpl extends DatagramSocketImpl {

    private static SocketException unsupported() {
        return new SocketException("not a real socket: an IceUdpMux endpoint");
    }

    @Override
    protected void create() throws SocketException {
        throw unsupported();
    }

    @Override
    protected void bind(int lport, InetAddress laddr) throws SocketException {
        throw unsupported();
    }

    @Override
    protected void send(DatagramPacket p) throws IOException {
        throw unsupported();
    }

    @Override
    protected int peek(InetAddress i) throws IOException {
        throw unsupported();
    }

    @Override
    protected int peekData(DatagramPacket p) throws IOException {
        throw unsupported();
    }

    @Override
    protected void receive(DatagramPacket p) throws IOException {
        throw unsupported();
    }

    @Override
    protected void setTTL(byte ttl) throws IOException {
        throw unsupported();
    }

    @Override
    protected byte getTTL() throws IOException {
        throw unsupported();
    }

    @Override
    protected void setTimeToLive(int ttl) throws IOException {
        throw unsupported();
    }

    @Override
    protected int getTimeToLive() throws IOException {
        throw unsupported();
    }

    @Override
    protected void join(InetAddress inetaddr) throws IOException {
        throw unsupported();
    }

    @Override
    protected void leave(InetAddress inetaddr) throws IOException {
        throw unsupported();
    }

    @Override
    protected void joinGroup(SocketAddress mcastaddr, NetworkInterface netIf) throws IOException {
        throw unsupported();
    }

    @Override
    protected void leaveGroup(SocketAddress mcastaddr, NetworkInterface netIf) throws IOException {
        throw unsupported();
    }

    @Override
    protected void close() {}

    @Override
    public void setOption(int optID, Object value) throws SocketException {
        throw unsupported();
    }

    @Override
    public Object getOption(int optID) throws SocketException {
        throw unsupported();
    }
}
