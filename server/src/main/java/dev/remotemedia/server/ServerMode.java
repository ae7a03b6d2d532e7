package dev.remotemedia.server;

import dev.remotemedia.rtc.common.Nullable;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the server process does (DESIGN.md §5.7). */
enum ServerMode {
    /** Built-in JSON-RPC signaling at {@code /ws}, ServerPeers, health, metrics and the web client. */
    SERVER,
    /** Joins an external signaling server as a peer and answers offers with ServerPeers. */
    WEBSOCKET,
    /**
     * Mode {@code server} with gRPC signaling on ({@code GRPC_SIGNALING_ADDRESS}), sharing one hub
     * with the JSON-RPC {@code /ws} and gRPC-Web on the HTTP port.
     */
    GRPC;

    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this mode runs signaling of its own (a hub, {@code /ws}, gRPC-Web). */
    boolean hasOwnSignaling() {
        return this != WEBSOCKET;
    }

    static String available() {
        return Arrays.stream(values()).map(ServerMode::cliName).collect(Collectors.joining(", "));
    }

    static @Nullable ServerMode fromCliName(String text) {
        for (ServerMode mode : values()) {
            if (mode.cliName().equalsIgnoreCase(text.strip())) {
                return mode;
            }
        }
        return null;
    }
}
