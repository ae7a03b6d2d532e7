package dev.remotemedia.server;

import dev.remotemedia.rtc.common.Nullable;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the server process does (DESIGN.md §5.6). Modes whose feature is not built cannot be chosen. */
enum ServerMode {
    /** Built-in JSON-RPC signaling at {@code /ws}, ServerPeers, health, metrics and the web client. */
    SERVER(null),
    /** Joins an external signaling server as a peer and answers offers with ServerPeers. */
    WEBSOCKET(null),
    /** Serves gRPC signaling. */
    GRPC("it arrives with gRPC signaling");

    private final @Nullable String missing;

    ServerMode(@Nullable String missing) {
        this.missing = missing;
    }

    /** Why the mode cannot be used yet, or {@code null} when it works. */
    @Nullable String unavailableBecause() {
        return missing;
    }

    String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String available() {
        return Arrays.stream(values()).filter(m -> m.missing == null).map(ServerMode::cliName)
                     .collect(Collectors.joining(", "));
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
