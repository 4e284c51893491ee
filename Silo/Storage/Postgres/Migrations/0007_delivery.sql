-- Outbound delivery outcome of bot and agent messages. A message with no outcome long after it was
-- logged lost its delivery (the silo holding the retry queue stopped) and is delivered again; the
-- partial index keeps that search to the few messages still waiting.

ALTER TABLE activity ADD COLUMN IF NOT EXISTS delivery text NULL;
ALTER TABLE activity ADD COLUMN IF NOT EXISTS delivery_at timestamptz NULL;

CREATE INDEX IF NOT EXISTS ix_activity_undelivered
    ON activity (occurred_at)
    WHERE kind IN ('BotMessage', 'AgentMessage') AND delivery IS NULL;

-- The archive keeps the outcome too, column for column like the live log.
ALTER TABLE conversation_activity ADD COLUMN IF NOT EXISTS delivery text NULL;
ALTER TABLE conversation_activity ADD COLUMN IF NOT EXISTS delivery_at timestamptz NULL;
