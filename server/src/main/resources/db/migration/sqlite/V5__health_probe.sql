-- One row that /health rewrites: the check then proves the database takes a durable write (a full disk,
-- a read-only fail-over or a lost lock make it fail), not only that a connection opens.
CREATE TABLE health_probe (
    id    INTEGER PRIMARY KEY,
    beats BIGINT  NOT NULL
);
INSERT INTO health_probe (id, beats) VALUES (1, 0);
