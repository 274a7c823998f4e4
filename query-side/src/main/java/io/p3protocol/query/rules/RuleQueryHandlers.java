package io.p3protocol.query.rules;

import io.p3protocol.kernel.rules.FindRule;
import io.p3protocol.kernel.rules.FindRuleTriggers;
import io.p3protocol.kernel.rules.FindRules;
import io.p3protocol.kernel.rules.RuleStatus;
import io.p3protocol.kernel.rules.RuleSummary;
import io.p3protocol.kernel.rules.RuleTriggerPage;
import io.p3protocol.kernel.rules.RuleTriggerSummary;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Answers rule queries from {@code rule_view} and {@code rule_triggers}. Every query carries its tenant. */
@Component
public class RuleQueryHandlers {
    private static final String RULE_COLUMNS = """
            rule_id, tenant_id, name, description, condition_json, action_json, priority, status, execution_count,
            last_executed_at, created_at, updated_at""";
    private static final RowMapper<RuleSummary> RULE = (rs, n) -> new RuleSummary(rs.getString("rule_id"),
            rs.getString("tenant_id"), rs.getString("name"), rs.getString("description"),
            rs.getString("condition_json"), rs.getString("action_json"), rs.getInt("priority"),
            RuleStatus.valueOf(rs.getString("status")), rs.getLong("execution_count"),
            instant(rs.getTimestamp("last_executed_at")), instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("updated_at")));
    private static final RowMapper<RuleTriggerSummary> TRIGGER = (rs, n) -> new RuleTriggerSummary(
            rs.getString("execution_id"), rs.getString("tenant_id"), rs.getString("rule_id"),
            rs.getString("rule_name"), rs.getString("event_id"), rs.getString("event_type"),
            rs.getString("aggregate_id"), instant(rs.getTimestamp("event_timestamp")), rs.getString("mode"),
            rs.getBoolean("matched"), rs.getString("error"), rs.getString("status"), rs.getString("results"),
            rs.getInt("attempts"), rs.getLong("duration_ms"), instant(rs.getTimestamp("triggered_at")),
            instant(rs.getTimestamp("completed_at")), rs.getLong("list_position"));

    private final JdbcTemplate jdbc;

    public RuleQueryHandlers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** In the original's evaluation order: priority descending, newest first on ties. */
    @QueryHandler
    public List<RuleSummary> rules(FindRules query) {
        if (query.status() == null) {
            return jdbc.query("SELECT " + RULE_COLUMNS + " FROM rule_view WHERE tenant_id = ? "
                    + "ORDER BY priority DESC, created_position DESC", RULE, query.tenantId());
        }
        return jdbc.query("SELECT " + RULE_COLUMNS + " FROM rule_view WHERE tenant_id = ? AND status = ? "
                + "ORDER BY priority DESC, created_position DESC", RULE, query.tenantId(), query.status().name());
    }

    @QueryHandler
    public Optional<RuleSummary> rule(FindRule query) {
        return jdbc.query("SELECT " + RULE_COLUMNS + " FROM rule_view WHERE tenant_id = ? AND rule_id = ?", RULE,
                query.tenantId(), query.ruleId()).stream().findFirst();
    }

    @QueryHandler
    public RuleTriggerPage triggers(FindRuleTriggers query) {
        StringBuilder where = new StringBuilder(" WHERE tenant_id = ?");
        List<Object> args = new ArrayList<>(List.of(query.tenantId()));
        if (query.ruleId() != null) {
            where.append(" AND rule_id = ?");
            args.add(query.ruleId());
        }
        if (query.eventType() != null) {
            where.append(" AND event_type = ?");
            args.add(query.eventType());
        }
        if (query.from() != null) {
            where.append(" AND event_timestamp >= ?");
            args.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND event_timestamp < ?");
            args.add(Timestamp.from(query.to()));
        }
        if (query.matched() != null) {
            where.append(" AND matched = ?");
            args.add(query.matched());
        }
        List<Object> pageArgs = new ArrayList<>(args);
        String after = "";
        if (query.afterPosition() != null) {
            after = " AND list_position > ?";
            pageArgs.add(query.afterPosition());
        }
        pageArgs.add(query.limit() + 1);
        List<RuleTriggerSummary> rows = jdbc.query("SELECT * FROM rule_triggers" + where + after
                + " ORDER BY list_position LIMIT ?", TRIGGER, pageArgs.toArray());
        boolean hasMore = rows.size() > query.limit();
        boolean hasPrevious = false;
        if (query.afterPosition() != null) {
            List<Object> previousArgs = new ArrayList<>(args);
            previousArgs.add(query.afterPosition());
            hasPrevious = Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM rule_triggers"
                    + where + " AND list_position <= ?)", Boolean.class, previousArgs.toArray()));
        }
        return new RuleTriggerPage(hasMore ? rows.subList(0, query.limit()) : rows, hasPrevious, hasMore);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
