-- Key rotation asked by an administrator (contract 1.5): the device is told in its next answer and registers a new
-- key, proven with the old one; key_made_at is when the key in public_jwk was registered (activation or rotation).
ALTER TABLE devices ADD COLUMN key_rotation_asked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE devices ADD COLUMN key_made_at TIMESTAMP WITH TIME ZONE;
