package io.p3protocol.query.reports;

/** The in-memory state of one report run. */
public interface ReportProjection {
    /** The report body after the replay, serialized as JSON (and rendered as HTML tables). */
    Object result();
}
