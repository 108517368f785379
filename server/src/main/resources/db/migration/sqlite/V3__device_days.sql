-- Each device's status at the end of each day it reported, kept as reports arrive, so the console's
-- 30-day compliance trend reads at most one row per device and day instead of every report.
CREATE TABLE device_days (
    device_id   VARCHAR(40)  NOT NULL REFERENCES devices(id),
    report_day  DATE         NOT NULL,
    account_id  VARCHAR(64)  NOT NULL,
    status      VARCHAR(10),
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (device_id, report_day)
);
CREATE INDEX device_days_account ON device_days (account_id, report_day);

-- No backfill here: an SQLite database is always created by these scripts, so it holds no reports
-- older than this table (an H2 database from an earlier version is copied in after them, whole).
