package io.p3protocol.app.plans;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.sso.RegisterSsoProviderCommand;
import io.p3protocol.kernel.sso.SsoProviderSettings;
import io.p3protocol.kernel.sso.SsoProviderType;
import io.p3protocol.kernel.security.Role;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tiers: the platform admin sets them; they decide a new key's default quota and whether SSO is allowed. */
@IntegrationTest
class TierTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;
    PlanApi plans;

    @BeforeEach
    void setUp() {
        plans = new PlanApi(new TestApi(port));
    }

    private String tenantOnTier(String name, String tier) {
        String tenant = plans.api.createTenant(name);
        TestApi.Response r = plans.putTier(tenant, TestApi.ADMIN_KEY, tier);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return tenant;
    }

    private TestApi.Response registerOidcProvider(String adminKey) {
        return plans.api.post("/api/enterprise/sso/providers", adminKey, Map.of("type", "oidc",
                "issuer", "http://127.0.0.1:9/idp", "clientId", "p3", "clientSecret", "s3cret",
                "redirectUri", plans.api.base() + "/api/enterprise/sso/callback"));
    }

    @Test
    void settingATierAnswersItsQuotaAndPerksAndRecordsTheActor() {
        String tenant = plans.api.createTenant("tier-set");

        TestApi.Response r = plans.putTier(tenant, TestApi.ADMIN_KEY, "Pro");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("tier").asText()).isEqualTo("pro");
        assertThat(r.json().get("quotaMonthly").asLong()).isEqualTo(500_000);
        assertThat(r.json().get("ssoAllowed").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(metadata, 'UTF8')::jsonb ->> 'actor' FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype = 'io.p3protocol.kernel.tenancy.TenantTierChangedEvent'""",
                String.class, tenant)).isEqualTo("platform-admin");
    }

    @Test
    void aKeyIssuedWithoutAQuotaGetsTheTiersQuota() {
        String tenant = tenantOnTier("tier-free-key", "free");

        JsonNode key = plans.issueKey(tenant, null, "viewer");

        assertThat(key.get("quotaMonthly").asLong()).isEqualTo(1_000);
    }

    @Test
    void anExplicitQuotaWinsOverTheTier() {
        String tenant = tenantOnTier("tier-explicit-key", "enterprise");

        JsonNode key = plans.issueKey(tenant, 7L, "viewer");

        assertThat(key.get("quotaMonthly").asLong()).isEqualTo(7);
    }

    @Test
    void aTenantWithoutATierKeepsTheDefaultQuota() {
        String tenant = plans.api.createTenant("tier-none-key");

        JsonNode key = plans.issueKey(tenant, null, "viewer");

        assertThat(key.get("quotaMonthly").asLong()).isEqualTo(100_000);
    }

    @Test
    void aTierWithoutSsoCannotRegisterAnSsoProviderAndNoSecretIsStored() {
        String tenant = tenantOnTier("tier-starter-sso", "starter");
        String adminKey = plans.issueKey(tenant, null, "admin").get("apiKey").asText();

        TestApi.Response r = registerOidcProvider(adminKey);

        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("sso_not_in_tier");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sso_provider_view WHERE tenant_id = ?", Long.class,
                tenant)).isZero();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry WHERE payloadtype LIKE 'io.p3protocol.kernel.vault.%'
                  AND convert_from(metadata, 'UTF8')::jsonb ->> 'tenantId' = ?""", Long.class, tenant)).isZero();
    }

    @Test
    void aTierWithSsoMayRegisterAnSsoProvider() {
        String tenant = tenantOnTier("tier-pro-sso", "pro");
        String adminKey = plans.issueKey(tenant, null, "admin").get("apiKey").asText();

        TestApi.Response r = registerOidcProvider(adminKey);

        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void aDirectlySentRegistrationIsRefusedOnTheCommandBusToo() {
        String tenant = tenantOnTier("tier-free-direct", "free");
        RegisterSsoProviderCommand register = new RegisterSsoProviderCommand(UUID.randomUUID().toString(), tenant,
                new SsoProviderSettings(SsoProviderType.SAML, "https://idp.example.com", "p3", null,
                        "https://p3.example.com/callback", List.of("openid"), Map.of("default", Set.of(Role.VIEWER))));

        assertThatThrownBy(() -> commands.sendAndWait(register)).isInstanceOf(AccessDenied.class)
                .hasMessageContaining("does not include SSO");
    }

    @Test
    void anUnknownTierIs400AndATenantKeyMayNotSetOne() {
        String tenant = plans.api.createTenant("tier-invalid");
        String adminKey = plans.issueKey(tenant, null, "admin").get("apiKey").asText();

        TestApi.Response unknown = plans.putTier(tenant, TestApi.ADMIN_KEY, "platinum");
        TestApi.Response byTenant = plans.putTier(tenant, adminKey, "enterprise");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("tier");
        assertThat(byTenant.status()).isEqualTo(403);
    }

    @Test
    void graphQlListsTheOriginalsTiers() {
        JsonNode tiers = plans.graphQl(TestApi.ADMIN_KEY,
                "{ tiers { tier name quotaMonthly monthlyPrice overagePerUnit ssoAllowed features } }", Map.of())
                .json().get("data").get("tiers");

        assertThat(tiers).extracting(t -> t.get("name").asText() + ":" + t.get("quotaMonthly").asLong() + ":"
                        + t.get("monthlyPrice").asText() + ":" + t.get("ssoAllowed").asBoolean())
                .containsExactly("Free:1000:0.00:false", "Starter:100000:49.00:false", "Pro:500000:199.00:true",
                        "Enterprise:5000000:999.00:true");
        assertThat(tiers.get(0).get("overagePerUnit").isNull()).isTrue();
        assertThat(tiers.get(3).get("features").asText()).contains("\"customAlerts\":true");
    }

    @Test
    void graphQlShowsTheTenantsTier() {
        String tenant = tenantOnTier("tier-graphql", "starter");
        String none = plans.api.createTenant("tier-graphql-none");

        JsonNode response = plans.graphQlUntil(TestApi.ADMIN_KEY,
                "query($a: ID!, $b: ID!) { a: tenant(id: $a) { tier } b: tenant(id: $b) { tier } }",
                Map.of("a", tenant, "b", none), r -> r.path("data").path("a").isObject()
                        && r.path("data").path("b").isObject());
        JsonNode data = response.get("data");
        assertThat(response.get("errors")).as(response.toString()).isNull();

        assertThat(data.get("a").get("tier").asText()).isEqualTo("STARTER");
        assertThat(data.get("b").get("tier").isNull()).isTrue();
    }
}
