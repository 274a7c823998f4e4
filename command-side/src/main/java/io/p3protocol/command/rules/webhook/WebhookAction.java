package io.p3protocol.command.rules.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p3protocol.command.rules.actions.ActionResult;
import io.p3protocol.command.rules.conditions.js.Js;
import io.p3protocol.command.rules.conditions.js.JsError;
import io.p3protocol.command.rules.conditions.js.JsJson;
import io.p3protocol.kernel.rules.RuleTriggeredEvent;
import io.p3protocol.kernel.vault.SecretValues.CurrentSecret;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The live {@code webhook} action (docs/rules.md#webhook): an HTTP POST of {@code payload || event} as JSON, signed,
 * optionally encrypted, only to targets the SSRF guard allows, retried within the attempt.
 * <ol>
 *   <li>Target: {@link WebhookTarget#check} (http/https, every resolved address public unless the tenant's
 *       allow-list names the host); a refusal is a failed result and nothing is sent.</li>
 *   <li>Body: the payload's JSON, or with {@code encryption.enabled} the {@link WebhookEnvelope} (AES-256-GCM under
 *       {@code WEBHOOK_ENCRYPTION_KEY}, bound to tenant and delivery id); encrypted once per attempt.</li>
 *   <li>Headers: the original's {@code Content-Type: application/json} and
 *       {@code User-Agent: P3-Protocol-Rules-Engine/1.0}, overridable by the action's {@code headers}; then, not
 *       overridable, {@code X-P3-Delivery: <executionId>#<action index>} (the same on every try and every retry, so
 *       receivers can deduplicate), {@code X-P3-Tenant}, {@code X-P3-Signing-Key-Version} and
 *       {@link WebhookSignature#HEADER} (computed per try, with that try's timestamp).</li>
 *   <li>Tries: up to {@code p3.rules.webhook.max-tries} (default 3) on connection errors, timeouts, 5xx and 429,
 *       waiting {@code p3.rules.webhook.backoff} (default 500 ms) and doubling; never again after another status.
 *       The last failure is the action's error (the original's {@code Webhook request failed with status <n>}),
 *       and the execution then takes the dead-letter path like any failed action.</li>
 * </ol>
 * Success gives the original's {@code {url, status, response: json || {}}}, metadata {@code {action, encrypted}}
 * plus {@code deliveryId} and {@code tries}.
 */
