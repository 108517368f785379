-- Device trust: the server as an OpenID Connect provider whose one job is the device step at sign-in.
-- signin_clients: the relying parties (an IdP broker such as Keycloak, or an app), each with its exact redirect URIs
-- (one per line) and a hashed secret. signin_keys: the keys ID tokens are signed with, rotated by age; a retired key
-- stays published until retire_after so tokens signed just before still verify. signins: one sign-in in progress and,
-- once decided, its record (allowed, warned, denied — and by which practices) for the console.
CREATE TABLE signin_clients (
    client_id     VARCHAR(64)   PRIMARY KEY,
    account_id    VARCHAR(64)   NOT NULL REFERENCES accounts(id),
    name          VARCHAR(100)  NOT NULL,
    secret_hash   VARCHAR(64)   NOT NULL,
    redirect_uris VARCHAR(4000) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(200)  NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX signin_clients_account ON signin_clients (account_id);
CREATE TABLE signin_keys (
    kid          VARCHAR(64)   PRIMARY KEY,
    private_jwk  VARCHAR(8000) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    retire_after TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE signins (
    id             VARCHAR(64)   PRIMARY KEY,
    account_id     VARCHAR(64)   NOT NULL REFERENCES accounts(id),
    client_id      VARCHAR(64)   NOT NULL,
    redirect_uri   VARCHAR(2000) NOT NULL,
    state          VARCHAR(500),
    nonce          VARCHAR(500),
    code_challenge VARCHAR(200),
    login_hint     VARCHAR(320),
    browser_hash   VARCHAR(64)   NOT NULL,
    challenge_hash VARCHAR(64)   NOT NULL UNIQUE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    device_id      VARCHAR(40),
    owner_email    VARCHAR(320),
    proved_at      TIMESTAMP WITH TIME ZONE,
    decision       VARCHAR(16),
    practices      VARCHAR(4000),
    code_hash      VARCHAR(64)   UNIQUE,
    code_expires   TIMESTAMP WITH TIME ZONE,
    code_used_at   TIMESTAMP WITH TIME ZONE,
    token_hash     VARCHAR(64)   UNIQUE,
    token_expires  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX signins_account_time ON signins (account_id, created_at);
CREATE INDEX signins_device ON signins (device_id, created_at);
-- Every answer a device gave (a sign-in answered again after a fix keeps its denial here): the console's decisions.
CREATE TABLE signin_decisions (
    signin_id   VARCHAR(64)   NOT NULL,
    account_id  VARCHAR(64)   NOT NULL REFERENCES accounts(id),
    client_id   VARCHAR(64)   NOT NULL,
    device_id   VARCHAR(40)   NOT NULL,
    owner_email VARCHAR(320)  NOT NULL,
    decided_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    decision    VARCHAR(16)   NOT NULL,
    practices   VARCHAR(4000)
);
CREATE INDEX signin_decisions_account_time ON signin_decisions (account_id, decided_at);
CREATE INDEX signin_decisions_device ON signin_decisions (device_id, decided_at);
