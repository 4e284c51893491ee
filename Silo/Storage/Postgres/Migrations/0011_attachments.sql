-- Files a message carries (type, name, size and where the gateway fetches them), as JSON: few messages have any,
-- and they are only ever read with their message.

ALTER TABLE activity ADD COLUMN IF NOT EXISTS attachments jsonb NULL;
ALTER TABLE conversation_activity ADD COLUMN IF NOT EXISTS attachments jsonb NULL;
