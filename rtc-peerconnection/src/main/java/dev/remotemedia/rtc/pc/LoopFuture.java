package dev.remotemedia.rtc.pc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A future completed on a connection's loop. Waiting for it on that same loop (joining
 * {@code createOffer()} inside a callback, say) could never end: the loop would wait for itself.
 * DESIGN.md §4: instead of a deadlock, such a wait throws at once.
 */
final class LoopFuture<T> extends CompletableFuture<T> {
    private final EventLoop loop;

    LoopFuture(EventLoop loop) {
        this.loop = loop;
    }

    private void checkNotOnLoop() {
        if (!isDone() && loop.inLoop()) {
            throw new InvalidStateError(
                    "waiting on the connection's own event loop (inside one of its callbacks) "
                    + "would deadlock: chain with thenAccept/whenComplete instead of join/get");
        }
    }

    @Override
    public T join() {
        checkNotOnLoop();
        return super.join();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        checkNotOnLoop();
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        checkNotOnLoop();
        return super.get(timeout, unit);
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new LoopFuture<>(loop);
    }
}
