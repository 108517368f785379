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

INSERT INTO device_days (device_id, report_day, account_id, status, at)
SELECT r.device_id, CAST(r.received_at AS DATE), r.account_id, r.status, r.received_at FROM reports r
WHERE r.received_at = (SELECT MAX(r2.received_at) FROM reports r2 WHERE r2.device_id = r.device_id
                       AND CAST(r2.received_at AS DATE) = CAST(r.received_at AS DATE))
  AND r.report_id = (SELECT MIN(r3.report_id) FROM reports r3 WHERE r3.device_id = r.device_id AND r3.received_at = r.received_at);
