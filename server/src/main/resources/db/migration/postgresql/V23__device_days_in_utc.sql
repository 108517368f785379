-- V3 filled device_days from the stored reports with CAST(received_at AS DATE), which PostgreSQL takes in the
-- session's time zone, while the server writes each day as a UTC day. On a server whose database session was not in
-- UTC the backfilled days were shifted, and a day could hold another day's last status. Days are UTC days: the
-- shifted rows go, and every day that still has reports gets the status of its last report (live rows, already
-- right, are left as they are).
DELETE FROM device_days WHERE report_day <> CAST(at AT TIME ZONE 'UTC' AS DATE);

INSERT INTO device_days (device_id, report_day, account_id, status, at)
SELECT DISTINCT ON (r.device_id, CAST(r.received_at AT TIME ZONE 'UTC' AS DATE))
       r.device_id, CAST(r.received_at AT TIME ZONE 'UTC' AS DATE), r.account_id, r.status, r.received_at
FROM reports r
ORDER BY r.device_id, CAST(r.received_at AT TIME ZONE 'UTC' AS DATE), r.received_at DESC, r.report_id
ON CONFLICT (device_id, report_day) DO UPDATE SET status = excluded.status, at = excluded.at WHERE device_days.at < excluded.at;
