package io.p3protocol.query.reports;

/**
 * A compliance report: state rebuilt by replaying the event store from its start up to an instant into a fresh,
 * in-memory projection. Adding a report means adding one Spring bean implementing this interface; it is then
 * served at {@code GET /api/reports/{name}} in JSON, HTML and CSV, with the event range it covers and the Merkle
 * checkpoint and anchor that vouch for it.
 */
public interface ComplianceReport {
    /** The URL name, e.g. {@code tenant-access}. */
    String name();

    /** A human title for the HTML page. */
    String title();

    /**
     * A new, empty projection for one run. Its {@code @EventHandler} methods (plain Axon annotations, with
     * {@code @Timestamp}, {@code @MetaDataValue} and the like as parameters) receive, in global order, every event
     * of the request's scope stamped at or before {@link ReportRequest#asOf()}. It must not be a Spring bean: it
     * lives for one run and never touches a database.
     */
    ReportProjection newProjection(ReportRequest request);

    /**
     * Event types that hold no tenant's data and that a tenant-limited run still receives (e.g. Merkle checkpoints,
     * which are hashes over every tenant). Empty by default: a tenant run sees its own tenant's events only.
     */
    default java.util.Set<Class<?>> tenantFreeEvents() {
        return java.util.Set.of();
    }
}
