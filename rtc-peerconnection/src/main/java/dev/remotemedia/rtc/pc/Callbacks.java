package dev.remotemedia.rtc.pc;

import dev.remotemedia.rtc.common.Nullable;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs user callbacks so that one that throws is logged and cannot break the protocol work of
 * the loop task that called it.
 */
final class Callbacks {
    private static final Logger logger = LoggerFactory.getLogger(Callbacks.class);

    private Callbacks() {}

    static <T> void fire(@Nullable Consumer<? super T> callback, T value, String what) {
        if (callback == null) {
            return;
        }
        try {
            callback.accept(value);
        } catch (RuntimeException | Error e) {
            logger.warn("the {} callback threw; ignored", what, e);
        }
    }

    static <T> void fireAll(java.util.List<? extends Consumer<? super T>> listeners, T value, String what) {
        for (Consumer<? super T> listener : listeners) {
            fire(listener, value, what);
        }
    }

    static void fire(@Nullable Runnable callback, String what) {
        if (callback == null) {
            return;
        }
        try {
            callback.run();
        } catch (RuntimeException | Error e) {
            logger.warn("the {} callback threw; ignored", what, e);
        }
    }
}
