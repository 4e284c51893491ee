-- Outbound delivery of bot and agent messages. The activity log is the outbox: a message with no outcome
-- long after it was logged lost its delivery (the silo holding its retries stopped) and is claimed by one
-- silo (redelivery_claimed_at) and sent again. The partial index keeps that search to the few messages
-- still waiting.

ALTER TABLE activity ADD COLUMN IF NOT EXISTS delivery text NULL;
ALTER TABLE activity ADD COLUMN IF NOT EXISTS delivery_at timestamptz NULL;
ALTER TABLE activity ADD COLUMN IF NOT EXISTS redelivery_claimed_at timestamptz NULL;

-- Messages logged before outcomes were recorded were delivered or given up long ago: never send them again.
UPDATE activity SET delivery = 'Delivered', delivery_at = occurred_at
WHERE kind IN ('BotMessage', 'AgentMessage') AND delivery IS NULL;

CREATE INDEX IF NOT EXISTS ix_activity_undelivered
    ON activity (occurred_at)
    WHERE kind IN ('BotMessage', 'AgentMessage') AND delivery IS NULL;

-- The archive keeps the outcome too, column for column like the live log's shared columns.
ALTER TABLE conversation_activity ADD COLUMN IF NOT EXISTS delivery text NULL;
ALTER TABLE conversation_activity ADD COLUMN IF NOT EXISTS delivery_at timestamptz NULL;
