package io.p3protocol.app.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.kernel.errors.SandboxSettlementBlocked;
import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.kernel.payments.RequestTransferCommand;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox is enforced on the command bus: through REST and through a direct command send alike, a sandboxed
 * tenant's chain-targeted command naming no chain or a production chain is refused, and the refusal is recorded.
 */
@IntegrationTest
class SandboxEnforcementTest {
    private static final String EXACT_BODY = "{\"error\":\"Settlement operations blocked in sandbox mode\","
            + "\"code\":\"SANDBOX_SETTLEMENT_BLOCKED\",\"sandboxChain\":\"%s\","
            + "\"allowedChains\":[\"sepolia\",\"goerli\",\"base-sepolia\",\"mumbai\",\"amoy\"],"
            + "\"tip\":\"Pass chain=sepolia to use sandbox settlement on testnet\"}";
    private static final String VIOLATION = "io.p3protocol.kernel.policy.SandboxViolationBlockedEvent";
    private static final String TRANSFER = "io.p3protocol.kernel.payments.TransferRequestedEvent";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;
    private final ObjectMapper json = new ObjectMapper();
    TestApi api;
    PolicyApi policies;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        policies = new PolicyApi(api);
    }

    /** A sandboxed tenant (sandbox chain {@code chain}, null for the default) and an operator key of it. */
    private String[] sandboxedTenant(String name, String chain) {
        String tenant = api.createTenant(name);
        Map<String, Object> policy = new java.util.HashMap<>(Map.of("sandbox", true));
        if (chain != null) {
            policy.put("sandboxChain", chain);
        }
        policies.setPolicy(tenant, policy);
        JsonNode key = api.issueKey(tenant, "operator");
        return new String[]{tenant, key.get("apiKey").asText(), key.get("keyId").asText()};
    }

    private List<JsonNode[]> events(String type, String tenant) {
        return jdbc.query("""
                SELECT convert_from(payload, 'UTF8') AS payload, convert_from(metadata, 'UTF8') AS metadata
                FROM domainevententry WHERE payloadtype = ?
                  AND convert_from(metadata, 'UTF8')::jsonb ->> 'tenantId' = ? ORDER BY globalindex""",
                (rs, i) -> {
                    try {
                        return new JsonNode[]{json.readTree(rs.getString("payload")),
                                json.readTree(rs.getString("metadata"))};
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, type, tenant);
    }

    @Test
    void aMainnetTransferOfASandboxedTenantIs403WithExactlyTheOriginalsBody() {
        String[] t = sandboxedTenant("sandbox-mainnet", null);

        TestApi.Response r = policies.transfer(t[1], "ethereum");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body()).isEqualTo(EXACT_BODY.formatted("sepolia"));
        assertThat(events(TRANSFER, t[0])).isEmpty();
    }

    @Test
    void theRefusalIsRecordedWithActorCommandTypeAndChain() {
        String[] t = sandboxedTenant("sandbox-recorded", "amoy");

        TestApi.Response r = policies.transfer(t[1], "Base");

        assertThat(r.body()).isEqualTo(EXACT_BODY.formatted("amoy"));
        List<JsonNode[]> recorded = events(VIOLATION, t[0]);
        assertThat(recorded).hasSize(1);
        JsonNode payload = recorded.get(0)[0];
        assertThat(payload.get("commandType").asText()).isEqualTo(RequestTransferCommand.class.getName());
        assertThat(payload.get("requestedChain").asText()).isEqualTo("Base");
        assertThat(payload.get("sandboxChain").asText()).isEqualTo("amoy");
        assertThat(recorded.get(0)[1].get(MetadataKeys.ACTOR).asText()).isEqualTo("key:" + t[2]);
        assertThat(recorded.get(0)[1].get(MetadataKeys.REQUEST_ID).asText()).isEqualTo(r.header("X-Request-Id"));
    }

    @Test
    void aTransferNamingNoChainIsRefusedToo() {
        String[] t = sandboxedTenant("sandbox-no-chain", null);

        TestApi.Response r = policies.transfer(t[1], null);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo(EXACT_BODY.formatted("sepolia"));
        assertThat(events(VIOLATION, t[0])).hasSize(1);
        assertThat(events(VIOLATION, t[0]).get(0)[0].get("requestedChain").isNull()).isTrue();
    }

    @Test
    void aTestnetTransferOfASandboxedTenantPassesInAnyCase() {
        String[] t = sandboxedTenant("sandbox-testnet", null);

        TestApi.Response r = policies.transfer(t[1], "Base-SEPOLIA");

        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().get("chain").asText()).isEqualTo("base-sepolia");
        assertThat(events(TRANSFER, t[0])).hasSize(1);
        assertThat(events(VIOLATION, t[0])).isEmpty();
    }

    @Test
    void aTenantOutsideTheSandboxMayUseAMainnet() {
        String tenant = api.createTenant("sandbox-off");
        String key = api.issueKey(tenant, "operator").get("apiKey").asText();

        TestApi.Response r = policies.transfer(key, "ethereum");

        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(events(TRANSFER, tenant)).hasSize(1);
    }

    @Test
    void aDirectCommandSendIsRefusedAndRecordedLikeARestCall() throws Exception {
        String[] t = sandboxedTenant("sandbox-direct", null);
        RequestTransferCommand command = new RequestTransferCommand(UUID.randomUUID().toString(), t[0], "polygon",
                PolicyApi.VALID_ADDRESS, "1");

        Throwable refusal = refusalOf(() -> commands.send(new GenericCommandMessage<>(command,
                MetaData.with(MetadataKeys.ACTOR, "rule:direct-test").and(MetadataKeys.TENANT_ID, t[0])))
                .get(10, TimeUnit.SECONDS));

        assertThat(refusal).isInstanceOf(SandboxSettlementBlocked.class);
        assertThat(((SandboxSettlementBlocked) refusal).sandboxChain()).isEqualTo("sepolia");
        assertThat(events(TRANSFER, t[0])).isEmpty();
        List<JsonNode[]> recorded = events(VIOLATION, t[0]);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0)[0].get("requestedChain").asText()).isEqualTo("polygon");
        assertThat(recorded.get(0)[1].get(MetadataKeys.ACTOR).asText()).isEqualTo("rule:direct-test");
    }

    @Test
    void aDirectTestnetSendOfASandboxedTenantSucceeds() throws Exception {
        String[] t = sandboxedTenant("sandbox-direct-ok", null);

        commands.send(new RequestTransferCommand(UUID.randomUUID().toString(), t[0], "mumbai",
                PolicyApi.VALID_ADDRESS, "1")).get(10, TimeUnit.SECONDS);

        assertThat(events(TRANSFER, t[0])).hasSize(1);
    }

    @Test
    void everyResponseToASandboxedTenantsKeyCarriesTheSandboxHeaders() {
        String[] t = sandboxedTenant("sandbox-headers", "goerli");

        TestApi.Response graphql = api.post("/graphql", t[1], Map.of("query", "{ me { actor } }"));
        TestApi.Response refused = policies.transfer(t[1], "ethereum");
        TestApi.Response notFound = api.get("/api/no-such-route", t[1]);

        for (TestApi.Response r : List.of(graphql, refused, notFound)) {
            assertThat(r.header("X-P3-Sandbox")).as(r.status() + " " + r.body()).isEqualTo("true");
            assertThat(r.header("X-P3-Sandbox-Chain")).isEqualTo("goerli");
        }
    }

    @Test
    void otherTenantsAndThePlatformAdminGetNoSandboxHeaders() {
        String tenant = api.createTenant("sandbox-headers-off");
        String key = api.issueKey(tenant, "operator").get("apiKey").asText();

        for (String caller : List.of(key, TestApi.ADMIN_KEY)) {
            TestApi.Response r = api.post("/graphql", caller, Map.of("query", "{ me { actor } }"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("X-P3-Sandbox")).isNull();
            assertThat(r.header("X-P3-Sandbox-Chain")).isNull();
        }
    }

    @Test
    void leavingTheSandboxTakesEffectAtOnce() {
        String[] t = sandboxedTenant("sandbox-left", null);
        assertThat(policies.transfer(t[1], "ethereum").status()).isEqualTo(403);

        policies.setPolicy(t[0], Map.of("sandbox", false));
        TestApi.Response r = policies.transfer(t[1], "ethereum");

        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.header("X-P3-Sandbox")).isNull();
    }

    /** The refusal, whether the gateway threw it at once or failed the returned future with it. */
    private static Throwable refusalOf(ThrowingRunnable send) {
        try {
            send.run();
        } catch (ExecutionException | CompletionException e) {
            return e.getCause();
        } catch (Throwable e) {
            return e;
        }
        throw new AssertionError("the command was not refused");
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
