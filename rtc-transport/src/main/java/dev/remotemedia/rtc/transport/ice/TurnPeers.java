package dev.remotemedia.rtc.transport.ice;

import dev.remotemedia.rtc.common.Nullable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The permissions (RFC 8656 §9) and channel bindings (RFC 8656 §12) of one {@link TurnClient}
 * allocation, with the bounds on what remote candidates and peers can make it hold. Only state:
 * the client sends the requests.
 */
final class TurnPeers {

    /** Permissions last 5 minutes (RFC 8656 §9); refreshed a minute early. */
    static final long PERMISSION_REFRESH_NANOS = TimeUnit.MINUTES.toNanos(4);
    /** Channel bindings last 10 minutes (RFC 8656 §12); refreshed well before. */
    static final long CHANNEL_REFRESH_NANOS = TimeUnit.MINUTES.toNanos(5);
    static final int FIRST_CHANNEL = 0x4000;
    static final int LAST_CHANNEL = 0x4FFF;
    static final int MAX_PERMISSIONS = 256;
    static final int MAX_CHANNELS = 256;
    static final int MAX_WAITING_PER_PERMISSION = 16;

    /** A datagram held until its peer's permission is installed. */
    record Waiting(InetSocketAddress peer, byte[] data) {}

    static final class Permission {
        boolean installed;
        boolean requesting;
        long refreshAtNanos = Long.MAX_VALUE;
        final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    }

    static final class Channel {
        final int number;
        boolean bound;
        boolean requesting;
        /** A ChannelBind failed: keep using Send indications, do not ask again. */
        boolean unusable;
        long refreshAtNanos = Long.MAX_VALUE;

        Channel(int number) {
            this.number = number;
        }
    }

    private final Map<InetAddress, Permission> permissions = new LinkedHashMap<>();
    private final Map<InetSocketAddress, Channel> channels = new LinkedHashMap<>();
    private final Map<Integer, InetSocketAddress> peersByChannel = new HashMap<>();
    private int nextChannel = FIRST_CHANNEL;

    @Nullable Permission permission(@Nullable InetAddress peer) {
        return permissions.get(peer);
    }

    /** Adds a permission entry, or returns {@code null} when {@link #MAX_PERMISSIONS} exist. */
    @Nullable Permission addPermission(InetAddress peer) {
        if (permissions.size() >= MAX_PERMISSIONS) {
            return null;
        }
        Permission p = new Permission();
        permissions.put(peer, p);
        return p;
    }

    /** The IPs of every permission, for requesting them all once the allocation exists. */
    List<InetAddress> permissionPeers() {
        return new ArrayList<>(permissions.keySet());
    }

    void dropPermission(@Nullable InetAddress peer) {
        permissions.remove(peer); // its held datagrams go too; a later send asks again
    }

    int installedPermissionCount() {
        return (int) permissions.values().stream().filter(p -> p.installed).count();
    }

    @Nullable Channel channel(@Nullable InetSocketAddress peer) {
        return channels.get(peer);
    }

    /** A new channel for {@code peer}, or {@code null} when the numbers or {@link #MAX_CHANNELS} ran out. */
    @Nullable Channel addChannel(InetSocketAddress peer) {
        if (channels.size() >= MAX_CHANNELS || nextChannel > LAST_CHANNEL) {
            return null;
        }
        Channel c = new Channel(nextChannel++);
        channels.put(peer, c);
        peersByChannel.put(c.number, peer);
        return c;
    }

    @Nullable InetSocketAddress peerOfChannel(int number) {
        return peersByChannel.get(number);
    }

    void channelUnusable(@Nullable InetSocketAddress peer) {
        Channel c = channels.get(peer);
        if (c != null) {
            c.unusable = true;
            c.requesting = false;
            c.bound = false;
            peersByChannel.remove(c.number);
        }
    }

    /** Installed permissions due for a refresh at {@code nowNanos}, marked as requesting. */
    List<InetAddress> permissionsDue(long nowNanos) {
        List<InetAddress> due = new ArrayList<>();
        permissions.forEach((peer, p) -> {
            if (p.installed && !p.requesting && p.refreshAtNanos <= nowNanos) {
                p.requesting = true;
                due.add(peer);
            }
        });
        return due;
    }

    /** Bound channels due for a refresh at {@code nowNanos}. */
    List<InetSocketAddress> channelsDue(long nowNanos) {
        List<InetSocketAddress> due = new ArrayList<>();
        channels.forEach((peer, c) -> {
            if (c.bound && !c.requesting && c.refreshAtNanos <= nowNanos) {
                due.add(peer);
            }
        });
        return due;
    }

    /** The earliest refresh of a permission or channel not being refreshed now. */
    long nextRefreshNanos() {
        long next = Long.MAX_VALUE;
        for (Permission p : permissions.values()) {
            if (p.installed && !p.requesting) {
                next = Math.min(next, p.refreshAtNanos);
            }
        }
        for (Channel c : channels.values()) {
            if (c.bound && !c.requesting) {
                next = Math.min(next, c.refreshAtNanos);
            }
        }
        return next;
    }

    void clear() {
        permissions.clear();
        channels.clear();
        peersByChannel.clear();
    }
}
