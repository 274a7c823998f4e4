package io.p3protocol.app.operations;

import java.util.List;

/**
 * One streaming event processor as the {@code processors} actuator endpoint shows it.
 *
 * @param mode       {@code pooled} or {@code tracking}
 * @param running    whether this node runs it (a stopped processor handles nothing)
 * @param error      whether it is in error (it retries with back-off and its read models fall behind)
 * @param replaying  whether any segment is still replaying
 * @param lag        the largest segment lag: events in the store the processor has not handled yet
 */
public record ProcessorReport(String name, String mode, boolean running, boolean error, boolean replaying, long lag,
                              DeadLetters deadLetters, List<Segment> segments) {

    /**
     * @param position      global index of the last event handled (null: none yet)
     * @param lag           head global index − position
     * @param resetPosition during a replay, the global index the replay runs up to
     * @param owner         the node holding the segment's claim (null: unclaimed)
     * @param claimedHere   whether this node processes the segment
     * @param error         the failure the segment is retrying after, if any
     */
    public record Segment(int segment, Long position, long lag, boolean replaying, Long resetPosition, String owner,
                          boolean claimed, boolean claimedHere, String error) {
    }

    /**
     * @param enabled   whether failed events of this processor are dead-lettered (otherwise a failure stops it)
     * @param sequences sequences (events of one aggregate) waiting in the dead-letter queue
     * @param letters   events waiting in the dead-letter queue
     */
    public record DeadLetters(boolean enabled, long sequences, long letters) {
        static final DeadLetters DISABLED = new DeadLetters(false, 0, 0);
    }
}
