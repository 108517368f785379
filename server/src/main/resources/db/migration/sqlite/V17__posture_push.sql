-- Posture pushed to where access is decided. delivery_targets: where an account's changes go (a signed webhook, or an
-- OpenID Shared Signals receiver by push), with their state for the console. deliveries: the outbox — one row per target
-- and change, written in the same transaction as the report that made the change, claimed by one worker at a time
-- (claimed_until), retried with back-off until sent.
CREATE TABLE delivery_targets (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id      VARCHAR(64)   NOT NULL REFERENCES accounts(id),
    kind            VARCHAR(16)   NOT NULL,
    name            VARCHAR(100)  NOT NULL,
    url             VARCHAR(1000) NOT NULL,
    secret          VARCHAR(500),
    audience        VARCHAR(500),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by      VARCHAR(200)  NOT NULL,
    disabled_at     TIMESTAMP WITH TIME ZONE,
    last_success_at TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(500),
    last_error_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX delivery_targets_account ON delivery_targets (account_id);
CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    target_id       BIGINT        NOT NULL,
    account_id      VARCHAR(64)   NOT NULL,
    event_id        VARCHAR(64)   NOT NULL,
    event_type      VARCHAR(64)   NOT NULL,
    device_id       VARCHAR(40)   NOT NULL,
    payload         VARCHAR(8000) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts        INTEGER       NOT NULL,
    claimed_by      VARCHAR(64),
    claimed_until   TIMESTAMP WITH TIME ZONE,
    sent_at         TIMESTAMP WITH TIME ZONE,
    last_status     VARCHAR(200)
);
CREATE INDEX deliveries_due ON deliveries (sent_at, next_attempt_at);
CREATE INDEX deliveries_target ON deliveries (target_id, created_at);
