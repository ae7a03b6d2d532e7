package dev.remotemedia.signaling.mesh;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.transport.mesh.MeshSignaling.Listener;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Holds what the signaling server delivers between the join and the moment the transport sets its
 * {@link Listener}: once announced, other peers may offer at once (and trickle candidates after the
 * offer), and the transport only gets the connection when the join completes. Held items reach the
 * listener in arrival order when it is set; a gate closed (listener set to null) refuses held
 * offers and drops the rest. Bounded: past {@link #MAX_HELD} items the oldest is dropped (an offer
 * among them refused), so a listener never set cannot grow it.
 */
final class ListenerGate {
    static final int MAX_HELD = 256;

    private final String peerId;
    private final Queue<Consumer<@Nullable Listener>> held = new ArrayDeque<>();
    private @Nullable Listener listener;
    private boolean closed;

    ListenerGate(String peerId) {
        this.peerId = peerId;
    }

    /** An offer for the listener: answered by it now, or when it is set. */
    CompletableFuture<String> offer(String from, String sdp) {
        final CompletableFuture<String> answer = new CompletableFuture<>();
        deliver(l -> {
            if (l == null) {
                answer.completeExceptionally(new RemoteMediaException(ErrorCode.CONNECTION_FAILED, peerId + " takes no offers"));
            } else {
                l.onOffer(from, sdp).whenComplete((sdpAnswer, error) -> {
                    if (error != null) {
                        answer.completeExceptionally(error);
                    } else {
                        answer.complete(sdpAnswer);
                    }
                });
            }
        });
        return answer;
    }

    /** Hands {@code event} to the listener now, or when it is set (in order). */
    void event(Consumer<Listener> event) {
        deliver(l -> {
            if (l != null) {
                event.accept(l);
            }
        });
    }

    private void deliver(Consumer<@Nullable Listener> item) {
        final Listener l;
        synchronized (this) {
            if (listener == null && !closed) {
                if (held.size() == MAX_HELD) {
                    held.remove().accept(null);
                }
                held.add(item);
                return;
            }
            l = listener;
        }
        item.accept(l);
    }

    /** Sets the listener and hands it what was held; {@code null} closes the gate. */
    void set(@Nullable Listener listener) {
        while (true) {
            final Consumer<@Nullable Listener> next;
            synchronized (this) {
                next = held.poll();
                if (next == null) {
                    this.listener = listener;
                    closed = listener == null;
                    return;
                }
            }
            next.accept(listener); // outside the lock: the listener may call back into signaling
        }
    }
}
