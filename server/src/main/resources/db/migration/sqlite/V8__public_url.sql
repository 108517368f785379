-- The address agents use to reach this server, per account (an organisation may be served under its own host
-- name): it travels with every activation code, in the e-mail's link and command, so an employee never has to
-- know it. Empty: the server's publicUrl setting, else the console warns that codes go out without an address.
ALTER TABLE account_settings ADD COLUMN public_url VARCHAR(500);
