package dev.remotemedia.rtc.pc;

import java.util.function.BooleanSupplier;

/** Waits for a condition that other threads make true (an event, not a protocol timer). */
final class Await {
    private Await() {}

    static void until(BooleanSupplier condition, String what) {
        final long deadline = System.nanoTime() + LoopbackPeers.TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + LoopbackPeers.TIMEOUT + " waiting for " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(2); // the polling interval of the condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
