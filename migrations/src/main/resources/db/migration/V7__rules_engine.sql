-- Rules engine (docs/rules.md). Everything here is derived from events and can be rebuilt by a replay.

-- The trigger processor's own copy of the rules ("rule-triggers"), written in the same transaction as its token, so
-- it is always the rule set as of the processor's position in the event stream. Rule JSON is kept as text, byte
-- for byte (jsonb would reorder keys and the original's results echo payloads in their key order).
CREATE TABLE rule_engine_rules (
    rule_id          TEXT PRIMARY KEY,
    tenant_id        TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    condition_json   TEXT    NOT NULL,
    action_json      TEXT    NOT NULL,
    priority         INTEGER NOT NULL,
    status           TEXT    NOT NULL, -- ACTIVE | INACTIVE | TESTING
    created_position BIGINT  NOT NULL  -- global index of RuleCreatedEvent: the original's created_at DESC tie-break
);
CREATE INDEX rule_engine_rules_tenant_ix ON rule_engine_rules (tenant_id);

-- Rises with every change to rule_engine_rules, so a node whose in-memory cache is older reloads it.
CREATE TABLE rule_engine_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation BIGINT  NOT NULL
);
INSERT INTO rule_engine_state (id, generation) VALUES (1, 0);

-- Rules as users see them ("rule-views"). execution_count / last_executed_at count live matches, from events.
CREATE TABLE rule_view (
    rule_id          TEXT PRIMARY KEY,
    tenant_id        TEXT        NOT NULL,
    name             TEXT        NOT NULL,
    description      TEXT,
    condition_json   TEXT        NOT NULL,
    action_json      TEXT        NOT NULL,
    priority         INTEGER     NOT NULL,
    status           TEXT        NOT NULL, -- ACTIVE | INACTIVE | TESTING
    execution_count  BIGINT      NOT NULL DEFAULT 0,
    last_executed_at TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL,
    created_by       TEXT,
    created_position BIGINT      NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX rule_view_tenant_ix ON rule_view (tenant_id, priority DESC, created_position DESC);

-- One row per rule execution: a rule matched an event, or its condition threw on it ("rule-views").
CREATE TABLE rule_triggers (
    execution_id      TEXT PRIMARY KEY,   -- <ruleId>@<eventId>
    tenant_id         TEXT        NOT NULL,
    rule_id           TEXT        NOT NULL,
    rule_name         TEXT        NOT NULL,
    event_id          TEXT        NOT NULL,
    event_type        TEXT        NOT NULL,
    aggregate_id      TEXT,
    event_timestamp   TIMESTAMPTZ NOT NULL,
    mode              TEXT        NOT NULL, -- LIVE | TESTING
    matched           BOOLEAN     NOT NULL,
    error             TEXT,                 -- the original's message when the condition threw
    status            TEXT        NOT NULL, -- RECORDED | PENDING | COMPLETED | FAILED
    results           TEXT,                 -- JSON array of ActionResult (simulated for TESTING)
    attempts          INTEGER     NOT NULL DEFAULT 0,
    evaluation_micros BIGINT      NOT NULL,
    duration_ms       BIGINT      NOT NULL, -- condition evaluation plus the last attempt at the actions
    triggered_at      TIMESTAMPTZ NOT NULL,
    completed_at      TIMESTAMPTZ,
    list_position     BIGINT      NOT NULL UNIQUE, -- global index of RuleTriggeredEvent: paging cursor
    CONSTRAINT rule_triggers_rule_event_uq UNIQUE (rule_id, event_id)
);
CREATE INDEX rule_triggers_tenant_ix ON rule_triggers (tenant_id, list_position);
CREATE INDEX rule_triggers_rule_ix ON rule_triggers (tenant_id, rule_id, list_position);
CREATE INDEX rule_triggers_type_ix ON rule_triggers (tenant_id, event_type, list_position);
