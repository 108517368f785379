-- A report ID is the agent's, unique on its device, not across the server: one global key let a report ID
-- another tenant used be refused ("used by another device" — an existence oracle), and a leaked ID be taken
-- first so the victim's agent set its report aside. The key becomes (device, report).
ALTER TABLE report_practices ADD COLUMN device_id VARCHAR(40);
UPDATE report_practices SET device_id = (SELECT r.device_id FROM reports r WHERE r.report_id = report_practices.report_id);
ALTER TABLE report_practices ALTER COLUMN device_id SET NOT NULL;
ALTER TABLE report_practices DROP CONSTRAINT report_practices_report_id_fkey;
ALTER TABLE report_practices DROP CONSTRAINT report_practices_pkey;
ALTER TABLE reports DROP CONSTRAINT reports_pkey;
ALTER TABLE reports ADD PRIMARY KEY (device_id, report_id);
ALTER TABLE report_practices ADD PRIMARY KEY (device_id, report_id, practice);
ALTER TABLE report_practices ADD FOREIGN KEY (device_id, report_id) REFERENCES reports (device_id, report_id) ON DELETE CASCADE;
