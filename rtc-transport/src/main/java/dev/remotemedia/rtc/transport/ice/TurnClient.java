package dev.remotemedia.rtc.transport.ice;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.transport.ice.StunPacket.TransactionId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A sans-I/O TURN client over UDP (<a href="https://www.rfc-editor.org/rfc/rfc8656">RFC 8656</a>):
 * one allocation on one server with a long-term credential (<a
 * href="https://www.rfc-editor.org/rfc/rfc8489#section-9.2">RFC 8489 §9.2</a>). The caller feeds
 * the server's datagrams ({@link #handleInput}), advances time ({@link #advanceTime}), sends what
 * {@link #pollTransmit()} gives to the server, and reads {@link #pollEvent() events}.
 *
 * <ul>
 *   <li>Allocate, answering the 401 challenge with USERNAME, REALM, NONCE and MESSAGE-INTEGRITY,
 *       and retrying once on 438 (Stale Nonce) with the new nonce, for every request;
 *   <li>Refresh a minute before the allocation expires; {@link #close} deallocates (Refresh with
 *       LIFETIME 0, sent once: best effort, the allocation expires anyway);
 *   <li>a permission per peer IP (CreatePermission, refreshed every {@link TurnPeers#PERMISSION_REFRESH_NANOS}),
 *       datagrams held until it is installed, then Send indications until a channel is bound
 *       (ChannelBind, refreshed every {@link TurnPeers#CHANNEL_REFRESH_NANOS}), then ChannelData.
 * </ul>
 *
 * <p>Requests are retransmitted over UDP as RFC 8489 §6.2.1 says (RTO 500 ms doubling, 7
 * transmissions, then 16 RTOs); the Allocate gives up after the allocate timeout it was made
 * with. Responses to authenticated requests must carry a valid MESSAGE-INTEGRITY (RFC 8489
 * §9.2.5); anything malformed is dropped and counted ({@link #malformedCount()}).
 *
 * <p>Not thread-safe: one owner drives it.
 */
final class TurnClient {

    /** W3C's {@code errorCode} when the server could not be reached. */
    static final int UNREACHABLE = 701;
    static final long REQUESTED_LIFETIME_SECONDS = 600;

    enum State { NEW, ALLOCATING, ALLOCATED, FAILED, CLOSED }

    private final InetSocketAddress server;
    private final String serverName;
    private final String username;
    private final String password;
    private final long allocateTimeoutNanos;
    private final Random random;
    private final ArrayDeque<byte[]> transmit = new ArrayDeque<>();
    private final ArrayDeque<TurnEvent> events = new ArrayDeque<>();
    private final Map<TransactionId, TurnTransaction> transactions = new HashMap<>();
    private final TurnPeers peers = new TurnPeers();
    private State state = State.NEW;
    private @Nullable String realm;
    private @Nullable String nonce;
    private byte @Nullable [] key;
    private @Nullable InetSocketAddress relayed;
    private long refreshAtNanos = Long.MAX_VALUE;
    private boolean refreshing;
    private long malformed;
    private long unexpected;

    /**
     * @param serverName how messages name the server, such as its URI (never the credential)
     * @param allocateTimeoutNanos how long the Allocate may take, retransmissions included
     */
    TurnClient(InetSocketAddress server, String serverName, String username, String password,
               long allocateTimeoutNanos, Random random) {
        this.server = requireNonNull(server, "server");
        this.serverName = requireNonNull(serverName, "serverName");
        this.username = requireNonNull(username, "username");
        this.password = requireNonNull(password, "password");
        if (allocateTimeoutNanos <= 0) {
            throw new IllegalArgumentException("allocateTimeoutNanos: " + allocateTimeoutNanos + " (expected: > 0)");
        }
        this.allocateTimeoutNanos = allocateTimeoutNanos;
        this.random = requireNonNull(random, "random");
    }

    InetSocketAddress server() {
        return server;
    }

    State state() {
        return state;
    }

    /** The relayed address once allocated. */
    @Nullable InetSocketAddress relayedAddress() {
        return relayed;
    }

    /** Datagrams from the server dropped as malformed: unparseable, bad integrity, missing attributes. */
    long malformedCount() {
        return malformed;
    }

    /** Datagrams from the server dropped as unexpected: unknown transaction or channel, other messages. */
    long unexpectedCount() {
        return unexpected;
    }

    /** Sends the first Allocate, without credentials, to learn the realm and nonce. */
    void start(long nowNanos) {
        if (state != State.NEW) {
            return;
        }
        state = State.ALLOCATING;
        send(TurnTransaction.allocate(nowNanos + allocateTimeoutNanos), nowNanos);
    }

    /** The next datagram to send to the server, or {@code null}. */
    byte @Nullable [] pollTransmit() {
        return transmit.poll();
    }

    @Nullable TurnEvent pollEvent() {
        return events.poll();
    }

    /**
     * Lets {@code peer} send to the relayed address (a remote candidate's IP). Before the
     * allocation exists the permission is requested once it does. Does nothing when it is
     * already there, or when {@link TurnPeers#MAX_PERMISSIONS} are.
     */
    void permit(InetAddress peer, long nowNanos) {
        permission(peer, nowNanos);
    }

    /**
     * Relays one datagram to {@code peer}: as ChannelData once a channel is bound, as a Send
     * indication once the peer's permission is installed, held (up to
     * {@link TurnPeers#MAX_WAITING_PER_PERMISSION}) until then.
     *
     * @return whether it was sent or held; {@code false} when not allocated or over a limit
     */
    boolean send(InetSocketAddress peer, byte[] buf, int off, int len, long nowNanos) {
        if (state != State.ALLOCATED || len > 0xFFFF - 64) {
            return false;
        }
        TurnPeers.Channel channel = peers.channel(peer);
        if (channel != null && channel.bound) {
            byte[] out = new byte[4 + len];
            BigEndian.putUint16(out, 0, channel.number);
            BigEndian.putUint16(out, 2, len);
            System.arraycopy(buf, off, out, 4, len);
            transmit.add(out);
            return true;
        }
        TurnPeers.Permission p = permission(peer.getAddress(), nowNanos);
        if (p == null) {
            return false;
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        if (!p.installed) {
            if (p.waiting.size() >= TurnPeers.MAX_WAITING_PER_PERMISSION) {
                return false;
            }
            p.waiting.add(new TurnPeers.Waiting(peer, copy));
            return true;
        }
        sendIndication(peer, copy);
        TurnPeers.Channel added = channel == null ? peers.addChannel(peer) : null;
        if (added != null) {
            bindChannel(peer, added, nowNanos);
        }
        return true;
    }

    /** Takes one datagram from the server. Malformed or unexpected ones are dropped and counted. */
    void handleInput(byte[] buf, int off, int len, long nowNanos) {
        if (state == State.CLOSED || state == State.FAILED) {
            unexpected++;
            return;
        }
        if (len >= 4 && (buf[off] & 0xC0) == 0x40) {
            onChannelData(buf, off, len);
            return;
        }
        StunMessage.Parsed parsed = StunMessage.parse(buf, off, len);
        if (!(parsed instanceof StunMessage.Ok ok)) {
            malformed++;
            return;
        }
        StunMessage m = ok.message();
        int cls = m.messageClass();
        if (cls == StunPacket.CLASS_INDICATION && m.method() == StunMessage.METHOD_DATA) {
            InetSocketAddress peer = m.xorAddress(StunMessage.ATTR_XOR_PEER_ADDRESS);
            byte[] data = m.value(StunMessage.ATTR_DATA);
            if (peer == null || data == null) {
                malformed++;
            } else {
                events.add(new TurnEvent.Data(peer, data));
            }
            return;
        }
        TurnTransaction t = cls == StunPacket.CLASS_SUCCESS_RESPONSE || cls == StunPacket.CLASS_ERROR_RESPONSE
                        ? transactions.get(m.transactionId()) : null;
        if (t == null) {
            unexpected++;
            return;
        }
        if (cls == StunPacket.CLASS_SUCCESS_RESPONSE) {
            onSuccess(t, m, nowNanos);
        } else {
            onError(t, m, nowNanos);
        }
    }

    /** Retransmits, gives up, and refreshes what is due at {@code nowNanos}. */
    void advanceTime(long nowNanos) {
        for (TurnTransaction t : transactions.values().toArray(new TurnTransaction[0])) {
            if (transactions.get(t.id()) != t || t.deadlineNanos() > nowNanos) {
                continue;
            }
            if (t.exhausted(nowNanos)) {
                transactions.remove(t.id());
                onTimeout(t);
            } else {
                transmit.add(t.transmit(nowNanos));
            }
        }
        if (state != State.ALLOCATED) {
            return;
        }
        if (!refreshing && refreshAtNanos <= nowNanos) {
            refreshing = true;
            send(TurnTransaction.refresh(), nowNanos);
        }
        for (InetAddress peer : peers.permissionsDue(nowNanos)) {
            send(TurnTransaction.createPermission(peer), nowNanos);
        }
        for (InetSocketAddress peer : peers.channelsDue(nowNanos)) {
            bindChannel(peer, requireNonNull(peers.channel(peer), "due"), nowNanos);
        }
    }

    /** When {@link #advanceTime} next has work; {@link Long#MAX_VALUE} when none. */
    long nextDeadlineNanos() {
        long next = Long.MAX_VALUE;
        for (TurnTransaction t : transactions.values()) {
            next = Math.min(next, t.deadlineNanos());
        }
        if (state != State.ALLOCATED) {
            return next;
        }
        if (!refreshing) {
            next = Math.min(next, refreshAtNanos);
        }
        return Math.min(next, peers.nextRefreshNanos());
    }

    /** Deallocates (one Refresh with LIFETIME 0, RFC 8656 §7.2) and stops. Idempotent. */
    void close(long nowNanos) {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.ALLOCATED) {
            StunMessage.Builder b = new StunMessage.Builder(StunMessage.METHOD_REFRESH, StunPacket.CLASS_REQUEST,
                                                            TransactionId.random(random))
                    .addUint32(StunMessage.ATTR_LIFETIME, 0);
            transmit.add(key == null ? b.build(null) : authenticated(b));
        }
        state = State.CLOSED;
        transactions.clear();
        peers.clear();
    }

    // ---- Requests --------------------------------------------------------------------------------

    private void send(TurnTransaction t, long nowNanos) {
        TransactionId id = TransactionId.random(random);
        t.restart(id, encode(t, id), nowNanos);
        transactions.put(t.id(), t);
        transmit.add(t.transmit(nowNanos));
    }

    private byte[] encode(TurnTransaction t, TransactionId id) {
        StunMessage.Builder b = switch (t.kind) {
            case ALLOCATE -> new StunMessage.Builder(StunMessage.METHOD_ALLOCATE, StunPacket.CLASS_REQUEST, id)
                    .addUint32(StunMessage.ATTR_REQUESTED_TRANSPORT, StunMessage.TRANSPORT_UDP & 0xFFFF_FFFFL);
            case REFRESH -> new StunMessage.Builder(StunMessage.METHOD_REFRESH, StunPacket.CLASS_REQUEST, id)
                    .addUint32(StunMessage.ATTR_LIFETIME, REQUESTED_LIFETIME_SECONDS);
            case CREATE_PERMISSION -> new StunMessage.Builder(StunMessage.METHOD_CREATE_PERMISSION, StunPacket.CLASS_REQUEST, id)
                    .addXorAddress(StunMessage.ATTR_XOR_PEER_ADDRESS, new InetSocketAddress(t.permissionPeer, 0));
            case CHANNEL_BIND -> new StunMessage.Builder(StunMessage.METHOD_CHANNEL_BIND, StunPacket.CLASS_REQUEST, id)
                    .addUint32(StunMessage.ATTR_CHANNEL_NUMBER, (long) t.channel << 16)
                    .addXorAddress(StunMessage.ATTR_XOR_PEER_ADDRESS, requireNonNull(t.channelPeer, "channelPeer"));
        };
        return key == null ? b.build(null) : authenticated(b);
    }

    /** Adds USERNAME, REALM, NONCE and MESSAGE-INTEGRITY (RFC 8489 §9.2.4). */
    private byte[] authenticated(StunMessage.Builder b) {
        return b.addText(StunMessage.ATTR_USERNAME, username)
                .addText(StunMessage.ATTR_REALM, requireNonNull(realm, "realm"))
                .addText(StunMessage.ATTR_NONCE, requireNonNull(nonce, "nonce"))
                .build(key);
    }

    private TurnPeers.@Nullable Permission permission(InetAddress peer, long nowNanos) {
        TurnPeers.Permission p = peers.permission(peer);
        if (p != null || state == State.CLOSED || state == State.FAILED) {
            return p;
        }
        p = peers.addPermission(peer);
        if (p != null && state == State.ALLOCATED) {
            p.requesting = true;
            send(TurnTransaction.createPermission(peer), nowNanos);
        }
        return p;
    }

    private void bindChannel(InetSocketAddress peer, TurnPeers.Channel c, long nowNanos) {
        c.requesting = true;
        send(TurnTransaction.channelBind(peer, c.number), nowNanos);
    }

    private void sendIndication(InetSocketAddress peer, byte[] data) {
        TransactionId id = TransactionId.random(random);
        transmit.add(new StunMessage.Builder(StunMessage.METHOD_SEND, StunPacket.CLASS_INDICATION, id)
                             .addXorAddress(StunMessage.ATTR_XOR_PEER_ADDRESS, peer)
                             .add(StunMessage.ATTR_DATA, data)
                             .build(null));
    }

    // ---- Responses -------------------------------------------------------------------------------

    private void onSuccess(TurnTransaction t, StunMessage m, long nowNanos) {
        if (key != null && !m.hasValidIntegrity(key)) {
            malformed++; // RFC 8489 §9.2.5: discard; the retransmissions go on
            return;
        }
        switch (t.kind) {
            case ALLOCATE -> {
                InetSocketAddress relay = m.xorAddress(StunMessage.ATTR_XOR_RELAYED_ADDRESS);
                if (relay == null) {
                    malformed++;
                    return;
                }
                transactions.remove(t.id());
                long lifetime = lifetimeOf(m);
                relayed = relay;
                state = State.ALLOCATED;
                refreshAtNanos = nowNanos + refreshDelayNanos(lifetime);
                events.add(new TurnEvent.Allocated(relay, m.xorAddress(StunMessage.ATTR_XOR_MAPPED_ADDRESS), lifetime));
                for (InetAddress peer : peers.permissionPeers()) { // asked for before the allocation
                    requireNonNull(peers.permission(peer), "listed").requesting = true;
                    send(TurnTransaction.createPermission(peer), nowNanos);
                }
            }
            case REFRESH -> {
                transactions.remove(t.id());
                refreshing = false;
                refreshAtNanos = nowNanos + refreshDelayNanos(lifetimeOf(m));
            }
            case CREATE_PERMISSION -> {
                transactions.remove(t.id());
                TurnPeers.Permission p = peers.permission(t.permissionPeer);
                if (p != null) {
                    p.installed = true;
                    p.requesting = false;
                    p.refreshAtNanos = nowNanos + TurnPeers.PERMISSION_REFRESH_NANOS;
                    for (TurnPeers.Waiting w; (w = p.waiting.poll()) != null; ) {
                        send(w.peer(), w.data(), 0, w.data().length, nowNanos);
                    }
                }
            }
            case CHANNEL_BIND -> {
                transactions.remove(t.id());
                TurnPeers.Channel c = peers.channel(t.channelPeer);
                if (c != null && !c.unusable) {
                    c.bound = true;
                    c.requesting = false;
                    c.refreshAtNanos = nowNanos + TurnPeers.CHANNEL_REFRESH_NANOS;
                }
            }
        }
    }

    private void onError(TurnTransaction t, StunMessage m, long nowNanos) {
        int code = m.errorCode();
        if (code < 0) {
            malformed++;
            return;
        }
        String newNonce = m.text(StunMessage.ATTR_NONCE);
        String newRealm = m.text(StunMessage.ATTR_REALM);
        if (code == 401 && key == null && t.kind == TurnTransaction.Kind.ALLOCATE) {
            if (newNonce == null || newRealm == null) {
                malformed++;
                return;
            }
            transactions.remove(t.id());
            realm = newRealm;
            nonce = newNonce;
            key = StunMessage.longTermKey(username, realm, password);
            send(t, nowNanos); // same transaction object: the Allocate keeps its deadline
            return;
        }
        if (code == 438 && key != null && !t.nonceRetried) {
            if (newNonce == null) {
                malformed++;
                return;
            }
            transactions.remove(t.id());
            nonce = newNonce; // RFC 8489 §9.2.5: retry with the new nonce
            if (newRealm != null && !newRealm.equals(realm)) {
                realm = newRealm;
                key = StunMessage.longTermKey(username, realm, password);
            }
            t.nonceRetried = true;
            send(t, nowNanos);
            return;
        }
        if (key != null && m.has(StunMessage.ATTR_MESSAGE_INTEGRITY) && !m.hasValidIntegrity(key)) {
            malformed++;
            return;
        }
        transactions.remove(t.id());
        String what = code + " " + m.errorReason();
        switch (t.kind) {
            case ALLOCATE -> fail(code, code == 401
                    ? serverName + " rejected the credentials of user '" + username + "' (" + what.trim() + ")"
                    : serverName + " refused the allocation (" + what.trim() + ")");
            case REFRESH -> fail(code, serverName + " refused to refresh the allocation (" + what.trim() + ")");
            case CREATE_PERMISSION -> peers.dropPermission(t.permissionPeer);
            case CHANNEL_BIND -> peers.channelUnusable(t.channelPeer);
        }
    }

    private void onTimeout(TurnTransaction t) {
        switch (t.kind) {
            case ALLOCATE -> fail(UNREACHABLE, serverName + " did not answer the Allocate within "
                                               + TimeUnit.NANOSECONDS.toMillis(allocateTimeoutNanos) + " ms");
            case REFRESH -> fail(UNREACHABLE, serverName + " did not answer a Refresh: the allocation is lost");
            case CREATE_PERMISSION -> peers.dropPermission(t.permissionPeer);
            case CHANNEL_BIND -> peers.channelUnusable(t.channelPeer);
        }
    }

    private void fail(int code, String reason) {
        if (state == State.FAILED || state == State.CLOSED) {
            return;
        }
        state = State.FAILED;
        transactions.clear();
        peers.clear();
        events.add(new TurnEvent.Failed(code, reason));
    }

    private void onChannelData(byte[] buf, int off, int len) {
        int number = BigEndian.getUint16(buf, off);
        int length = BigEndian.getUint16(buf, off + 2);
        if (number > TurnPeers.LAST_CHANNEL || length > len - 4) {
            malformed++;
            return;
        }
        InetSocketAddress peer = peers.peerOfChannel(number);
        if (peer == null) {
            unexpected++;
            return;
        }
        byte[] data = new byte[length];
        System.arraycopy(buf, off + 4, data, 0, length);
        events.add(new TurnEvent.Data(peer, data));
    }

    private static long lifetimeOf(StunMessage m) {
        long lifetime = m.uint32(StunMessage.ATTR_LIFETIME);
        return lifetime <= 0 ? REQUESTED_LIFETIME_SECONDS : lifetime;
    }

    /** A minute before expiry, or halfway for a short lifetime (RFC 8656 §8 leaves it to us). */
    static long refreshDelayNanos(long lifetimeSeconds) {
        long seconds = lifetimeSeconds > 120 ? lifetimeSeconds - 60 : Math.max(1, lifetimeSeconds / 2);
        return TimeUnit.SECONDS.toNanos(seconds);
    }

    @Override
    public String toString() {
        return "TurnClient{" + serverName + ", " + state + (relayed != null ? ", relayed=" + relayed : "") + '}';
    }

    /** For tests: the permissions installed now. */
    int installedPermissionCount() {
        return peers.installedPermissionCount();
    }

    /** For tests: whether a channel is bound to {@code peer}. */
    boolean hasChannel(InetSocketAddress peer) {
        TurnPeers.Channel c = peers.channel(peer);
        return c != null && c.bound;
    }
}
