-- One live activation code per person: issuing a new one, activating a device, an administrator's revocation
-- or the person's deactivation retires the others, and the row says which (REPLACED, ACTIVATED, REVOKED,
-- OFFBOARDED) so the console lists why and the agent can tell the person "replaced by a newer code".
ALTER TABLE activation_codes ADD COLUMN retired_reason VARCHAR(16);
