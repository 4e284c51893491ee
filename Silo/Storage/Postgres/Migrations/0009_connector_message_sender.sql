-- A repeated customer message is the same channel, the same sender and the same connector message id
-- (ConnectorMessageKey). Keyed on channel and id alone, one customer's message with an id another customer
-- already used was skipped as a "duplicate" and lost. The sender is the customer channel identifier as
-- normalised for identity. Rows logged before this migration carry none and match no new message: a connector
-- retry that straddles the upgrade is logged once more, a doubled message rather than a lost one.

ALTER TABLE activity ADD COLUMN IF NOT EXISTS sender text NULL;

-- Dropped and created in this migration's one transaction, so no append runs between the two.
DROP INDEX IF EXISTS ux_activity_connector_message;

CREATE UNIQUE INDEX IF NOT EXISTS ux_activity_connector_message_sender
    ON activity (service_identifier, sender, connector_message_id)
    WHERE kind = 'CustomerMessage' AND service_identifier IS NOT NULL AND sender IS NOT NULL AND connector_message_id IS NOT NULL;

-- The archive keeps the sender too, column for column like the live log's shared columns.
ALTER TABLE conversation_activity ADD COLUMN IF NOT EXISTS sender text NULL;
