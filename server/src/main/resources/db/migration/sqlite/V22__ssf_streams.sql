-- Shared Signals streams managed by their receivers (SSF 1.0 stream management): the event types a stream asked for
-- (space-separated URIs; NULL: every type Auscult sends), when its receiver paused it (its events wait, and go when it
-- is enabled again), and the receiver's description.
ALTER TABLE delivery_targets ADD COLUMN events_requested VARCHAR(1000);
ALTER TABLE delivery_targets ADD COLUMN paused_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE delivery_targets ADD COLUMN description VARCHAR(200);
