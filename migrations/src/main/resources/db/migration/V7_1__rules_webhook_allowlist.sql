-- Webhook allow-list per tenant (docs/rules.md#webhook): the hosts a tenant admin allowed webhook actions to reach
-- although they resolve to loopback, private or link-local addresses. Written by the subscribing processor
-- "rule-webhook-allowlist" in the transaction that appends WebhookAllowListSetEvent, so the rule-actions runner sees
-- a change the moment the PUT returns. Rebuilt by a replay.
CREATE TABLE rule_webhook_allowlist (
    tenant_id  TEXT PRIMARY KEY,
    hosts      TEXT[] NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
