-- Administrators work in roles (OWNER, POLICY_EDITOR, HELPDESK, AUDITOR): the helpdesk resends a code without being
-- able to publish a policy, an auditor reads and exports without changing anything. Existing administrators keep
-- what they could do: they become owners.
ALTER TABLE admins ADD COLUMN role VARCHAR(16) NOT NULL DEFAULT 'OWNER';
