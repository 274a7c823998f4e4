package io.p3protocol.app.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.p3protocol.app.support.RateLimitWindows;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.kernel.vault.SecretValues;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one PostgreSQL (the P3_DB_URL deployment): both take commands, credentials written on one work on
 * the other at once, and the segments of the pooled "tenancy-views" processor are shared between them through
 * the token table, so the read model holds what either node wrote. The nodes are two application contexts in
 * this JVM, each with its own node name, started one after the other on a PostgreSQL this test runs itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesOnOnePostgresTest {
    private static final String PROCESSOR = "tenancy-views";
    private static final Duration BALANCING = Duration.ofSeconds(60);
    private static final String MASTER_KEY = "two-nodes-test-master-passphrase-0123456789";

    private EmbeddedPostgres postgres;
    private JdbcTemplate database;
    private AppNode nodeA;
    private AppNode nodeB;

    @BeforeAll
    void startPostgresAndTwoNodes(@TempDir Path dir) throws IOException {
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("postgres")).setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60)).start();
        database = new JdbcTemplate(postgres.getPostgresDatabase());
        nodeA = startNode("node-a", dir);
        nodeB = startNode("node-b", dir);
    }

    private AppNode startNode(String name, Path dir) {
        String url = postgres.getJdbcUrl("postgres", "postgres");
        return AppNode.start("p3.db.url=" + url, "spring.datasource.url=" + url,
                "spring.datasource.username=postgres", "spring.datasource.password=",
                "p3.admin-key=" + TestApi.ADMIN_KEY, "p3.node-name=" + name, "p3.data-dir=" + dir.resolve(name),
                "p3.master-key=" + MASTER_KEY); // nodes sharing a database share the vault master passphrase
    }

    @AfterAll
    void stopAll() throws IOException {
        for (AppNode node : new AppNode[]{nodeB, nodeA}) {
            if (node != null) {
                node.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void withADatabaseUrlNoNodeStartsAnEmbeddedPostgres() {
        assertThat(nodeA.context().getBeansOfType(EmbeddedPostgres.class)).isEmpty();
        assertThat(nodeB.context().getBeansOfType(EmbeddedPostgres.class)).isEmpty();
        assertThat(nodeA.jdbc().queryForObject("SELECT inet_server_port()", Integer.class))
                .isEqualTo(postgres.getPort());
    }

    @Test
    void theSecondNodeFindsTheSchemaMigratedAndMigratesNothingTwice() {
        List<String> versions = database.queryForList(
                "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL", String.class);
        assertThat(versions).isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    void bothNodesAcceptCommands() {
        assertThat(nodeA.api().createTenant("made on A")).isNotBlank();
        assertThat(nodeB.api().createTenant("made on B")).isNotBlank();
    }

    @Test
    void theProcessorSegmentsAreClaimedByBothNodes() {
        await().atMost(BALANCING).untilAsserted(() ->
                assertThat(segmentOwners()).containsExactlyInAnyOrder("node-a", "node-b"));
    }

    @Test
    void theReadModelHoldsTheTenantsCreatedOnEitherNode() {
        List<String> created = List.of(nodeA.api().createTenant("view A1"), nodeB.api().createTenant("view B1"),
                nodeA.api().createTenant("view A2"), nodeB.api().createTenant("view B2"));
        await().atMost(BALANCING).untilAsserted(() -> assertThat(tenantViewIds()).containsAll(created));
    }

    @Test
    void aKeyIssuedOnOneNodeAuthenticatesOnTheOtherAtOnce() {
        String tenant = nodeA.api().createTenant("key shared");
        String key = nodeA.api().issueKey(tenant, "admin").get("apiKey").asText();

        TestApi.Response issuedOnB = nodeB.api().post("/api/tenants/" + tenant + "/api-keys", key,
                Map.of("roles", List.of("viewer")));
        assertThat(issuedOnB.status()).as(issuedOnB.body()).isEqualTo(201);
    }

    @Test
    void aTenantCachedOnOneNodeDecidesWithWhatTheOtherNodeChanged() {
        String tenant = nodeA.api().createTenant("cached on A");
        assertThat(issueViewerKey(nodeA, tenant).status()).isEqualTo(201); // A has the tenant cached now

        assertThat(nodeB.api().post("/api/tenants/" + tenant + "/suspend", TestApi.ADMIN_KEY,
                Map.of("reason", "suspended through B")).status()).isEqualTo(200);
        TestApi.Response refusedOnA = issueViewerKey(nodeA, tenant);
        assertThat(refusedOnA.status()).as(refusedOnA.body()).isEqualTo(409);
        assertThat(refusedOnA.json().get("code").asText()).isEqualTo("tenant_suspended");

        assertThat(nodeB.api().post("/api/tenants/" + tenant + "/reactivate", TestApi.ADMIN_KEY, Map.of())
                .status()).isEqualTo(200);
        TestApi.Response issuedOnA = issueViewerKey(nodeA, tenant);
        assertThat(issuedOnA.status()).as(issuedOnA.body()).isEqualTo(201);
    }

    /**
     * Does {@code action} {@code rounds} times, each time on both nodes at once, and returns every outcome: node A's,
     * then node B's, round after round.
     */
    private <T> List<T> raceOnBothNodes(int rounds, BiFunction<AppNode, Integer, T> action) throws Exception {
        ExecutorService both = Executors.newFixedThreadPool(2);
        List<T> answers = new ArrayList<>();
        try {
            for (int round = 0; round < rounds; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                int r = round;
                Future<T> onA = both.submit(() -> {
                    start.await();
                    return action.apply(nodeA, r);
                });
                Future<T> onB = both.submit(() -> {
                    start.await();
                    return action.apply(nodeB, r);
                });
                answers.add(onA.get(30, TimeUnit.SECONDS));
                answers.add(onB.get(30, TimeUnit.SECONDS));
            }
        } finally {
            both.shutdownNow();
        }
        return answers;
    }

    private static Map<Integer, Integer> statuses(List<TestApi.Response> answers) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        answers.forEach(answer -> statuses.merge(answer.status(), 1, Integer::sum));
        return statuses;
    }

    /** Lost races both nodes' command gateways decided again (ConflictRetryScheduler). */
    private double conflictRetries() {
        double retried = 0;
        for (AppNode node : List.of(nodeA, nodeB)) {
            retried += node.context().getBean(MeterRegistry.class).find("p3.command.conflict.retries")
                    .tag("result", "retried").counters().stream().mapToDouble(Counter::count).sum();
        }
        return retried;
    }

    @Test
    void renamesRacingOnBothNodesAreAllDecidedInTurnAsOnOneNode() throws Exception {
        String tenant = nodeA.api().createTenant("raced");
        double retriedBefore = conflictRetries();

        List<TestApi.Response> answers = raceOnBothNodes(30, (node, round) -> node.api().post(
                "/api/tenants/" + tenant + "/rename", TestApi.ADMIN_KEY, Map.of("name", (node == nodeA ? "A" : "B") + round)));

        // Both nodes decided on the same tenant version at once in some rounds. The store refused the second
        // append (before the retry it answered 409, and with Axon's default resolver 500); the loser was decided
        // again on the fresh state, as it would have been after waiting for the aggregate's lock on one node.
        assertThat(statuses(answers)).as("statuses").isEqualTo(Map.of(200, 60));
        assertThat(conflictRetries() - retriedBefore).as("lost races decided again").isPositive();
        assertThat(database.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE '%TenantRenamedEvent'", Long.class, tenant)).isEqualTo(60);
    }

    @Test
    void keysIssuedForOneTenantOnBothNodesAtOnceAreAllIssued() throws Exception {
        // A key per SSO login: two users of one tenant logging in through two nodes at the same moment.
        String tenant = nodeA.api().createTenant("keys raced");
        double retriedBefore = conflictRetries();

        List<TestApi.Response> answers = raceOnBothNodes(30, (node, round) -> issueViewerKey(node, tenant));

        assertThat(statuses(answers)).as("statuses").isEqualTo(Map.of(201, 60));
        assertThat(conflictRetries() - retriedBefore).as("lost races decided again").isPositive();
        assertThat(database.queryForObject("SELECT count(*) FROM auth_api_key WHERE tenant_id = ?", Long.class, tenant))
                .isEqualTo(60);
    }

    @Test
    void rotationsRacingOnBothNodesEachSucceedOrAnswer409NeverAFailure() throws Exception {
        // A vault rotation is not RetriedOnConflict: the loser of a race answers 409 (with Axon's default resolver,
        // a lost race of any command answered 500).
        String tenant = nodeA.api().createTenant("rotations raced");
        String key = nodeA.api().issueKey(tenant, "admin").get("apiKey").asText();
        nodeA.context().getBean(SecretValues.class).currentOrGenerate(tenant, "IP_SALT"); // a secret to rotate

        List<TestApi.Response> answers = raceOnBothNodes(30, (node, round) ->
                node.api().post("/api/vault/secrets/IP_SALT/rotate", key, Map.of()));

        assertThat(statuses(answers).keySet()).as("statuses %s", statuses(answers)).containsOnly(200, 409).contains(409);
        assertThat(answers).filteredOn(answer -> answer.status() == 409)
                .allSatisfy(answer -> assertThat(answer.json().get("code").asText()).isEqualTo("concurrent_modification"));
    }

    private static TestApi.Response issueViewerKey(AppNode node, String tenant) {
        return node.api().post("/api/tenants/" + tenant + "/api-keys", TestApi.ADMIN_KEY,
                Map.of("roles", List.of("viewer")));
    }

    @Test
    void aSecretBothNodesGenerateAtOnceIsStoredOnceAndBothUseIt() throws Exception {
        for (int round = 0; round < 10; round++) {
            String tenant = nodeA.api().createTenant("generated on both " + round);
            // Both nodes find no secret and store one: the loser's append collides with the winner's in the
            // store (a unique violation), which must reach the vault as a conflict it handles, not a failure.
            List<SecretValues.CurrentSecret> fromAThenB = raceOnBothNodes(1, (node, r) ->
                    node.context().getBean(SecretValues.class).currentOrGenerate(tenant, "IP_SALT"));
            SecretValues.CurrentSecret a = fromAThenB.get(0);
            SecretValues.CurrentSecret b = fromAThenB.get(1);

            assertThat(a.version()).isEqualTo(1);
            assertThat(b.version()).isEqualTo(1);
            assertThat(a.value()).isEqualTo(b.value());
        }
    }

    @Test
    void aSecretRotatedOnOneNodeIsTheNewVersionOnTheOtherAtOnce() {
        String tenant = nodeA.api().createTenant("vault shared");
        String key = nodeA.api().issueKey(tenant, "admin").get("apiKey").asText();
        SecretValues onB = nodeB.context().getBean(SecretValues.class);
        byte[] cachedOnB = onB.currentOrGenerate(tenant, "IP_SALT").value(); // generated on B, now cached there

        TestApi.Response rotated = nodeA.api().post("/api/vault/secrets/IP_SALT/rotate", key, Map.of("reveal", true));
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);

        SecretValues.CurrentSecret seenOnB = onB.currentOrGenerate(tenant, "IP_SALT");
        assertThat(seenOnB.version()).isEqualTo(2);
        assertThat(new String(seenOnB.value(), StandardCharsets.UTF_8))
                .isEqualTo(rotated.json().get("value").asText())
                .isNotEqualTo(new String(cachedOnB, StandardCharsets.UTF_8));
    }

    @Test
    void requestsAlternatingBetweenTheNodesShareOneRateLimitBudget() {
        int limit = 5;
        String tenant = nodeA.api().createTenant("rate limit shared");
        String key = nodeA.api().issueKey(tenant, "admin").get("apiKey").asText();
        TestApi.Response policy = nodeA.api().send(HttpRequest.newBuilder(
                        URI.create(nodeA.api().base() + "/api/tenants/" + tenant + "/policy"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"sandbox\":false,\"rateLimitRpm\":" + limit + "}")),
                TestApi.ADMIN_KEY);
        assertThat(policy.status()).as(policy.body()).isEqualTo(200);
        RateLimitWindows.awaitRoomInCurrentWindow();

        for (int i = 1; i <= limit; i++) {
            AppNode node = i % 2 == 1 ? nodeA : nodeB;
            TestApi.Response within = node.api().get("/api/reports", key);
            assertThat(within.status()).as("request %d: %s", i, within.body()).isEqualTo(200);
        }
        TestApi.Response sixthOnB = nodeB.api().get("/api/reports", key);
        TestApi.Response seventhOnA = nodeA.api().get("/api/reports", key);

        for (TestApi.Response over : List.of(sixthOnB, seventhOnA)) {
            assertThat(over.status()).as(over.body()).isEqualTo(429);
            assertThat(over.json().get("code").asText()).isEqualTo("rate_limited");
            assertThat(over.header("Retry-After")).isNotBlank();
        }
    }

    @Test
    void requestsAlternatingBetweenTheNodesShareOneMonthlyQuota() {
        JsonNode issued = adminKeyWithQuota("quota shared", 4);
        String key = issued.get("apiKey").asText();

        for (int i = 1; i <= 4; i++) {
            AppNode node = i % 2 == 1 ? nodeA : nodeB;
            TestApi.Response within = node.api().get("/api/reports", key);
            assertThat(within.status()).as("request %d: %s", i, within.body()).isEqualTo(200);
        }
        TestApi.Response fifthOnA = nodeA.api().get("/api/reports", key);
        TestApi.Response sixthOnB = nodeB.api().get("/api/reports", key);

        for (TestApi.Response over : List.of(fifthOnA, sixthOnB)) {
            assertThat(over.status()).as(over.body()).isEqualTo(429);
            assertThat(over.json().get("code").asText()).isEqualTo("quota_exceeded");
        }
    }

    /**
     * Each node spends a key's quota from chunks it leases in the database; chunks grow while plenty is left and
     * shrink to one unit near the end, so requests alternating between the nodes are served exactly up to the
     * quota — no unit is spent twice, none is stranded on the other node — and both nodes' usage counts reach the
     * read model.
     */
    @Test
    void leasedQuotaChunksAddUpToExactlyTheQuotaAcrossNodes() {
        int quota = 40;
        JsonNode issued = adminKeyWithQuota("quota leases", quota);
        String key = issued.get("apiKey").asText();
        String keyId = issued.get("keyId").asText();

        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 1; i <= quota + 10; i++) {
            statuses.add((i % 2 == 1 ? nodeA : nodeB).api().get("/api/reports", key).status());
        }

        assertThat(statuses.subList(0, quota)).as(statuses.toString()).containsOnly(200);
        assertThat(statuses.subList(quota, quota + 10)).as(statuses.toString()).containsOnly(429);
        assertThat(database.queryForObject("SELECT reserved FROM api_key_usage WHERE key_id = ?", Long.class, keyId))
                .isEqualTo(quota);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(database.queryForObject(
                "SELECT total FROM api_key_usage WHERE key_id = ?", Long.class, keyId)).isEqualTo(quota));
    }

    /**
     * Both nodes hammering one key at once never get more than the quota served between them; units one node held
     * unused when the other was refused go back to the budget once idle, so the quota is then served in full.
     */
    @Test
    void concurrentRequestsOnBothNodesNeverExceedTheQuota() throws Exception {
        int quota = 60;
        JsonNode issued = adminKeyWithQuota("quota leases concurrent", quota);
        String key = issued.get("apiKey").asText();

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Callable<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < quota * 2; i++) {
                AppNode node = i % 2 == 0 ? nodeA : nodeB;
                calls.add(() -> node.api().get("/api/reports", key).status());
            }
            long served = 0;
            for (java.util.concurrent.Future<Integer> status : pool.invokeAll(calls)) {
                served += status.get() == 200 ? 1 : 0;
            }
            assertThat(served).isLessThanOrEqualTo(quota);
            long[] total = {served};
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                total[0] += nodeA.api().get("/api/reports", key).status() == 200 ? 1 : 0;
                return total[0] >= quota;
            });
            assertThat(total[0]).isEqualTo(quota);
            assertThat(nodeA.api().get("/api/reports", key).status()).isEqualTo(429);
            assertThat(nodeB.api().get("/api/reports", key).status()).isEqualTo(429);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The HTTP checks read the policy through a per-node cache: a change made through node A reaches node B's
     * feature gate within the cache's bound (1 s), not only when B restarts.
     */
    @Test
    void aPolicyChangedThroughOneNodeGatesFeaturesOnTheOtherWithinTheCacheBound() {
        String tenant = nodeA.api().createTenant("policy cache shared");
        String key = nodeA.api().issueKey(tenant, "admin").get("apiKey").asText();
        TestApi.Response before = nodeB.api().get("/api/vault/secrets", key); // B caches the default policy
        assertThat(before.status()).as(before.body()).isNotEqualTo(403);

        TestApi.Response policy = nodeA.api().send(HttpRequest.newBuilder(
                        URI.create(nodeA.api().base() + "/api/tenants/" + tenant + "/policy"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"sandbox\":false,\"allowedFeatures\":[\"payments\"]}")),
                TestApi.ADMIN_KEY);
        assertThat(policy.status()).as(policy.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            TestApi.Response after = nodeB.api().get("/api/vault/secrets", key);
            assertThat(after.status()).as(after.body()).isEqualTo(403);
            assertThat(after.json().get("code").asText()).isEqualTo("feature_not_allowed");
        });
    }

    /** Last, because it stops node B. */
    @Test
    @Order(Integer.MAX_VALUE)
    void whenANodeStopsTheOtherTakesOverAllSegments() {
        await().atMost(BALANCING).until(() -> segmentOwners().size() == 2 && segmentOwners().contains("node-b"));
        nodeB.close();

        await().atMost(BALANCING).untilAsserted(() ->
                assertThat(segmentOwners()).containsExactly("node-a", "node-a"));
        String tenant = nodeA.api().createTenant("after B left");
        await().atMost(BALANCING).untilAsserted(() -> assertThat(tenantViewIds()).contains(tenant));
    }

    private List<String> segmentOwners() {
        return database.queryForList("SELECT owner FROM tokenentry WHERE processorname = ? ORDER BY segment",
                String.class, PROCESSOR);
    }

    private List<String> tenantViewIds() {
        return database.queryForList("SELECT tenant_id FROM tenant_view", String.class);
    }

    /** A new tenant's admin key with this monthly quota, issued on node A: the 201 body. */
    private JsonNode adminKeyWithQuota(String tenantName, int quota) {
        String tenant = nodeA.api().createTenant(tenantName);
        TestApi.Response issued = nodeA.api().post("/api/tenants/" + tenant + "/api-keys", TestApi.ADMIN_KEY,
                Map.of("roles", List.of("admin"), "quotaMonthly", quota));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        return issued.json();
    }
}
