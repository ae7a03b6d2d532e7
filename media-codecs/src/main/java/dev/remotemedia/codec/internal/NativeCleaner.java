package dev.remotemedia.codec.internal;

import java.lang.ref.Cleaner;

/**
 * The safety net for native codec state whose owner was dropped without {@code close()}: one daemon
 * thread for the whole module. Owners free their state themselves on close; this only catches leaks.
 */
final class NativeCleaner {
    private NativeCleaner() {}

    static final Cleaner CLEANER = Cleaner.create();
}
