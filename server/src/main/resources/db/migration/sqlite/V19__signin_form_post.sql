-- Sign-ins that answer with an ID token posted back to the relying party (response_type=id_token, response_mode=
-- form_post: what Microsoft Entra ID's external authentication methods send), and the subject the relying party named
-- in its id_token_hint, which the answer must carry.
ALTER TABLE signins ADD COLUMN response_type VARCHAR(16);
ALTER TABLE signins ADD COLUMN hint_sub VARCHAR(200);
ALTER TABLE signins ADD COLUMN hint_oid VARCHAR(64);
ALTER TABLE signins ADD COLUMN hint_tid VARCHAR(64);
