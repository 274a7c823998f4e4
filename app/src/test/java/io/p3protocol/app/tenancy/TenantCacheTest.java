package io.p3protocol.app.tenancy;

import io.micrometer.core.instrument.MeterRegistry;
import io.p3protocol.app.messaging.VerifiedAggregateCache;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.kernel.tenancy.TenantSuspendedEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenants stay loaded between commands ({@code tenantCache}), and a cached tenant is checked against the store before
 * it decides, so a change another node appended is never missed.
 */
@IntegrationTest
class TenantCacheTest {
    @LocalServerPort
    int port;
    @Autowired
    VerifiedAggregateCache tenantCache;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    private double loads(String result) {
        return meters.get("p3.aggregate.cache").tag("aggregate", "Tenant").tag("result", result).counter().count();
    }

    private TestApi.Response issueViewerKey(String tenant) {
        return api.post("/api/tenants/" + tenant + "/api-keys", TestApi.ADMIN_KEY, Map.of("roles", List.of("viewer")));
    }

    @Test
    void theNextCommandOnATenantUsesTheCachedTenant() {
        String tenant = api.createTenant("cached-" + System.nanoTime());
        assertThat(tenantCache.containsKey(tenant)).isTrue();
        double hitsBefore = loads("hit");

        assertThat(issueViewerKey(tenant).status()).isEqualTo(201);

        assertThat(loads("hit") - hitsBefore).isEqualTo(1.0);
    }

    @Test
    void aSuspensionAnotherNodeAppendedIsSeenBeforeTheCachedTenantIssuesAKey() {
        String tenant = api.createTenant("cached-elsewhere-" + System.nanoTime());
        assertThat(issueViewerKey(tenant).status()).isEqualTo(201);
        assertThat(tenantCache.containsKey(tenant)).isTrue();
        double staleBefore = loads("stale");

        // Another node suspends the tenant: its event reaches the shared store, never this node's cache.
        long next = jdbc.queryForObject("SELECT max(sequencenumber) + 1 FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, tenant);
        eventStore.publish(new GenericDomainEventMessage<>("Tenant", tenant, next,
                new TenantSuspendedEvent(tenant, "suspended on another node")));
        assertThat(tenantCache.containsKey(tenant)).isTrue();

        TestApi.Response refused = issueViewerKey(tenant);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("tenant_suspended");
        assertThat(loads("stale") - staleBefore).isEqualTo(1.0);
    }
}
