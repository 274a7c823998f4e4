package io.p3protocol.app.operations;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayProgressTest {
    private static TrackingToken at(long index) {
        return GapAwareTrackingToken.newInstance(index, Set.of());
    }

    @Test
    void aReplayTokenThatReachedItsResetPositionIsDoneAlthoughAxonStillCallsItAReplay() {
        TrackingToken caughtUp = new ReplayToken(at(10)).advancedTo(at(10));

        assertThat(ReplayToken.isReplay(caughtUp)).as("Axon waits for a newer event").isTrue();
        ReplayProgress progress = ReplayProgress.of(caughtUp);
        assertThat(progress.replaying()).isFalse();
        assertThat(progress.position()).isEqualTo(10);
        assertThat(progress.resetPosition()).isEqualTo(10);
    }

    @Test
    void aReplayTokenBehindItsResetPositionIsReplaying() {
        TrackingToken behind = new ReplayToken(at(10)).advancedTo(at(4));

        ReplayProgress progress = ReplayProgress.of(behind);
        assertThat(progress.replaying()).isTrue();
        assertThat(progress.lag(10)).isEqualTo(6);
    }

    @Test
    void aReplayThatHasHandledNothingYetIsReplaying() {
        assertThat(ReplayProgress.of(ReplayToken.createReplayToken(at(10))).replaying()).isTrue();
    }

    @Test
    void anOrdinaryTokenIsNotReplaying() {
        ReplayProgress progress = ReplayProgress.of(at(7));
        assertThat(progress.replaying()).isFalse();
        assertThat(progress.resetPosition()).isNull();
        assertThat(progress.lag(9)).isEqualTo(2);
    }

    @Test
    void aSegmentWithoutTokenHasHandledNothing() {
        ReplayProgress progress = ReplayProgress.of((TrackingToken) null);
        assertThat(progress.position()).isNull();
        assertThat(progress.lag(5)).isEqualTo(5);
    }
}
