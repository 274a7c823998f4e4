-- Fraud read models of privacy telemetry, written by the streaming processor "telemetry-fraud"
-- (io.p3protocol.projection.telemetry.TelemetryFraudProjection). Rebuilt from TelemetryRecordedEvent on replay.
-- No raw IP address or User-Agent exists anywhere: hashed_ip and ua_hash are hex HMAC-SHA256 under the tenant's
-- IP_SALT of one hash epoch (the salt's version); see docs/telemetry.md. Minutes are the service's receive time.

-- Request rate: events per hashed IP per minute.
CREATE TABLE telemetry_ip_minute (
    tenant_id  TEXT        NOT NULL,
    hashed_ip  CHAR(64)    NOT NULL,
    minute     TIMESTAMPTZ NOT NULL,
    hash_epoch INT         NOT NULL,
    events     BIGINT      NOT NULL,
    PRIMARY KEY (tenant_id, hashed_ip, minute)
);
-- A tenant's busy IPs of a window.
CREATE INDEX telemetry_ip_minute_window_idx ON telemetry_ip_minute (tenant_id, minute);

-- Sybil: which wallets a hashed IP used, per minute (distinct wallets in a window = distinct over its minutes).
CREATE TABLE telemetry_ip_wallet_minute (
    tenant_id TEXT        NOT NULL,
    hashed_ip CHAR(64)    NOT NULL,
    minute    TIMESTAMPTZ NOT NULL,
    wallet    TEXT        NOT NULL,
    PRIMARY KEY (tenant_id, hashed_ip, minute, wallet)
);

-- Session hijack: the User-Agent hash changing within a session. Changes are counted only between two hashes of the
-- same epoch: across an IP_SALT rotation the same agent hashes differently, which is not a change of agent.
CREATE TABLE telemetry_session (
    tenant_id     TEXT        NOT NULL,
    session_id    TEXT        NOT NULL,
    first_seen    TIMESTAMPTZ NOT NULL,
    last_seen     TIMESTAMPTZ NOT NULL,
    events        BIGINT      NOT NULL,
    last_ua_hash  CHAR(64),            -- the latest non-null UA hash, and its epoch
    last_ua_epoch INT,
    ua_changes    INT         NOT NULL,
    PRIMARY KEY (tenant_id, session_id)
);
-- Newest sessions first, keyset-paged.
CREATE INDEX telemetry_session_first_seen_idx ON telemetry_session (tenant_id, first_seen DESC, session_id);

-- Which hashed IPs a session came from (and so which sessions an IP carried).
CREATE TABLE telemetry_session_ip (
    tenant_id  TEXT        NOT NULL,
    session_id TEXT        NOT NULL,
    hashed_ip  CHAR(64)    NOT NULL,
    first_seen TIMESTAMPTZ NOT NULL,
    last_seen  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, session_id, hashed_ip)
);
CREATE INDEX telemetry_session_ip_by_ip_idx ON telemetry_session_ip (tenant_id, hashed_ip, last_seen);
