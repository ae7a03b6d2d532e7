package dev.remotemedia.rtc.transport.ice;

import static dev.remotemedia.rtc.transport.ice.IceCheckStart.Decision.ARM_TIMER;
import static dev.remotemedia.rtc.transport.ice.IceCheckStart.Decision.START;
import static dev.remotemedia.rtc.transport.ice.IceCheckStart.Decision.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IceCheckStartTest {

    private final IceCheckStart start = new IceCheckStart();

    @Test
    void startsAtOnceWhenARemoteCandidateIsKnownWithTheCredentials() {
        start.remoteCandidateAdded();
        assertThat(start.decide()).as("before gathering and credentials").isEqualTo(WAIT);

        start.prerequisitesMet();

        assertThat(start.decide()).isEqualTo(START);
        assertThat(start.started()).isTrue();
    }

    @Test
    void withNothingToCheckArmsOneTimerAndStartsWhenTheFirstCandidateComes() {
        start.prerequisitesMet();
        assertThat(start.decide()).isEqualTo(ARM_TIMER);
        assertThat(start.decide()).as("the timer is armed once").isEqualTo(WAIT);

        start.remoteCandidateAdded();

        assertThat(start.decide()).isEqualTo(START);
    }

    @Test
    void aRemoteCheckIceAnsweredStartsTheChecksWithoutTheRemoteCandidates() {
        start.prerequisitesMet();
        assertThat(start.decide()).isEqualTo(ARM_TIMER);

        start.remoteCheckAnswered();

        assertThat(start.decide()).isEqualTo(START);
    }

    @Test
    void endOfCandidatesOrThePacingIntervalStartsTheChecksWithNothingToCheck() {
        start.prerequisitesMet();
        start.decide();
        start.remoteEndOfCandidates();
        assertThat(start.decide()).isEqualTo(START);

        final IceCheckStart other = new IceCheckStart();
        other.prerequisitesMet();
        assertThat(other.decide()).isEqualTo(ARM_TIMER);
        other.pacingIntervalElapsed();
        assertThat(other.decide()).isEqualTo(START);
    }

    @Test
    void startsOnlyOnce() {
        start.prerequisitesMet();
        start.remoteEndOfCandidates();
        assertThat(start.decide()).isEqualTo(START);

        start.remoteCandidateAdded();

        assertThat(start.decide()).isEqualTo(WAIT);
    }
}