@Component
public class WebhookAction {
    public static final String DELIVERY_HEADER = "X-P3-Delivery";
    public static final String TENANT_HEADER = "X-P3-Tenant";
    public static final String KEY_VERSION_HEADER = "X-P3-Signing-Key-Version";
    static final String USER_AGENT = "P3-Protocol-Rules-Engine/1.0";
    /** Headers an action may not set: the transport's own and every X-P3- header. */
    private static final Set<String> RESERVED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "expect", "upgrade", "te", "trailer", "keep-alive", "proxy-connection");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookKeys keys;
    private final WebhookAllowLists allowLists;
    private final WebhookTransport transport;
    private final WebhookTarget.HostResolver resolver;
    private final Clock clock;
    private final int maxTries;
    private final Duration backoff;

    @Autowired
    public WebhookAction(WebhookKeys keys, WebhookAllowLists allowLists, WebhookTransport transport, Clock clock,
                         @Value("${p3.rules.webhook.max-tries:3}") int maxTries,
                         @Value("${p3.rules.webhook.backoff:500ms}") Duration backoff) {
        this(keys, allowLists, transport, InetAddress::getAllByName, clock, maxTries, backoff);
    }

    WebhookAction(WebhookKeys keys, WebhookAllowLists allowLists, WebhookTransport transport,
                  WebhookTarget.HostResolver resolver, Clock clock, int maxTries, Duration backoff) {
        this.keys = keys;
        this.allowLists = allowLists;
        this.transport = transport;
        this.resolver = resolver;
        this.clock = clock;
        this.maxTries = Math.max(1, maxTries);
        this.backoff = backoff;
    }

    public ActionResult run(RuleTriggeredEvent execution, JsonNode action, String deliveryId, ObjectNode metadata) {
        JsonNode encryption = action.get("encryption");
        boolean encrypted = encryption != null && !encryption.isNull()
                && Js.toBoolean(Js.getProperty(JsJson.toJs(encryption), "enabled")); // action.encryption?.enabled
        metadata.put("encrypted", encrypted);
        metadata.put("deliveryId", deliveryId);
        String url = Js.toJsString(JsJson.toJs(action.get("url")));
        String tenantId = execution.tenantId();
        try {
            WebhookTarget target = WebhookTarget.check(url, allowLists.hostsOf(tenantId), resolver);
            JsonNode payload = Js.toBoolean(JsJson.toJs(action.get("payload"))) ? action.get("payload")
                    : execution.event();
            byte[] body = JSON.writeValueAsBytes(payload);
            if (encrypted) {
                CurrentSecret secret = keys.encryptionKey(tenantId);
                SecretKey key = WebhookEnvelope.keyFromSecret(secret.value());
                body = JSON.writeValueAsBytes(WebhookEnvelope.seal(key, WebhookKeys.ENCRYPTION_KEY, secret.version(),
                        body, tenantId, deliveryId));
            }
            Map<String, String> headers = headers(action.get("headers"));
            headers.put(DELIVERY_HEADER, deliveryId);
            headers.put(TENANT_HEADER, tenantId);
            CurrentSecret signing = keys.signingKey(tenantId);
            headers.put(KEY_VERSION_HEADER, Integer.toString(signing.version()));
            return deliver(url, target, headers, body, signing.value(), metadata);
        } catch (WebhookRefused refused) {
            metadata.put("refused", true);
            return ActionResult.failed(refused.getMessage(), metadata);
        } catch (JsError e) {
            return ActionResult.failed(e.getMessage(), metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private ActionResult deliver(String url, WebhookTarget target, Map<String, String> headers, byte[] body,
                                 byte[] signingKey, ObjectNode metadata) {
        String error = null;
        for (int tryNumber = 1; tryNumber <= maxTries; tryNumber++) {
            if (tryNumber > 1) {
                pause(backoff.multipliedBy(1L << (tryNumber - 2)));
            }
            headers.put(WebhookSignature.HEADER,
                    WebhookSignature.header(signingKey, clock.instant().getEpochSecond(), body));
            metadata.put("tries", tryNumber);
            boolean retryable;
            try {
                WebhookTransport.Answer answer = transport.post(target, headers, body);
                int status = answer.status();
                if (status >= 200 && status < 300) {
                    metadata.remove("status");
                    ObjectNode result = NODES.objectNode().put("url", url).put("status", status);
                    result.set("response", responseJson(answer.body()));
                    return ActionResult.succeeded(result, metadata);
                }
                metadata.put("status", status);
                error = "Webhook request failed with status " + status;
                retryable = status >= 500 || status == 429;
            } catch (IOException e) {
                error = "Webhook request failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage());
                retryable = true;
            }
            if (!retryable) {
                break;
            }
        }
        return ActionResult.failed(error, metadata);
    }

    /** The original's defaults, then the action's {@code headers} (values as JavaScript String() would give). */
    private static Map<String, String> headers(JsonNode custom) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", USER_AGENT);
        if (custom != null && custom.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = custom.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> header = it.next();
                String name = header.getKey();
                String lower = name.toLowerCase(Locale.ROOT);
                if (!TOKEN.matcher(name).matches() || RESERVED.contains(lower) || lower.startsWith("x-p3-")) {
                    continue;
                }
                String value = Js.toJsString(JsJson.toJs(header.getValue()));
                if (value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
                    headers.put(name, value);
                }
            }
        }
        return headers;
    }

    private static JsonNode responseJson(byte[] answer) {
        try {
            JsonNode json = answer.length == 0 ? null : JSON.readTree(new String(answer, StandardCharsets.UTF_8));
            return json == null || json.isNull() || json.isMissingNode() ? NODES.objectNode() : json;
        } catch (IOException notJson) {
            return NODES.objectNode();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between webhook tries", e);
        }
    }
}
