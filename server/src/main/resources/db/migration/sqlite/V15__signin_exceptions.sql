-- Break-glass for the device step: an administrator lets a person (or everyone) sign in despite a practice (or all of
-- them) until a date, with a reason. Listed in the console, audited, and shown in the sign-in decisions it excused.
CREATE TABLE signin_exceptions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  VARCHAR(64)   NOT NULL REFERENCES accounts(id),
    person      VARCHAR(320),
    practice    VARCHAR(64),
    reason      VARCHAR(500)  NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(200)  NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX signin_exceptions_account ON signin_exceptions (account_id, expires_at);
