package io.p3protocol.app.plans;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Zones: placing a tenant, the data region's agreement, and the GraphQL listing's filters. */
@IntegrationTest
class ZoneTest {
    private static final String ZONES = """
            query($provider: String, $region: String) { zones(provider: $provider, region: $region) {
              tenantId provider region placedAt placedBy } }""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    PlanApi plans;

    @BeforeEach
    void setUp() {
        plans = new PlanApi(new TestApi(port));
    }

    private String placedTenant(String name, String provider, String region) {
        String tenant = plans.api.createTenant(name);
        TestApi.Response r = plans.putZone(tenant, TestApi.ADMIN_KEY, provider, region);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return tenant;
    }

    private List<String> zoneTenants(String provider, String region, Set<String> among) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("provider", provider);
        variables.put("region", region);
        JsonNode response = plans.graphQl(TestApi.ADMIN_KEY, ZONES, variables).json();
        List<String> tenants = new ArrayList<>();
        response.get("data").get("zones").forEach(z -> {
            if (among.contains(z.get("tenantId").asText())) {
                tenants.add(z.get("tenantId").asText());
            }
        });
        return tenants;
    }

    @Test
    void placingATenantAnswersTheZoneAndRecordsTheActor() {
        String tenant = plans.api.createTenant("zone-place");

        TestApi.Response r = plans.putZone(tenant, TestApi.ADMIN_KEY, "AWS", "EU-West-1");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("provider").asText()).isEqualTo("aws");
        assertThat(r.json().get("region").asText()).isEqualTo("eu-west-1");
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(metadata, 'UTF8')::jsonb ->> 'actor' FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype = 'io.p3protocol.kernel.tenancy.TenantZoneChangedEvent'""",
                String.class, tenant)).isEqualTo("platform-admin");
    }

    @Test
    void anUnknownProviderOrRegionIs400NamingTheField() {
        String tenant = plans.api.createTenant("zone-invalid");

        TestApi.Response provider = plans.putZone(tenant, TestApi.ADMIN_KEY, "digitalocean", "nyc1");
        TestApi.Response region = plans.putZone(tenant, TestApi.ADMIN_KEY, "gcp", "eu-west-1");

        assertThat(provider.status()).isEqualTo(400);
        assertThat(provider.json().get("errors").get(0).get("field").asText()).isEqualTo("provider");
        assertThat(region.status()).isEqualTo(400);
        assertThat(region.json().get("errors").get(0).get("field").asText()).isEqualTo("region");
    }

    @Test
    void onlyThePlatformAdminPlacesTenants() {
        String tenant = plans.api.createTenant("zone-forbidden");
        String adminKey = plans.issueKey(tenant, null, "admin").get("apiKey").asText();

        assertThat(plans.putZone(tenant, adminKey, "aws", "eu-west-1").status()).isEqualTo(403);
    }

    @Test
    void aZoneOutsideThePolicysDataRegionIs409() {
        String tenant = plans.api.createTenant("zone-vs-policy");
        assertThat(plans.putPolicy(tenant, Map.of("sandbox", false, "dataRegion", "eu-west-1")).status())
                .isEqualTo(200);

        TestApi.Response r = plans.putZone(tenant, TestApi.ADMIN_KEY, "aws", "us-east-1");

        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().get("code").asText()).isEqualTo("data_region_mismatch");
    }

    @Test
    void aPolicyDataRegionOutsideTheZonesRegionIs409() {
        String tenant = placedTenant("policy-vs-zone", "aws", "eu-west-1");

        TestApi.Response r = plans.putPolicy(tenant, Map.of("sandbox", false, "dataRegion", "us-east-1"));

        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().get("code").asText()).isEqualTo("data_region_mismatch");
    }

    @Test
    void aPolicyDataRegionEqualToTheZonesRegionIsAccepted() {
        String tenant = placedTenant("policy-in-zone", "aws", "eu-west-1");

        assertThat(plans.putPolicy(tenant, Map.of("sandbox", false, "dataRegion", "eu-west-1")).status())
                .isEqualTo(200);
    }

    /**
     * The original let the region filter replace the provider filter: asking for gcp in eu-west-1 (an aws region)
     * then listed the aws tenants of eu-west-1. With AND there are none.
     */
    @Test
    void providerAndRegionFiltersAreCombinedByAnd() {
        String awsEu = placedTenant("zones-aws-eu", "aws", "eu-west-1");
        String awsUs = placedTenant("zones-aws-us", "aws", "us-east-1");
        String gcpEu = placedTenant("zones-gcp-eu", "gcp", "europe-west1");
        Set<String> mine = Set.of(awsEu, awsUs, gcpEu);

        assertThat(zoneTenants("gcp", "eu-west-1", mine)).isEmpty();
        assertThat(zoneTenants("aws", "eu-west-1", mine)).containsExactly(awsEu);
        assertThat(zoneTenants("aws", null, mine)).containsExactlyInAnyOrder(awsEu, awsUs);
        assertThat(zoneTenants(null, "europe-west1", mine)).containsExactly(gcpEu);
    }

    @Test
    void aTenantKeyListsOnlyItsOwnTenantsZone() {
        String mine = placedTenant("zones-own", "azure", "westeurope");
        placedTenant("zones-foreign", "azure", "westeurope");
        String key = plans.issueKey(mine, null, "viewer").get("apiKey").asText();

        JsonNode zones = plans.graphQl(key, ZONES, Map.of()).json().get("data").get("zones");

        assertThat(zones).extracting(z -> z.get("tenantId").asText()).containsExactly(mine);
    }

    @Test
    void graphQlShowsTheTenantsZone() {
        String tenant = placedTenant("zone-graphql", "gcp", "europe-west3");

        JsonNode zone = plans.graphQlUntil(TestApi.ADMIN_KEY,
                "query($id: ID!) { tenant(id: $id) { zone { provider region placedBy } } }", Map.of("id", tenant),
                r -> r.path("data").path("tenant").isObject()).get("data").get("tenant").get("zone");

        assertThat(zone.get("provider").asText()).isEqualTo("gcp");
        assertThat(zone.get("region").asText()).isEqualTo("europe-west3");
        assertThat(zone.get("placedBy").asText()).isEqualTo("platform-admin");
    }
}
