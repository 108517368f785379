-- A device's own key (its public half, a JWK, and the key's RFC 7638 thumbprint): its requests carry proofs signed
-- with it. Devices activated by older agents have none (token only). device_proofs keeps each proof's one-time ID
-- for ten minutes, so a replayed request is refused.
ALTER TABLE devices ADD COLUMN public_jwk VARCHAR(1000);
ALTER TABLE devices ADD COLUMN key_thumbprint VARCHAR(64);
CREATE TABLE device_proofs (
    device_id VARCHAR(40)  NOT NULL,
    jti       VARCHAR(100) NOT NULL,
    seen_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (device_id, jti)
);
