package io.p3protocol.command.rules.dryrun;

import io.p3protocol.command.rules.actions.ActionResult;

import java.util.List;

/**
 * The answer of a dry run, {@code {matched, error, actionResults}}: whether the condition matched the event; the
 * original's error message when evaluating it threw (then matched is false); and, when it matched, what each action
 * would have done (empty otherwise).
 */
public record DryRunResult(boolean matched, String error, List<ActionResult> actionResults) {
    public DryRunResult {
        actionResults = List.copyOf(actionResults);
    }

    public static DryRunResult notMatched() {
        return new DryRunResult(false, null, List.of());
    }

    public static DryRunResult failed(String error) {
        return new DryRunResult(false, error, List.of());
    }
}
