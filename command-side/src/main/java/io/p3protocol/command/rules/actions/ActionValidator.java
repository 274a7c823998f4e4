package io.p3protocol.command.rules.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.command.rules.conditions.js.Js;
import io.p3protocol.command.rules.conditions.js.JsError;
import io.p3protocol.command.rules.conditions.js.JsJson;
import io.p3protocol.command.rules.webhook.WebhookTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Validates a rule's action (one action object or an ordered array of them) before it is stored: the original's
 * {@link ActionCheck} messages, which it only produced when the action ran. Empty when valid.
 *
 * <p>For an array, each message is prefixed "Action &lt;i&gt;: "; an empty array is valid (the original ran no
 * action and reported the rule as executed). Additions to the original:
 * <ul>
 *   <li>a missing or null action: "Action must be an object or an array of actions" (the original's HTTP schema
 *       rejected it; its engine threw a TypeError);</li>
 *   <li>ledger_allocate buckets must be one of ops, r&amp;d, grants, reserve (the original's database CHECK
 *       constraint rejected others when the action ran): "Allocation &lt;i&gt;: bucket must be one of ops, r&amp;d,
 *       grants, reserve".</li>
 *   <li>a webhook url must be an http or https URL with a host ("url must be an http or https URL", "url must name
 *       a host", "url must be a valid http or https URL"): the original's fetch failed on anything else when the
 *       action ran. Whether the host may be reached is decided when the action runs (the SSRF guard), because
 *       DNS answers and the tenant's allow-list change.</li>
 * </ul>
 */
public final class ActionValidator {
    public static final Set<String> LEDGER_BUCKETS = Set.of("ops", "r&d", "grants", "reserve");

    private ActionValidator() {
    }

    public static List<String> validate(JsonNode action) {
        List<String> errors = new ArrayList<>();
        if (action != null && action.isArray()) {
            for (int i = 0; i < action.size(); i++) {
                for (String error : validateOne(action.get(i))) {
                    errors.add("Action " + i + ": " + error);
                }
            }
        } else {
            errors.addAll(validateOne(action));
        }
        return errors;
    }

    private static List<String> validateOne(JsonNode action) {
        if (action == null || action.isNull() || action.isMissingNode()) {
            return List.of("Action must be an object or an array of actions");
        }
        List<String> errors = new ArrayList<>();
        try {
            ActionCheck.firstProblem(action).ifPresent(errors::add);
        } catch (JsError e) {
            errors.add(e.getMessage());
        }
        if (errors.isEmpty() && ActionCheck.type(action).orElse(null) == ActionCheck.Type.WEBHOOK) {
            try {
                WebhookTarget.urlProblem(Js.toJsString(JsJson.toJs(action.get("url")))).ifPresent(errors::add);
            } catch (JsError e) {
                errors.add(e.getMessage());
            }
        }
        if (errors.isEmpty() && ActionCheck.type(action).orElse(null) == ActionCheck.Type.LEDGER_ALLOCATE) {
            JsonNode allocations = action.get("allocations");
            for (int i = 0; i < allocations.size(); i++) {
                JsonNode bucket = allocations.get(i).get("bucket");
                if (bucket == null || !bucket.isTextual() || !LEDGER_BUCKETS.contains(bucket.textValue())) {
                    errors.add("Allocation " + i + ": bucket must be one of ops, r&d, grants, reserve");
                }
            }
        }
        return errors;
    }
}
