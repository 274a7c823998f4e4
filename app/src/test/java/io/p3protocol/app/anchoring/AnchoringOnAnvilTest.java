package io.p3protocol.app.anchoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.command.anchoring.contract.AnchorRegistry;
import io.p3protocol.kernel.anchoring.AnchorRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.gas.DefaultGasProvider;

import java.math.BigInteger;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The whole service anchoring on a real anvil chain, through REST: request, transaction, confirmation depth,
 * duplicates. Its own context (anchoring configured), so it costs one more embedded PostgreSQL; it runs only when
 * tools/anvil is installed, or fails when P3_REQUIRE_ANVIL=1 demands it.
 */
@IntegrationTest
@EnabledIf("anvilInstalledOrRequired")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // its chain stops after the class: so does the app
class AnchoringOnAnvilTest {
    /** More than anvil's 1, so that "mined but not yet deep enough" is observable. */
    private static final int REQUIRED_CONFIRMATIONS = 2;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static AnvilChain anvil;
    private static String registry;

    @LocalServerPort
    int port;

    static boolean anvilInstalledOrRequired() {
        return "1".equals(System.getenv("P3_REQUIRE_ANVIL"))
                || Files.isExecutable(AnvilChain.repositoryRoot().resolve("tools/anvil/node_modules/.bin/anvil"));
    }

    @DynamicPropertySource
    static void anchorOnAnvil(DynamicPropertyRegistry properties) throws Exception {
        anvil = AnvilChain.start();
        registry = anvil.deployRegistry(AnvilChain.ACCOUNT_0);
        properties.add("p3.anchoring.rpc-url", anvil::rpcUrl);
        properties.add("p3.anchoring.chain-id", () -> AnvilChain.CHAIN_ID);
        properties.add("p3.anchoring.private-key", () -> AnvilChain.ACCOUNT_0.getEcKeyPair().getPrivateKey().toString(16));
        properties.add("p3.anchoring.contract-address", () -> registry);
        properties.add("p3.anchoring.confirmations", () -> REQUIRED_CONFIRMATIONS);
        properties.add("p3.anchoring.poll-interval", () -> "200ms");
    }

    @AfterAll
    static void stopChain() throws Exception {
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    void aRequestedRootIsMinedThenConfirmedOnceBuriedUnderTheRequiredDepth() throws Exception {
        TestApi api = new TestApi(port);
        String root = newRoot();

        TestApi.Response accepted = api.post("/api/anchoring/anchors", TestApi.ADMIN_KEY,
                Map.of("root", root, "count", 12, "meta", "checkpoint 1 [0..11]"));
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.header("Location")).isEqualTo("/api/anchoring/anchors/" + root);
        JsonNode submitted = await(api, root, a -> a.get("status").asText().equals("SUBMITTED"));
        String txHash = submitted.get("txHash").asText();
        TransactionReceipt receipt = anvil.awaitReceipt(txHash);
        // Mined (anvil mines at once) yet covered by 1 block of the 2 required: several polls leave it SUBMITTED.
        Thread.sleep(1_000);
        assertThat(anchor(api, root).get("status").asText()).isEqualTo("SUBMITTED");

        anvil.mine(1);
        JsonNode confirmed = await(api, root, a -> a.get("status").asText().equals("CONFIRMED"));

        assertThat(confirmed.get("txHash").asText()).isEqualTo(txHash);
        assertThat(confirmed.get("chainId").asLong()).isEqualTo(AnvilChain.CHAIN_ID);
        assertThat(confirmed.get("contractAddress").asText()).isEqualToIgnoringCase(registry);
        assertThat(confirmed.get("blockNumber").asLong()).isEqualTo(receipt.getBlockNumber().longValueExact());
        assertThat(confirmed.get("blockHash").asText()).isEqualTo(receipt.getBlockHash());
        assertThat(confirmed.get("confirmations").asLong()).isGreaterThanOrEqualTo(REQUIRED_CONFIRMATIONS);
        List<AnchorRegistry.AnchoredEventResponse> onChain = AnchorRegistry.getAnchoredEvents(receipt);
        assertThat(onChain).singleElement().satisfies(event -> {
            assertThat("0x" + HexFormat.of().formatHex(event.root)).isEqualTo(root);
            assertThat(event.count).isEqualTo(BigInteger.valueOf(12));
            assertThat(event.meta).isEqualTo("checkpoint 1 [0..11]");
        });
    }

