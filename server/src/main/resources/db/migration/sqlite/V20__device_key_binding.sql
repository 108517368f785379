-- Where a device's key is held, as its agent reports it at activation (contract 1.4): 'tpm' (made inside the
-- machine's TPM 2.0, not exportable) or 'software' (a 0600 file). NULL for a key registered by an older agent.
ALTER TABLE devices ADD COLUMN key_binding VARCHAR(16);
