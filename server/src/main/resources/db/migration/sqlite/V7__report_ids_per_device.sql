-- A report ID is the agent's, unique on its device, not across the server: one global key let a report ID
-- another tenant used be refused ("used by another device" — an existence oracle), and a leaked ID be taken
-- first so the victim's agent set its report aside. The key becomes (device, report). SQLite cannot change a
-- primary key in place: both tables are rebuilt (children dropped before parents, so no foreign key breaks).
CREATE TABLE reports_v7 (
    report_id   VARCHAR(64)  NOT NULL,
    device_id   VARCHAR(40)  NOT NULL REFERENCES devices(id),
    account_id  VARCHAR(64)  NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    scanned_at  VARCHAR(40),
    status      VARCHAR(10),
    body        TEXT         NOT NULL,
    PRIMARY KEY (device_id, report_id)
);
INSERT INTO reports_v7 (report_id, device_id, account_id, received_at, scanned_at, status, body)
SELECT report_id, device_id, account_id, received_at, scanned_at, status, body FROM reports;

CREATE TABLE report_practices_v7 (
    report_id   VARCHAR(64)  NOT NULL,
    device_id   VARCHAR(40)  NOT NULL,
    practice    VARCHAR(40)  NOT NULL,
    state       VARCHAR(10)  NOT NULL,
    verdict     VARCHAR(10),
    PRIMARY KEY (device_id, report_id, practice),
    FOREIGN KEY (device_id, report_id) REFERENCES reports_v7 (device_id, report_id) ON DELETE CASCADE
);
INSERT INTO report_practices_v7 (report_id, device_id, practice, state, verdict)
SELECT rp.report_id, r.device_id, rp.practice, rp.state, rp.verdict FROM report_practices rp JOIN reports r ON r.report_id = rp.report_id;

DROP TABLE report_practices;
DROP TABLE reports;
ALTER TABLE reports_v7 RENAME TO reports;
ALTER TABLE report_practices_v7 RENAME TO report_practices;
CREATE INDEX reports_device_received ON reports (device_id, received_at);
CREATE INDEX reports_account_received ON reports (account_id, received_at);
CREATE INDEX report_practices_verdict ON report_practices (practice, verdict);
