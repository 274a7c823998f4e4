package io.p3protocol.app.operations;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

import java.util.OptionalLong;

/**
 * Where a segment stands, and whether it is still replaying, judged by position. Axon keeps a segment's
 * {@link ReplayToken} (and reports {@code isReplaying() == true}) until an event <em>after</em> the reset point
 * arrives, so on a quiet store a finished replay would look unfinished forever. Here a replay is done once the
 * segment's position has reached the position the store had when the tokens were reset.
 *
 * @param position      global index of the last event the segment handled (null: none yet)
 * @param resetPosition while a replay token is in place, the global index the replay runs up to
 */
record ReplayProgress(Long position, Long resetPosition) {

    /** From this node's live status of a segment it processes. */
    static ReplayProgress of(EventTrackerStatus status) {
        // The status's getTrackingToken() unwraps the replay token: position and reset come from its own getters.
        return new ReplayProgress(boxed(status.getCurrentPosition()), boxed(status.getResetPosition()));
    }

    /** From a token as stored in the token table (segments another node, or nobody, processes). */
    static ReplayProgress of(TrackingToken token) {
        if (token == null) {
            return new ReplayProgress(null, null);
        }
        Long resetPosition = WrappedToken.unwrap(token, ReplayToken.class)
                .map(replay -> replay.getTokenAtReset())
                .map(atReset -> boxed(atReset.position()))
                .orElse(null);
        return new ReplayProgress(boxed(token.position()), resetPosition);
    }

    boolean replaying() {
        return resetPosition != null && (position == null || position < resetPosition);
    }

    /** Events in the store up to {@code head} this segment has not handled yet. */
    long lag(long head) {
        return Math.max(0, head - (position == null ? 0 : position));
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
