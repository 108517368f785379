-- Auscult Server schema, version 1, for the embedded SQLite default: the same tables, columns and keys as
-- the PostgreSQL script beside it; only the identity columns are written SQLite's way. Times are stored as
-- epoch milliseconds (sqlite-jdbc's default for bound timestamps), so comparisons stay numeric.

CREATE TABLE accounts (
    id          VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The directory of people an organisation rolls the agent out to (CSV import or SCIM).
CREATE TABLE people (
    account_id  VARCHAR(64)  NOT NULL REFERENCES accounts(id),
    email       VARCHAR(320) NOT NULL,
    name        VARCHAR(200),
    group_name  VARCHAR(200),
    active      BOOLEAN      NOT NULL,
    scim_id     VARCHAR(64),
    external_id VARCHAR(200),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, email)
);
CREATE UNIQUE INDEX people_scim_id ON people (scim_id);

-- One-time activation codes: only a SHA-256 of the code is kept; single use is enforced by an
-- UPDATE … WHERE used_at IS NULL, so two activations racing with one code yield one device.
CREATE TABLE activation_codes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  VARCHAR(64)  NOT NULL REFERENCES accounts(id),
    email       VARCHAR(320) NOT NULL,
    code_hash   VARCHAR(64)  NOT NULL UNIQUE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    device_id   VARCHAR(40)
);
CREATE INDEX activation_codes_email ON activation_codes (account_id, email);

-- Failed activation attempts, per account and per client address, for the attempt limit.
CREATE TABLE activation_failures (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  VARCHAR(64)  NOT NULL,
    client      VARCHAR(64)  NOT NULL,
    at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX activation_failures_account ON activation_failures (account_id, at);
CREATE INDEX activation_failures_client ON activation_failures (client, at);

CREATE TABLE devices (
    id              VARCHAR(40)  PRIMARY KEY,
    account_id      VARCHAR(64)  NOT NULL REFERENCES accounts(id),
    owner_email     VARCHAR(320) NOT NULL,
    device_uuid     VARCHAR(200) NOT NULL,
    token_hash      VARCHAR(64)  NOT NULL UNIQUE,
    platform        VARCHAR(20)  NOT NULL,
    os_name         VARCHAR(200),
    os_version      VARCHAR(100),
    hostname        VARCHAR(255),
    hardware_model  VARCHAR(255),
    hardware_serial VARCHAR(255),
    agent_version   VARCHAR(50),
    activated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    latest_report   VARCHAR(64),
    latest_status   VARCHAR(10)
);
CREATE INDEX devices_account ON devices (account_id, last_seen_at);
CREATE INDEX devices_owner ON devices (account_id, owner_email);

-- Reports as the agent sent them. report_id is the primary key: the agent's at-least-once outbox
-- becomes exactly-once storage by a unique constraint, not a check-then-insert.
CREATE TABLE reports (
    report_id   VARCHAR(64)  PRIMARY KEY,
    device_id   VARCHAR(40)  NOT NULL REFERENCES devices(id),
    account_id  VARCHAR(64)  NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    scanned_at  VARCHAR(40),
    status      VARCHAR(10),
    body        TEXT         NOT NULL
);
CREATE INDEX reports_device_received ON reports (device_id, received_at);
CREATE INDEX reports_account_received ON reports (account_id, received_at);

-- Each report's verdict per practice, for fleet questions ("which devices fail diskEncryption?").
CREATE TABLE report_practices (
    report_id   VARCHAR(64)  NOT NULL REFERENCES reports(report_id) ON DELETE CASCADE,
    practice    VARCHAR(40)  NOT NULL,
    state       VARCHAR(10)  NOT NULL,
    verdict     VARCHAR(10),
    PRIMARY KEY (report_id, practice)
);

-- Policies are versioned per account; an assignment says which version a group (or '' = everyone) gets.
CREATE TABLE policies (
    account_id  VARCHAR(64)  NOT NULL REFERENCES accounts(id),
    version     INTEGER      NOT NULL,
    name        VARCHAR(200) NOT NULL,
    source_name VARCHAR(300) NOT NULL,
    document    TEXT         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(200) NOT NULL,
    PRIMARY KEY (account_id, version)
);

CREATE TABLE policy_assignments (
    account_id  VARCHAR(64)  NOT NULL REFERENCES accounts(id),
    group_name  VARCHAR(200) NOT NULL,
    version     INTEGER      NOT NULL,
    assigned_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, group_name)
);

-- Activation e-mails, one row per recipient per send, so a send can be resumed and reported.
CREATE TABLE activation_mails (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id    VARCHAR(40)  NOT NULL,
    account_id  VARCHAR(64)  NOT NULL REFERENCES accounts(id),
    email       VARCHAR(320) NOT NULL,
    status      VARCHAR(10)  NOT NULL,
    attempts    INTEGER      NOT NULL,
    last_error  VARCHAR(500),
    code_id     BIGINT,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX activation_mails_batch ON activation_mails (batch_id, status);

-- Bearer tokens an identity provider uses for SCIM, stored hashed.
CREATE TABLE scim_tokens (
    token_hash  VARCHAR(64)  PRIMARY KEY,
    account_id  VARCHAR(64)  NOT NULL REFERENCES accounts(id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  VARCHAR(64),
    actor       VARCHAR(200) NOT NULL,
    action      VARCHAR(60)  NOT NULL,
    detail      VARCHAR(2000) NOT NULL,
    at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX audit_log_account ON audit_log (account_id, at);
