-- The policy text exactly as the administrator wrote it (comments, quotes, key order): the editor shows it again
-- and the diff compares it, instead of a re-serialisation of the JSON document the agents receive.
ALTER TABLE policies ADD COLUMN source_text TEXT;
