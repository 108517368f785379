-- Administrators signing in through the organisation's identity provider (OpenID Connect): one provider per account,
-- its groups mapped to roles (one "group=role" per line). password_owners_only: password sign-in stays only for owners
-- (break-glass). sso_pending: a sign-in on its way to the provider and back (state, nonce, PKCE verifier), minutes long.
CREATE TABLE account_sso (
    account_id           VARCHAR(64)   PRIMARY KEY REFERENCES accounts(id),
    issuer               VARCHAR(500)  NOT NULL,
    client_id            VARCHAR(200)  NOT NULL,
    client_secret        VARCHAR(500)  NOT NULL,
    groups_claim         VARCHAR(100)  NOT NULL,
    mappings             VARCHAR(4000) NOT NULL,
    password_owners_only BOOLEAN       NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by           VARCHAR(200)  NOT NULL
);
CREATE TABLE sso_pending (
    id_hash    VARCHAR(64)  PRIMARY KEY,
    account_id VARCHAR(64)  NOT NULL,
    state      VARCHAR(64)  NOT NULL,
    nonce      VARCHAR(64)  NOT NULL,
    verifier   VARCHAR(128) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
-- Where an administrator comes from: 'password' (made by an owner or the CLI) or 'sso' (made at their first single sign-on).
ALTER TABLE admins ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'password';
