package io.p3protocol.command.rules.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.command.rules.actions.ActionResult;
import io.p3protocol.command.rules.actions.ActionSimulator;
import io.p3protocol.command.rules.conditions.Condition;
import io.p3protocol.command.rules.conditions.js.JsError;
import io.p3protocol.command.rules.conditions.js.JsJson;

import java.util.List;

/**
 * The original's evaluateRule in dry-run mode: evaluate the condition against the event; if it matched, simulate
 * the actions ({@link ActionSimulator}); any error the original would have thrown becomes
 * {@code {matched: false, error}}. Pure: no side effects, no counters.
 */
public final class RuleDryRun {
    private RuleDryRun() {
    }

    public static DryRunResult run(Condition condition, JsonNode action, JsonNode event) {
        try {
            if (!condition.test(JsJson.toJs(event))) {
                return DryRunResult.notMatched();
            }
            List<ActionResult> results = ActionSimulator.simulate(action, event);
            return new DryRunResult(true, null, results);
        } catch (JsError e) {
            return DryRunResult.failed(e.getMessage());
        }
    }
}
