-- Attempts counted per key (an administrator's name, a client address, an account and e-mail…), in one row
-- each, changed by one atomic statement: concurrent guesses cannot overshoot a limit, and every instance sees
-- the same counts. A key that used up its allowance is held; each new hold waits longer (strikes).
CREATE TABLE attempt_counters (
    counter_key  VARCHAR(400) PRIMARY KEY,
    tries        INTEGER      NOT NULL,
    window_start TIMESTAMP WITH TIME ZONE NOT NULL,
    strikes      INTEGER      NOT NULL,
    held_until   TIMESTAMP WITH TIME ZONE
);
