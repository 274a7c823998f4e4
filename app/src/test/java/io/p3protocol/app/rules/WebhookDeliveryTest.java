package io.p3protocol.app.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.Await;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook action end to end: a rule fired by a real domain event (a ledger event) POSTs to a real HTTP receiver
 * on 127.0.0.1, which verifies the signature and decrypts the body with the keys it revealed through the vault's
 * REST route, as a real receiver would (plain JCE, following docs/rules.md, not the production classes).
 */
@IntegrationTest
class WebhookDeliveryTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    TestApi api;
    RulesApi rules;
    String adminKey;
    WebhookReceiver receiver;

    @BeforeEach
    void setUp() throws Exception {
        api = new TestApi(port);
        rules = new RulesApi(api, "webhook-delivery");
        adminKey = api.issueKey(rules.tenantId, "admin").get("apiKey").asText();
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    private TestApi.Response putAllowList(String key, String body) {
        return api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/rules/webhook-allowlist"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)), key);
    }

    private void allowLoopback() {
        TestApi.Response r = putAllowList(adminKey, "{\"hosts\":[\"127.0.0.1\"]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private String webhookRule(String memo, String path, boolean encrypted) {
        String action = "{\"type\":\"webhook\",\"url\":\"" + receiver.url(path) + "\""
                + (encrypted ? ",\"encryption\":{\"enabled\":true}" : "") + "}";
        return rules.createRule("webhook " + memo, RulesApi.ledgerMemo(memo), RulesApi.json(action), null, null);
    }

    private JsonNode awaitTrigger(String ruleId, String status) {
        return rules.awaitTriggers("the execution " + status, Map.of("ruleId", ruleId),
                t -> t.size() == 1 && t.get(0).get("status").asText().equals(status)).get(0);
    }

    private String reveal(String name) {
        TestApi.Response r = api.post("/api/vault/secrets/" + name + "/reveal", adminKey, Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("value").asText();
    }

    private long deadLetters(String executionId) {
        return jdbc.queryForObject("SELECT count(*) FROM deadletterentry WHERE processinggroup = 'rule-actions' "
                + "AND sequenceidentifier = ?", Long.class, executionId);
    }

    @Test
    void theReceiverVerifiesTheSignatureAndDecryptsTheEventWithKeysRevealedFromTheVault() throws Exception {
        allowLoopback();
        String ruleId = webhookRule("webhook-encrypted", "/encrypted", true);

        String ledgerEventId = rules.recordLedgerEvent("150", "webhook-encrypted");

        JsonNode trigger = awaitTrigger(ruleId, "COMPLETED");
        List<WebhookReceiver.Received> got = receiver.received("/encrypted");
        assertThat(got).hasSize(1);
        WebhookReceiver.Received request = got.get(0);
        String deliveryId = trigger.get("executionId").asText() + "#0";
        assertThat(request.header("X-P3-Delivery")).isEqualTo(deliveryId);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("User-Agent")).isEqualTo("P3-Protocol-Rules-Engine/1.0");

        // signature: t=<unix>,v1=hex(HMAC-SHA256(UTF-8 of WEBHOOK_SIGNING_KEY, "<t>." + raw body))
        String signature = request.header("X-P3-Signature");
        assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
        long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
        assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(300);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(reveal("WEBHOOK_SIGNING_KEY").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        assertThat(signature.substring(signature.indexOf("v1=") + 3))
                .isEqualTo(HexFormat.of().formatHex(mac.doFinal(request.body())));

        // envelope: AES-256-GCM, key = base64url(WEBHOOK_ENCRYPTION_KEY), AAD "p3-webhook/v1\n<tenant>\n<delivery>"
        JsonNode envelope = RulesApi.JSON.readTree(request.body());
        assertThat(envelope.get("encrypted").asBoolean()).isTrue();
        assertThat(envelope.get("algorithm").asText()).isEqualTo("AES-256-GCM");
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).doesNotContain("webhook-encrypted");
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] ciphertext = b64.decode(envelope.get("ciphertext").asText());
        byte[] tag = b64.decode(envelope.get("tag").asText());
        byte[] sealed = new byte[ciphertext.length + tag.length];
        System.arraycopy(ciphertext, 0, sealed, 0, ciphertext.length);
        System.arraycopy(tag, 0, sealed, ciphertext.length, tag.length);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Base64.getUrlDecoder()
                        .decode(reveal("WEBHOOK_ENCRYPTION_KEY")), "AES"),
                new GCMParameterSpec(128, b64.decode(envelope.get("iv").asText())));
        cipher.updateAAD(("p3-webhook/v1\n" + rules.tenantId + "\n" + deliveryId).getBytes(StandardCharsets.UTF_8));
        JsonNode event = RulesApi.JSON.readTree(cipher.doFinal(sealed));

        assertThat(event.get("eventType").asText()).isEqualTo("LedgerEventRecordedEvent");
        assertThat(event.get("memo").asText()).isEqualTo("webhook-encrypted");
        assertThat(event.get("aggregateId").asText()).isEqualTo(ledgerEventId);
        assertThat(event.get("tenantId").asText()).isEqualTo(rules.tenantId);
        JsonNode result = RulesApi.json(trigger.get("results").asText()).get(0);
        assertThat(result.get("result").get("status").asInt()).isEqualTo(200);
        assertThat(result.get("metadata").get("encrypted").asBoolean()).isTrue();
    }

    @Test
    void aReceiverFailingTwiceGetsTheDeliveryOnceSuccessfullyWithTheSameDeliveryId() {
        allowLoopback();
        receiver.script("/flaky", 500, 500, 200);
        String ruleId = webhookRule("webhook-flaky", "/flaky", false);

        rules.recordLedgerEvent("1", "webhook-flaky");

        JsonNode trigger = awaitTrigger(ruleId, "COMPLETED");
        List<WebhookReceiver.Received> got = receiver.received("/flaky");
        assertThat(got).extracting(WebhookReceiver.Received::answeredWith).containsExactly(500, 500, 200);
        assertThat(got).extracting(r -> r.header("X-P3-Delivery"))
                .containsOnly(trigger.get("executionId").asText() + "#0");
        assertThat(new String(got.get(2).body(), StandardCharsets.UTF_8)).contains("\"memo\":\"webhook-flaky\"");
        assertThat(trigger.get("attempts").asInt()).isEqualTo(1);
        assertThat(RulesApi.json(trigger.get("results").asText()).get(0).get("metadata").get("tries").asInt())
                .isEqualTo(3);
        assertThat(deadLetters(trigger.get("executionId").asText())).isZero();
    }

    @Test
    void aClientErrorIsNotRetriedAndTheExecutionGoesToTheDeadLetterQueue() {
        allowLoopback();
        receiver.script("/reject", 400);
        String ruleId = webhookRule("webhook-reject", "/reject", false);

        rules.recordLedgerEvent("1", "webhook-reject");

        JsonNode trigger = awaitTrigger(ruleId, "FAILED");
        String executionId = trigger.get("executionId").asText();
        assertThat(RulesApi.json(trigger.get("results").asText()).get(0).get("error").asText())
                .isEqualTo("Webhook request failed with status 400");
        Await.until(Duration.ofSeconds(30), "the execution dead-lettered", () -> deadLetters(executionId) > 0);
        assertThat(jdbc.queryForObject("SELECT causemessage FROM deadletterentry WHERE processinggroup = "
                + "'rule-actions' AND sequenceidentifier = ? ORDER BY sequenceindex LIMIT 1", String.class, executionId))
                .contains("action 0 failed: Webhook request failed with status 400");
        assertThat(receiver.received("/reject")).hasSize(1);
    }

    @Test
    void aLoopbackUrlWithoutTheAllowListIsRefusedAndNothingIsSent() {
        String ruleId = webhookRule("webhook-refused", "/refused", true);

        rules.recordLedgerEvent("1", "webhook-refused");

        JsonNode trigger = awaitTrigger(ruleId, "FAILED");
        JsonNode result = RulesApi.json(trigger.get("results").asText()).get(0);
        assertThat(result.get("error").asText()).startsWith("Webhook refused: 127.0.0.1 resolves to 127.0.0.1, "
                + "loopback").contains("allow-list");
        assertThat(result.get("metadata").get("refused").asBoolean()).isTrue();
        Await.until(Duration.ofSeconds(30), "the execution dead-lettered",
                () -> deadLetters(trigger.get("executionId").asText()) > 0);
        assertThat(receiver.all()).isEmpty();
    }

    @Test
    void onlyATenantAdminSetsTheAllowListAndBadEntriesAreA400() {
        assertThat(putAllowList(rules.operatorKey, "{\"hosts\":[\"127.0.0.1\"]}").status()).isEqualTo(403);
        assertThat(putAllowList(TestApi.ADMIN_KEY, "{\"hosts\":[\"127.0.0.1\"]}").status()).isEqualTo(403);
        TestApi.Response bad = putAllowList(adminKey, "{\"hosts\":[\"ok.example\",\"http://x.example/\"]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("hosts[1]");

        TestApi.Response set = putAllowList(adminKey, "{\"hosts\":[\"Hooks.Internal.\",\"[::1]\"]}");

        assertThat(set.json().get("hosts").toString()).isEqualTo("[\"hooks.internal\",\"::1\"]");
        assertThat(api.get("/api/rules/webhook-allowlist", rules.operatorKey).json().get("hosts").toString())
                .isEqualTo("[\"hooks.internal\",\"::1\"]");
    }
}
