package io.p3protocol.kernel.messaging;

/** Metadata every command and event carries, so the audit trail can say who did what, for whom, and why. */
public final class MetadataKeys {
    /** The tenant whose data the message concerns. */
    public static final String TENANT_ID = "tenantId";
    /** The authenticated principal, e.g. {@code key:3f0c…} or {@code platform-admin}. */
    public static final String ACTOR = "actor";
    /** The id shared by every message that one outside request set off. */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the message that directly caused this one. */
    public static final String CAUSATION_ID = "causationId";
    /** The id of the HTTP request (from {@code X-Request-Id} or generated). */
    public static final String REQUEST_ID = "requestId";

    private MetadataKeys() {
    }
}