    @Test
    void aRootAnchoredOnChainBeforeIsRecordedAsAlreadyAnchoredWithoutASecondTransaction() throws Exception {
        TestApi api = new TestApi(port);
        String root = newRoot();
        TransactionReceipt earlier = AnchorRegistry.load(registry, anvil.web3j(), anvil.signer(AnvilChain.ACCOUNT_1),
                new DefaultGasProvider()).anchor(AnchorRoot.bytes(root), BigInteger.valueOf(4), "elsewhere").send();
        BigInteger ourNonce = anvil.transactionCount(AnvilChain.ACCOUNT_0.getAddress());

        api.post("/api/anchoring/anchors", TestApi.ADMIN_KEY, Map.of("root", root, "count", 4, "meta", "elsewhere"));
        JsonNode found = await(api, root, a -> a.get("status").asText().equals("SUBMITTED"));

        assertThat(found.get("alreadyAnchored").asBoolean()).isTrue();
        assertThat(found.get("txHash").asText()).isEqualTo(earlier.getTransactionHash());
        assertThat(anvil.transactionCount(AnvilChain.ACCOUNT_0.getAddress())).isEqualTo(ourNonce);
    }

    @Test
    void requestingTheSameRootAgainStartsNoNewAttempt() {
        TestApi api = new TestApi(port);
        String root = newRoot();
        Map<String, Object> body = Map.of("root", root, "count", 1, "meta", "");
        api.post("/api/anchoring/anchors", TestApi.ADMIN_KEY, body);

        TestApi.Response again = api.post("/api/anchoring/anchors", TestApi.ADMIN_KEY, body);

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("newAttempt").asBoolean()).isFalse();
        assertThat(anchor(api, root).get("attempt").asInt()).isEqualTo(1);
    }

    @Test
    void aRulesAnchorActionAnchorsTheEventHashOnChain() throws Exception {
        TestApi api = new TestApi(port);
        String tenant = api.createTenant("anchor-rule");
        String operator = api.issueKey(tenant, "operator").get("apiKey").asText();
        String root = newRoot();
        TestApi.Response rule = api.post("/api/rules", operator, Map.of("name", "anchor receipts",
                "condition", Map.of("field", "memo", "operator", "eq", "value", "anchor-me"),
                "action", Map.of("type", "anchor", "eventHash", root)));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);

        TestApi.Response ledgerEvent = api.post("/api/ledger/events", operator,
                Map.of("amount", 1, "memo", "anchor-me"));
        assertThat(ledgerEvent.status()).as(ledgerEvent.body()).isEqualTo(201);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (api.get("/api/anchoring/anchors/" + root, TestApi.ADMIN_KEY).status() == 404) {
            assertThat(Instant.now()).as("the rule's anchor request within 30 s").isBefore(deadline);
            Thread.sleep(100); // the rule fires asynchronously: rule-triggers, then rule-actions
        }
        JsonNode submitted = await(api, root, a -> a.get("status").asText().equals("SUBMITTED"));
        TransactionReceipt receipt = anvil.awaitReceipt(submitted.get("txHash").asText());
        assertThat(AnchorRegistry.getAnchoredEvents(receipt)).singleElement().satisfies(event -> {
            assertThat("0x" + HexFormat.of().formatHex(event.root)).isEqualTo(root);
            assertThat(event.meta).isEqualTo("rule_action");
        });
    }

    @Test
    void aCheckpointRootIsAnchoredOnChainAndTheCheckpointShowsTheConfirmedAnchor() throws Exception {
        TestApi api = new TestApi(port);
        api.createTenant("anchored-checkpoint");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        TestApi.Response cut = api.post("/api/audit/checkpoints", TestApi.ADMIN_KEY, Map.of());
        while (cut.status() != 201) { // until the tenant's event is sealed and makes a new checkpoint
            assertThat(Instant.now()).as("a new checkpoint within 30 s; last: " + cut).isBefore(deadline);
            Thread.sleep(100);
            cut = api.post("/api/audit/checkpoints", TestApi.ADMIN_KEY, Map.of());
        }
        JsonNode checkpoint = cut.json();
        assertThat(checkpoint.get("anchoring").asText()).isEqualTo("requested");
        String root = "0x" + checkpoint.get("root").asText();

        JsonNode submitted = await(api, root, a -> a.get("status").asText().equals("SUBMITTED"));
        anvil.mine(1);
        await(api, root, a -> a.get("status").asText().equals("CONFIRMED"));

        JsonNode shown = api.get("/api/audit/checkpoints/" + checkpoint.get("id").asLong(), TestApi.ADMIN_KEY).json();
        assertThat(shown.get("anchoring").asText()).isEqualTo("CONFIRMED");
        assertThat(shown.get("anchor").get("txHash").asText()).isEqualTo(submitted.get("txHash").asText());
        TransactionReceipt receipt = anvil.awaitReceipt(submitted.get("txHash").asText());
        assertThat(AnchorRegistry.getAnchoredEvents(receipt)).singleElement().satisfies(event -> {
            assertThat("0x" + HexFormat.of().formatHex(event.root)).isEqualTo(root);
            assertThat(event.count).isEqualTo(BigInteger.valueOf(checkpoint.get("treeSize").asLong()));
            assertThat(event.meta).isEqualTo("p3-audit-checkpoint " + checkpoint.get("id").asLong() + " ["
                    + checkpoint.get("firstSeq").asLong() + ".." + checkpoint.get("lastSeq").asLong() + "]");
        });
    }

    /** An export checked by POST /api/audit/verify reproduces an anchored checkpoint's root: the anchor is confirmed. */
    @Test
    void verifyingAWholeStoreExportConfirmsTheOnChainAnchorOfTheCheckpointItCovers() throws Exception {
        TestApi api = new TestApi(port);
        api.createTenant("verified-anchor");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        TestApi.Response cut = api.post("/api/audit/checkpoints", TestApi.ADMIN_KEY, Map.of());
        while (cut.status() != 201) {
            assertThat(Instant.now()).as("a new checkpoint within 30 s; last: " + cut).isBefore(deadline);
            Thread.sleep(100);
            cut = api.post("/api/audit/checkpoints", TestApi.ADMIN_KEY, Map.of());
        }
        JsonNode checkpoint = cut.json();
        String root = "0x" + checkpoint.get("root").asText();
        JsonNode submitted = await(api, root, a -> a.get("status").asText().equals("SUBMITTED"));
        anvil.mine(1);
        await(api, root, a -> a.get("status").asText().equals("CONFIRMED"));

        TestApi.Response export = api.get("/api/audit/events", TestApi.ADMIN_KEY);
        assertThat(export.status()).isEqualTo(200);
        TestApi.Response verified = api.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(api.base() + "/api/audit/verify"))
                .header("Content-Type", "application/x-ndjson")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(export.body())), TestApi.ADMIN_KEY);

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        JsonNode sealed = verified.json().get("sealed");
        assertThat(verified.json().get("valid").asBoolean()).as(verified.body()).isTrue();
        JsonNode check = java.util.stream.StreamSupport.stream(sealed.get("checkpoints").spliterator(), false)
                .filter(c -> c.get("id").asLong() == checkpoint.get("id").asLong()).findFirst()
                .orElseThrow(() -> new AssertionError("checkpoint not covered: " + verified.body()));
        assertThat(check.get("confirmed").asBoolean()).isTrue();
        assertThat(check.get("anchoring").asText()).isEqualTo("CONFIRMED");
        assertThat(check.get("txHash").asText()).isEqualTo(submitted.get("txHash").asText());
        assertThat(check.get("anchorConfirmed").asBoolean()).isTrue();
    }

    private static String newRoot() {
        byte[] root = new byte[32];
        RANDOM.nextBytes(root);
        return "0x" + HexFormat.of().formatHex(root);
    }

    private static JsonNode anchor(TestApi api, String root) {
        TestApi.Response response = api.get("/api/anchoring/anchors/" + root, TestApi.ADMIN_KEY);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode await(TestApi api, String root, Predicate<JsonNode> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = anchor(api, root);
            if (condition.test(last)) {
                return last;
            }
            assertThat(last.get("status").asText()).as("anchor failed: " + last).isNotEqualTo("FAILED");
            Thread.sleep(100);
        }
        return fail("anchor " + root + " did not reach the expected state within 30 s; last: " + last);
    }
}
