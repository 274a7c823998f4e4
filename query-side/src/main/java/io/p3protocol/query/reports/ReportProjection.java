package io.p3protocol.query.reports;

/** The in-memory state of one report run. */
public interface ReportProjection {
    /** The report body after the replay, serialized as JSON (and rendered as HTML tables and CSV). */
    Object result();

    /**
     * The body, for a report that needs to know the event range the run read (e.g. to limit what it looks up
     * outside the replay to that range). Called once, after the replay; by default {@link #result()}.
     */
    default Object result(ReportRange range) {
        return result();
    }
}
