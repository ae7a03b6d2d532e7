package dev.remotemedia.signaling.server;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.signaling.PeerInfo;

/** An announced peer as the hub lists it: {@link PeerInfo} and when it announced, in ms since the epoch. */
record AnnouncedPeer(PeerInfo info, long announcedAtMillis) {
    AnnouncedPeer {
        requireNonNull(info, "info");
    }
}
