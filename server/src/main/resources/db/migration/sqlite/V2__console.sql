-- The web console's administrators and their sessions. Passwords are bcrypt hashes; session IDs are
-- random and stored as SHA-256, with the CSRF token every form of the session must carry.

CREATE TABLE admins (
    username        VARCHAR(200) PRIMARY KEY,
    account_id      VARCHAR(64)  NOT NULL REFERENCES accounts(id),
    password_hash   VARCHAR(200) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    failed_attempts INTEGER      NOT NULL,
    locked_until    TIMESTAMP WITH TIME ZONE
);

CREATE TABLE admin_sessions (
    id_hash     VARCHAR(64)  PRIMARY KEY,
    username    VARCHAR(200) NOT NULL REFERENCES admins(username) ON DELETE CASCADE,
    csrf        VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX report_practices_verdict ON report_practices (practice, verdict);
CREATE INDEX devices_account_status ON devices (account_id, latest_status);
