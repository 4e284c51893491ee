-- The live activity log: append-only, one row per activity, written in group-committed batches by
-- PostgresActivityLog. (conversation_id, sequence) is the natural key, so a retried append is a no-op.
-- A customer message is identified by its channel's service identifier and the connector's message id:
-- the partial unique index makes a redelivered message a skipped row, never a second one.

CREATE TABLE IF NOT EXISTS activity
(
    conversation_id      text        NOT NULL,
    sequence             bigint      NOT NULL,
    kind                 text        NOT NULL,
    from_role            text        NOT NULL,
    participant_id       text        NULL,
    customer_id          text        NOT NULL,
    channel_session_id   text        NULL,
    text                 text        NULL,
    occurred_at          timestamptz NOT NULL,
    service_identifier   text        NULL,
    connector_message_id text        NULL,
    data                 jsonb       NULL,
    PRIMARY KEY (conversation_id, sequence)
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_activity_connector_message
    ON activity (service_identifier, connector_message_id)
    WHERE kind = 'CustomerMessage' AND service_identifier IS NOT NULL AND connector_message_id IS NOT NULL;

-- Serves "when did the customer last write on this channel session" (inactivity timeouts).
CREATE INDEX IF NOT EXISTS ix_activity_last_customer_message
    ON activity (channel_session_id, occurred_at DESC)
    WHERE kind = 'CustomerMessage';
