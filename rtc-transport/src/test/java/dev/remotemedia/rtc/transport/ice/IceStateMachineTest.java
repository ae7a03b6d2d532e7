package dev.remotemedia.rtc.transport.ice;

import static dev.remotemedia.rtc.transport.ice.IceTransportState.CHECKING;
import static dev.remotemedia.rtc.transport.ice.IceTransportState.CLOSED;
import static dev.remotemedia.rtc.transport.ice.IceTransportState.COMPLETED;
import static dev.remotemedia.rtc.transport.ice.IceTransportState.CONNECTED;
import static dev.remotemedia.rtc.transport.ice.IceTransportState.DISCONNECTED;
import static dev.remotemedia.rtc.transport.ice.IceTransportState.FAILED;
import static dev.remotemedia.rtc.transport.ice.IceTransportState.NEW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.testing.FakeTimeSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IceStateMachineTest {

    private static final long ICE_TIMEOUT = Duration.ofSeconds(10).toNanos();
    private static final long DISCONNECTED_AFTER = Duration.ofSeconds(10).toNanos();
    private static final long CONSENT_TIMEOUT = Duration.ofSeconds(30).toNanos();

    private final FakeTimeSource clock = FakeTimeSource.of();
    private final IceStateMachine machine = new IceStateMachine(ICE_TIMEOUT, DISCONNECTED_AFTER, CONSENT_TIMEOUT);

    @Test
    void waitsInNewWithNoDeadlineUntilChecksStart() {
        assertThat(machine.state()).isEqualTo(NEW);
        assertThat(machine.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(machine.advanceTime(clock.nowNanos() + ICE_TIMEOUT * 5)).isNull();
    }

    @Test
    void connectsWhenAPairIsSelectedWithinTheIceTimeout() {
        assertThat(machine.onChecksStarted(clock.nowNanos())).isEqualTo(CHECKING);
        clock.advance(ICE_TIMEOUT - 1);
        assertThat(machine.advanceTime(clock.nowNanos())).isNull();
        assertThat(machine.onPairSelected(clock.nowNanos())).isEqualTo(CONNECTED);
    }

    @Test
    void failsWhenNoPairIsSelectedWithinTheIceTimeout() {
        machine.onChecksStarted(clock.nowNanos());

        assertThat(machine.nextDeadlineNanos()).isEqualTo(clock.nowNanos() + ICE_TIMEOUT);
        clock.setNanos(machine.nextDeadlineNanos());
        assertThat(machine.advanceTime(clock.nowNanos())).isEqualTo(FAILED);
        assertThat(machine.onPairSelected(clock.nowNanos())).isNull();
        assertThat(machine.state()).isEqualTo(FAILED);
        assertThat(machine.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void failsWhenIce4jGivesUpBeforeConnecting() {
        machine.onChecksStarted(clock.nowNanos());

        assertThat(machine.onAgentFailed()).isEqualTo(FAILED);
    }

    @Test
    void ignoresIce4jFailingAfterAPairWasSelected() {
        connect();

        assertThat(machine.onAgentFailed()).isNull();
        assertThat(machine.state()).isEqualTo(CONNECTED);
    }

    @Test
    void connectsOnTheFirstValidPairWithoutWaitingForNomination() {
        machine.onChecksStarted(clock.nowNanos());
        clock.advance(Duration.ofMillis(3).toNanos());

        assertThat(machine.onPairValidated(clock.nowNanos())).isEqualTo(CONNECTED);
        assertThat(machine.nextDeadlineNanos()).as("consent runs from the valid pair")
                                               .isEqualTo(clock.nowNanos() + DISCONNECTED_AFTER);
        assertThat(machine.onPairValidated(clock.nowNanos())).as("a second valid pair").isNull();
        assertThat(machine.onPairSelected(clock.nowNanos())).as("nomination later").isNull();
        assertThat(machine.state()).isEqualTo(CONNECTED);
        assertThat(machine.onAgentFailed()).as("selected: ice4j's failure no longer counts").isNull();
    }

    @Test
    void failsWhenIce4jGivesUpAfterAValidPairButBeforeSelectingOne() {
        machine.onChecksStarted(clock.nowNanos());
        machine.onPairValidated(clock.nowNanos());

        assertThat(machine.onAgentFailed()).isEqualTo(FAILED);
        assertThat(machine.onPairSelected(clock.nowNanos())).isNull();
        assertThat(machine.state().canSend()).isFalse();
    }

    @Test
    void completesOnlyWhenChecksFinishedAndTheRemoteEndedItsCandidates() {
        connect();

        assertThat(machine.onChecksFinished()).isNull();
        assertThat(machine.onRemoteEndOfCandidates()).isEqualTo(COMPLETED);
    }

    @Test
    void completesInEitherOrder() {
        assertThat(machine.onRemoteEndOfCandidates()).isNull();
        connect();

        assertThat(machine.onChecksFinished()).isEqualTo(COMPLETED);
    }

    @Test
    void goesDisconnectedWithoutConsentAndBackWhenConsentReturns() {
        connect();
        clock.advance(DISCONNECTED_AFTER / 2);
        assertThat(machine.onConsent(clock.nowNanos())).isNull();

        clock.setNanos(machine.nextDeadlineNanos());
        assertThat(machine.advanceTime(clock.nowNanos())).isEqualTo(DISCONNECTED);
        assertThat(machine.state().canSend()).isTrue();

        clock.advance(1);
        assertThat(machine.onConsent(clock.nowNanos())).isEqualTo(CONNECTED);
    }

    @Test
    void returnsToCompletedAfterADisconnectionOfACompletedTransport() {
        connect();
        machine.onChecksFinished();
        machine.onRemoteEndOfCandidates();
        clock.setNanos(machine.nextDeadlineNanos());
        assertThat(machine.advanceTime(clock.nowNanos())).isEqualTo(DISCONNECTED);

        assertThat(machine.onConsent(clock.nowNanos())).isEqualTo(COMPLETED);
    }

    @Test
    void failsAndStopsSendingWhenConsentExpires() {
        long connectedAt = connect();
        clock.setNanos(machine.nextDeadlineNanos());
        machine.advanceTime(clock.nowNanos());

        assertThat(machine.nextDeadlineNanos()).isEqualTo(connectedAt + CONSENT_TIMEOUT);
        clock.setNanos(machine.nextDeadlineNanos());
        assertThat(machine.advanceTime(clock.nowNanos())).isEqualTo(FAILED);
        assertThat(machine.state().canSend()).isFalse();
        assertThat(machine.onConsent(clock.nowNanos())).isNull();
    }

    @Test
    void closesFromAnyStateOnce() {
        connect();

        assertThat(machine.onClose()).isEqualTo(CLOSED);
        assertThat(machine.onClose()).isNull();
        assertThat(machine.onConsent(clock.nowNanos())).isNull();
        assertThat(machine.advanceTime(Long.MAX_VALUE / 2)).isNull();
        assertThat(machine.state()).isEqualTo(CLOSED);
    }

    /** Connects and returns when. */
    private long connect() {
        machine.onChecksStarted(clock.nowNanos());
        clock.advance(Duration.ofMillis(10).toNanos());
        machine.onPairSelected(clock.nowNanos());
        assertThat(machine.state()).isEqualTo(CONNECTED);
        return clock.nowNanos();
    }
}
