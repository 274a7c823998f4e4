package io.p3protocol.bench;

import java.util.List;
import java.util.OptionalLong;

/**
 * What the bench needs to know about one streaming event processor, as read from {@code GET /actuator/processors}.
 * Positions are global event-store indexes; absent values are empty rather than guessed.
 */
public record ProcessorStatus(String name, Boolean replaying, OptionalLong position, OptionalLong lag, List<Segment> segments) {

    public ProcessorStatus {
        segments = List.copyOf(segments);
    }

    /**
     * One segment's tracker status. {@code replaying} is null when the endpoint did not say; {@code error} is the
     * failure the segment reports, or null.
     */
    public record Segment(int segment, Boolean replaying, OptionalLong position, OptionalLong resetPosition, String error) {

        public Segment(int segment, Boolean replaying, OptionalLong position, OptionalLong resetPosition) {
            this(segment, replaying, position, resetPosition, null);
        }

        /** True when this segment reports a replay that has not yet reached its reset position. */
        boolean stillReplaying() {
            boolean positions = position.isPresent() && resetPosition.isPresent();
            if (replaying == null) {
                // No flag: judge by the positions alone, when there are any.
                return positions && position.getAsLong() < resetPosition.getAsLong();
            }
            if (!replaying) {
                return false;
            }
            // Axon keeps a ReplayToken until an event *past* the reset point arrives, so a segment that has processed
            // everything up to its reset position can still say replaying=true on an idle store: count it as done.
            return !(positions && position.getAsLong() >= resetPosition.getAsLong());
        }
    }

    /** True when the processor or any of its segments says it is replaying (the flag as reported). */
    public boolean anyReplayingFlag() {
        return Boolean.TRUE.equals(replaying) || segments.stream().anyMatch(s -> Boolean.TRUE.equals(s.replaying()));
    }

    /**
     * True while the replay is still going: a segment reports replaying and has not reached its reset position, or,
     * when the endpoint gives no segments, the processor-level flag says so.
     */
    public boolean replayInProgress() {
        if (segments.isEmpty()) {
            return Boolean.TRUE.equals(replaying);
        }
        return segments.stream().anyMatch(Segment::stillReplaying);
    }

    /** Highest reset position over the segments (the end of the replay), if any segment reports one. */
    public OptionalLong maxResetPosition() {
        return segments.stream().filter(s -> s.resetPosition().isPresent())
                .mapToLong(s -> s.resetPosition().getAsLong()).max();
    }

    /** The segments' positions in segment order (-1 for none): equal snapshots over time mean no progress. */
    public List<Long> positions() {
        return segments.stream().map(s -> s.position().isPresent() ? s.position().getAsLong() : -1L).toList();
    }

    /** One line for logs and reports: lag, positions, reset positions, errors. */
    public String summary() {
        StringBuilder sb = new StringBuilder(name).append(": replaying=").append(replaying);
        lag.ifPresent(l -> sb.append(", lag=").append(l));
        for (Segment s : segments) {
            sb.append("; segment ").append(s.segment()).append(" position=")
                    .append(s.position().isPresent() ? String.valueOf(s.position().getAsLong()) : "none");
            s.resetPosition().ifPresent(r -> sb.append(" resetPosition=").append(r));
            if (s.error() != null) {
                sb.append(" error=").append(s.error());
            }
        }
        return sb.toString();
    }

    /** Lowest segment position (how far the slowest segment has got), else the processor-level position. */
    public OptionalLong minPosition() {
        OptionalLong min = segments.stream().filter(s -> s.position().isPresent())
                .mapToLong(s -> s.position().getAsLong()).min();
        return min.isPresent() ? min : position;
    }
}
