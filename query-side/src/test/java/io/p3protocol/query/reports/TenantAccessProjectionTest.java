package io.p3protocol.query.reports;

import io.p3protocol.kernel.apikeys.ApiKeyExpiredEvent;
import io.p3protocol.kernel.apikeys.ApiKeyIssuedEvent;
import io.p3protocol.kernel.apikeys.ApiKeyRevokedEvent;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.tenancy.TenantCreatedEvent;
import io.p3protocol.kernel.tenancy.TenantRenamedEvent;
import io.p3protocol.kernel.tenancy.TenantSuspendedEvent;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The tenant-access projection on its own, fed through the same Axon annotation support the replayer uses. */
class TenantAccessProjectionTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final TenantAccessReport report = new TenantAccessReport();

    private static void feed(AnnotationEventHandlerAdapter handlers, Object event, Instant at, String actor)
            throws Exception {
        handlers.handle(new GenericEventMessage<>(UUID.randomUUID().toString(), event,
                Map.of("actor", actor, "tenantId", "t1"), at));
    }

    private TenantAccessReport.Body run(Instant asOf, Object[][] events) throws Exception {
        ReportProjection projection = report.newProjection(new ReportRequest(null, asOf));
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        for (Object[] e : events) {
            feed(handlers, e[0], (Instant) e[1], (String) e[2]);
        }
        return (TenantAccessReport.Body) projection.result();
    }

    @Test
    void listsTenantsWithTheirKeysIssuersAndRevokers() throws Exception {
        TenantAccessReport.Body body = run(T0.plusSeconds(100), new Object[][]{
                {new TenantCreatedEvent("t1", "Acme"), T0, "platform-admin"},
                {new TenantRenamedEvent("t1", "Acme", "Acme Ltd"), T0.plusSeconds(1), "key:k0"},
                {new ApiKeyIssuedEvent("k1", "t1", Set.of(Role.VIEWER, Role.ADMIN), "h", null, 10), T0.plusSeconds(2),
                        "platform-admin"},
                {new ApiKeyRevokedEvent("k1", "t1", "left"), T0.plusSeconds(3), "key:k9"},
                {new TenantSuspendedEvent("t1", "unpaid"), T0.plusSeconds(4), "platform-admin"}});

        assertThat(body.tenants()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("Acme Ltd");
            assertThat(t.status()).isEqualTo("suspended");
            assertThat(t.keys()).singleElement().isEqualTo(new TenantAccessReport.KeyAccess("k1",
                    java.util.List.of("admin", "viewer"), "revoked", T0.plusSeconds(2), "platform-admin",
                    T0.plusSeconds(3), "key:k9", null));
        });
    }

    @Test
    void aKeyPastItsExpiryCountsAsExpiredEvenBeforeTheExpiryEventIsRecorded() throws Exception {
        Instant expiresAt = T0.plusSeconds(60);
        Object[][] events = {
                {new TenantCreatedEvent("t1", "Acme"), T0, "platform-admin"},
                {new ApiKeyIssuedEvent("k1", "t1", Set.of(Role.ADMIN), "h", expiresAt, 10), T0, "platform-admin"}};

        assertThat(run(expiresAt.minusMillis(1), events).tenants().get(0).keys().get(0).status()).isEqualTo("active");
        assertThat(run(expiresAt, events).tenants().get(0).keys().get(0).status()).isEqualTo("expired");
    }

    @Test
    void aRecordedExpiryIsExpired() throws Exception {
        Instant expiresAt = T0.plusSeconds(60);
        TenantAccessReport.Body body = run(T0.plusSeconds(30), new Object[][]{
                {new TenantCreatedEvent("t1", "Acme"), T0, "platform-admin"},
                {new ApiKeyIssuedEvent("k1", "t1", Set.of(Role.ADMIN), "h", expiresAt, 10), T0, "platform-admin"},
                {new ApiKeyExpiredEvent("k1", "t1", expiresAt), T0.plusSeconds(20), "system"}});
        assertThat(body.tenants().get(0).keys().get(0).status()).isEqualTo("expired");
    }
}
