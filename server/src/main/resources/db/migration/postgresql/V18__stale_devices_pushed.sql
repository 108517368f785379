-- A device that stops reporting is told to the posture-push targets as not compliant ("not seen since …") once;
-- stale_pushed_at marks that it was, so its next report is pushed as a change even if its posture is the same.
ALTER TABLE devices ADD COLUMN stale_pushed_at TIMESTAMP WITH TIME ZONE;
