package io.p3protocol.command.rules.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.command.rules.conditions.ConditionParser;
import io.p3protocol.kernel.rules.RuleStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The trigger processor's own copy of the rules ({@code rule_engine_rules}), written by that processor in the same
 * transaction as its token. It is therefore always the rule set <i>as of the processor's position in the event
 * stream</i>: after a restart, on another node, or during a replay, the rules an event is evaluated against are the
 * ones that existed when the event happened. {@code rule_engine_state.generation} rises with every change, so a
 * node whose in-memory cache was built from an older state notices (see ActiveRuleCache). Rule JSON is kept as
 * text, byte for byte, because jsonb would reorder keys.
 */
@Component
class RuleEngineStore {
    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    RuleEngineStore(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /**
     * @param createdEventId the RuleCreatedEvent's id: its own global index is the tie-break position. (A tracking
     *                       token's position is not it: once a gap fills, the token stays at the highest index seen.)
     */
    void insert(String ruleId, String tenantId, String name, JsonNode condition, JsonNode action, int priority,
                RuleStatus status, String createdEventId) {
        jdbc.update("""
                INSERT INTO rule_engine_rules (rule_id, tenant_id, name, condition_json, action_json, priority, status,
                                               created_position)
                VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT globalindex FROM domainevententry WHERE eventidentifier = ?))
                ON CONFLICT (rule_id) DO UPDATE SET name = EXCLUDED.name, condition_json = EXCLUDED.condition_json,
                    action_json = EXCLUDED.action_json, priority = EXCLUDED.priority, status = EXCLUDED.status""",
                ruleId, tenantId, name, write(condition), write(action), priority, status.name(), createdEventId);
    }

    void update(String ruleId, String name, JsonNode condition, JsonNode action, int priority) {
        jdbc.update("UPDATE rule_engine_rules SET name = ?, condition_json = ?, action_json = ?, priority = ? "
                + "WHERE rule_id = ?", name, write(condition), write(action), priority, ruleId);
    }

    void changeStatus(String ruleId, RuleStatus status) {
        jdbc.update("UPDATE rule_engine_rules SET status = ? WHERE rule_id = ?", status.name(), ruleId);
    }

    void delete(String ruleId) {
        jdbc.update("DELETE FROM rule_engine_rules WHERE rule_id = ?", ruleId);
    }

    void clear() {
        jdbc.update("DELETE FROM rule_engine_rules");
    }

    /** Marks a change; returns the new generation. */
    long nextGeneration() {
        return jdbc.queryForObject("UPDATE rule_engine_state SET generation = generation + 1 WHERE id = 1 "
                + "RETURNING generation", Long.class);
    }

    long generation() {
        return jdbc.queryForObject("SELECT generation FROM rule_engine_state WHERE id = 1", Long.class);
    }

    /** Every tenant with at least one stored rule, whatever its status. */
    Set<String> tenantsWithRules() {
        return new HashSet<>(jdbc.queryForList("SELECT DISTINCT tenant_id FROM rule_engine_rules", String.class));
    }

    /** The tenant's rules that live events are evaluated against (active and testing), in evaluation order. */
    List<CompiledRule> evaluatedRules(String tenantId) {
        return jdbc.query("""
                SELECT rule_id, tenant_id, name, condition_json, action_json, priority, status, created_position
                FROM rule_engine_rules WHERE tenant_id = ? AND status <> 'INACTIVE'""",
                (rs, n) -> new CompiledRule(rs.getString("rule_id"), rs.getString("tenant_id"), rs.getString("name"),
                        ConditionParser.parse(read(rs.getString("condition_json"))), read(rs.getString("action_json")),
                        rs.getInt("priority"), RuleStatus.valueOf(rs.getString("status")),
                        rs.getLong("created_position")), tenantId)
                .stream().sorted(CompiledRule.EVALUATION_ORDER).toList();
    }

    private String write(JsonNode json) {
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
