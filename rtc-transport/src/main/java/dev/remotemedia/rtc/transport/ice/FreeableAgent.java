package dev.remotemedia.rtc.transport.ice;

import org.ice4j.ice.Agent;

/**
 * An ice4j {@link Agent} whose connectivity-check pacer stops for good once the agent is freed.
 *
 * <p>ice4j's {@code PeriodicRunnable.cancel()} can lose a race with a run in flight: when it runs
 * between that run's "still running?" check and its rescheduling, it clears the field that would
 * tell the rescheduling it was cancelled, so the run schedules itself again and nothing cancels
 * it any more. The {@code ConnectivityCheckClient}'s {@code PaceMaker} then fires every Ta for
 * ever and keeps the freed agent reachable: about one agent in a hundred in rtc-peerconnection's
 * churn test, each holding its whole peer connection through its harvester until the harvester
 * learned to drop it. A {@code PeriodicRunnable} stops when its next delay is negative, and the
 * pacer's delay is Ta times the number of active check lists, so a freed agent answers a negative
 * Ta: a pacer that escaped the cancel runs at most once more and stops.
 */
final class FreeableAgent extends Agent {

    private volatile boolean freed;

    @Override
    public void free() {
        freed = true; // before ice4j cancels the pacer, so a run that escapes it sees it
        super.free();
    }

    @Override
    protected long calculateTa() {
        return freed ? -1 : super.calculateTa();
    }
}
