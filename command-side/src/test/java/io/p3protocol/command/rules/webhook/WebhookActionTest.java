package io.p3protocol.command.rules.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p3protocol.command.rules.actions.ActionResult;
import io.p3protocol.kernel.rules.ExecutionMode;
import io.p3protocol.kernel.rules.RuleTriggeredEvent;
import io.p3protocol.kernel.vault.SecretValues;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook action's tries, headers and results, against a scripted transport (no network). */
class WebhookActionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] SIGNING = "signing-key-value".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    /** Answers from a script (a status, or null for a connection error) and records what was sent. */
    static final class ScriptedTransport implements WebhookTransport {
        final Deque<Integer> script;
        final List<Map<String, String>> sentHeaders = new ArrayList<>();
        final List<byte[]> sentBodies = new ArrayList<>();

        ScriptedTransport(Integer... statuses) {
            script = new ArrayDeque<>();
            for (Integer status : statuses) {
                script.add(status == null ? -1 : status);
            }
        }

        @Override
        public Answer post(WebhookTarget target, Map<String, String> headers, byte[] body) throws IOException {
            sentHeaders.add(Map.copyOf(headers));
            sentBodies.add(body);
            int status = script.remove();
            if (status < 0) {
                throw new ConnectException("Connection refused");
            }
            return new Answer(status, "{\"received\":true}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static WebhookAction action(WebhookTransport transport, List<String> allowList) {
        SecretValues secrets = (tenant, name) -> new SecretValues.CurrentSecret(name, 4, SIGNING.clone());
        WebhookAllowLists allowLists = new WebhookAllowLists(null) {
            @Override
            public List<String> hostsOf(String tenantId) {
                return allowList;
            }
        };
        return new WebhookAction(new WebhookKeys(secrets, null), allowLists, transport,
                host -> new InetAddress[]{InetAddress.getByName(host.equals("hooks.example.com") ? "93.184.216.34"
                        : host)},
                Clock.fixed(NOW, ZoneOffset.UTC), 3, Duration.ofMillis(1));
    }

    private static ActionResult run(WebhookAction webhook, String actionJson) throws Exception {
        JsonNode event = JSON.readTree("{\"eventType\":\"LedgerEventRecordedEvent\",\"amount\":150}");
        RuleTriggeredEvent execution = new RuleTriggeredEvent("rule-1@event-1", "rule-1", "tenant-1", "r", "event-1",
                "LedgerEventRecordedEvent", "agg", NOW, ExecutionMode.LIVE, true, null, JSON.readTree(actionJson),
                event, null, 1);
        ObjectNode metadata = JsonNodeFactory.instance.objectNode().put("action", "webhook");
        return webhook.run(execution, execution.action(), "rule-1@event-1#0", metadata);
    }

    @Test
    void fiveHundredsAreRetriedWithTheSameDeliveryIdUntilSuccess() throws Exception {
        ScriptedTransport transport = new ScriptedTransport(500, 503, 200);

        ActionResult result = run(action(transport, List.of()), "{\"type\":\"webhook\",\"url\":\"https://hooks.example.com/in\"}");

        assertThat(result.success()).isTrue();
        assertThat(result.result().toString())
                .isEqualTo("{\"url\":\"https://hooks.example.com/in\",\"status\":200,\"response\":{\"received\":true}}");
        assertThat(result.metadata().get("tries").asInt()).isEqualTo(3);
        assertThat(transport.sentHeaders).extracting(h -> h.get("X-P3-Delivery"))
                .containsOnly("rule-1@event-1#0").hasSize(3);
    }

    @Test
    void connectionErrorsAndTooManyRequestsAreRetriedUpToTheLimit() throws Exception {
        ScriptedTransport transport = new ScriptedTransport(null, 429, 502);

        ActionResult result = run(action(transport, List.of()), "{\"type\":\"webhook\",\"url\":\"https://hooks.example.com/in\"}");

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo("Webhook request failed with status 502");
        assertThat(transport.sentBodies).hasSize(3);
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        ScriptedTransport transport = new ScriptedTransport(400, 200);

        ActionResult result = run(action(transport, List.of()), "{\"type\":\"webhook\",\"url\":\"https://hooks.example.com/in\"}");

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo("Webhook request failed with status 400");
        assertThat(transport.sentBodies).hasSize(1);
    }

    @Test
    void theBodyIsThePayloadOrTheEventAndEveryTryIsSigned() throws Exception {
        ScriptedTransport transport = new ScriptedTransport(200);

        run(action(transport, List.of()), "{\"type\":\"webhook\",\"url\":\"https://hooks.example.com/in\","
                + "\"headers\":{\"X-Custom\":\"1\",\"X-P3-Delivery\":\"forged\",\"Host\":\"internal\","
                + "\"User-Agent\":\"mine\"}}");

        Map<String, String> headers = transport.sentHeaders.get(0);
        byte[] body = transport.sentBodies.get(0);
        assertThat(new String(body, StandardCharsets.UTF_8))
                .isEqualTo("{\"eventType\":\"LedgerEventRecordedEvent\",\"amount\":150}");
        assertThat(headers).containsEntry("X-Custom", "1").containsEntry("X-P3-Delivery", "rule-1@event-1#0")
                .containsEntry("User-Agent", "mine").containsEntry("Content-Type", "application/json")
                .containsEntry("X-P3-Signing-Key-Version", "4").doesNotContainKey("Host");
        assertThat(WebhookSignature.verify(SIGNING, headers.get("X-P3-Signature"), body, NOW.getEpochSecond(), 300))
                .isTrue();
    }

    @Test
    void aLoopbackTargetWithoutTheAllowListIsRefusedAndNothingIsSent() throws Exception {
        ScriptedTransport transport = new ScriptedTransport(200);

        ActionResult result = run(action(transport, List.of()), "{\"type\":\"webhook\",\"url\":\"http://127.0.0.1:8080/in\"}");

        assertThat(result.success()).isFalse();
        assertThat(result.error()).startsWith("Webhook refused: 127.0.0.1 resolves to 127.0.0.1, loopback");
        assertThat(result.metadata().get("refused").asBoolean()).isTrue();
        assertThat(transport.sentBodies).isEmpty();
    }

    @Test
    void anAllowListedLoopbackTargetIsSent() throws Exception {
        ScriptedTransport transport = new ScriptedTransport(204);

        ActionResult result = run(action(transport, List.of("127.0.0.1")),
                "{\"type\":\"webhook\",\"url\":\"http://127.0.0.1:8080/in\"}");

        assertThat(result.success()).isTrue();
        assertThat(transport.sentBodies).hasSize(1);
    }
}
