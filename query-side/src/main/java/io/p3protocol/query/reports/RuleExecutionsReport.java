package io.p3protocol.query.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.kernel.rules.RuleExecutionCompletedEvent;
import io.p3protocol.kernel.rules.RuleExecutionFailedEvent;
import io.p3protocol.kernel.rules.RuleTriggeredEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rule-executions}: which rules fired up to an instant, on which events, with which results. One row per
 * execution (a rule evaluated against one event, {@code <ruleId>@<eventId>}), in the order they were recorded, with
 * its status at {@code asOf}: {@code PENDING} (a live match whose actions had not finished), {@code COMPLETED} or
 * {@code FAILED} (the last attempt's action results), or {@code RECORDED} (a testing rule's simulated results, or a
 * condition that threw: nothing runs). Plus one summary line per rule.
 * <p>
 * Built only from {@code RuleTriggeredEvent}, {@code RuleExecutionCompletedEvent} and {@code RuleExecutionFailedEvent}
 * stamped at or before {@code asOf}, the same events the live {@code rule_triggers} read model is built from.
 */
@Component
public class RuleExecutionsReport implements ComplianceReport {
    public static final String NAME = "rule-executions";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Rule executions";
    }

    @Override
    public ReportProjection newProjection(ReportRequest request) {
        return new Projection();
    }

    /** @param executions every execution recorded up to asOf; {@code rows} lists them all */
    public record Body(int executions, int completed, int failed, int pending, int recorded, List<RuleSummary> rules,
                       List<Execution> rows) {
    }

    /** @param fired executions of the rule up to asOf; the counts by status follow */
    public record RuleSummary(String ruleId, String ruleName, String tenantId, int fired, int completed, int failed,
                              int pending, int recorded, Instant lastFiredAt) {
    }

    /**
     * @param results     the action results of the last attempt (live) or the simulated ones (testing); null while
     *                    pending, and for a condition error
     * @param attempts    attempts at running the actions (0 for pending and recorded executions)
     * @param triggeredAt when the match was recorded; {@code finishedAt} when the last attempt was
     */
    public record Execution(String executionId, String tenantId, String ruleId, String ruleName, String eventId,
                            String eventType, String aggregateId, Instant eventTimestamp, String mode,
                            boolean matched, String error, String status, JsonNode results, int attempts,
                            Long durationMillis, Instant triggeredAt, Instant finishedAt) {
    }

    static final class Projection implements ReportProjection {
        private final Map<String, Row> executions = new LinkedHashMap<>();

        private static final class Row {
            final RuleTriggeredEvent trigger;
            final Instant triggeredAt;
            String status;
            JsonNode results;
            int attempts;
            Long durationMillis;
            Instant finishedAt;

            Row(RuleTriggeredEvent trigger, Instant triggeredAt) {
                this.trigger = trigger;
                this.triggeredAt = triggeredAt;
                this.status = trigger.awaitsActions() ? "PENDING" : "RECORDED";
                this.results = trigger.simulatedResults();
                this.finishedAt = trigger.awaitsActions() ? null : triggeredAt;
            }
        }

        @EventHandler
        void on(RuleTriggeredEvent event, @Timestamp Instant at) {
            executions.putIfAbsent(event.executionId(), new Row(event, at)); // an execution is recorded once
        }

        @EventHandler
        void on(RuleExecutionCompletedEvent event, @Timestamp Instant at) {
            finish(event.executionId(), "COMPLETED", event.results(), event.attempt(), event.durationMillis(), at);
        }

        @EventHandler
        void on(RuleExecutionFailedEvent event, @Timestamp Instant at) {
            finish(event.executionId(), "FAILED", event.results(), event.attempt(), event.durationMillis(), at);
        }

        private void finish(String executionId, String status, JsonNode results, int attempt, long millis,
                            Instant at) {
            Row row = executions.get(executionId);
            if (row == null || attempt <= row.attempts) {
                return; // an attempt already counted (the read model's rule too)
            }
            row.status = status;
            row.results = results;
            row.attempts = attempt;
            row.durationMillis = millis;
            row.finishedAt = at;
        }

        @Override
        public Body result() {
            Map<String, RuleSummary> rules = new LinkedHashMap<>();
            int[] byStatus = new int[4];
            List<Execution> rows = executions.values().stream().map(r -> {
                RuleTriggeredEvent t = r.trigger;
                int s = statusIndex(r.status);
                byStatus[s]++;
                RuleSummary before = rules.get(t.ruleId());
                int[] counts = before == null ? new int[4]
                        : new int[]{before.completed(), before.failed(), before.pending(), before.recorded()};
                counts[s]++;
                rules.put(t.ruleId(), new RuleSummary(t.ruleId(), t.ruleName(), t.tenantId(),
                        before == null ? 1 : before.fired() + 1, counts[0], counts[1], counts[2], counts[3],
                        r.triggeredAt));
                return new Execution(t.executionId(), t.tenantId(), t.ruleId(), t.ruleName(), t.eventId(),
                        t.eventType(), t.aggregateId(), t.eventTimestamp(), t.mode().name(), t.matched(), t.error(),
                        r.status, r.results, r.attempts, r.durationMillis, r.triggeredAt, r.finishedAt);
            }).toList();
            return new Body(rows.size(), byStatus[0], byStatus[1], byStatus[2], byStatus[3],
                    List.copyOf(rules.values()), rows);
        }

        private static int statusIndex(String status) {
            return switch (status) {
                case "COMPLETED" -> 0;
                case "FAILED" -> 1;
                case "PENDING" -> 2;
                default -> 3;
            };
        }
    }
}
