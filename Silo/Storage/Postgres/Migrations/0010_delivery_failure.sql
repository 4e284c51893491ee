-- Deliveries retry for a day, so a failure is rare and final: keep why it failed, for the supervisors' list of
-- failed deliveries (newest first, over the partial index) and the message's own activity.

ALTER TABLE activity ADD COLUMN IF NOT EXISTS delivery_failure text NULL;
ALTER TABLE conversation_activity ADD COLUMN IF NOT EXISTS delivery_failure text NULL;

CREATE INDEX IF NOT EXISTS ix_activity_failed_delivery
    ON activity (delivery_at DESC)
    WHERE delivery = 'Failed';
