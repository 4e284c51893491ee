-- Permanent reporting storage, filled when a conversation is archived (house-keeping at Closing) and,
-- for agent_task, when an agent task ends. Every table has a natural key so archiving can be re-run
-- after a crash without duplicating rows.

CREATE TABLE IF NOT EXISTS conversation
(
    id                      text        NOT NULL PRIMARY KEY,
    customer_id             text        NOT NULL,
    state                   text        NOT NULL,
    created_at              timestamptz NOT NULL,
    closed_at               timestamptz NULL,
    close_reason            text        NULL,
    channel_session_count   integer     NOT NULL,
    activity_count          integer     NOT NULL,
    customer_message_count  integer     NOT NULL,
    bot_message_count       integer     NOT NULL,
    agent_message_count     integer     NOT NULL,
    state_history           jsonb       NOT NULL,
    participants            jsonb       NOT NULL,
    archived_at             timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS ix_conversation_customer ON conversation (customer_id, created_at);
CREATE INDEX IF NOT EXISTS ix_conversation_created ON conversation (created_at);

CREATE TABLE IF NOT EXISTS channel_session
(
    id                          text        NOT NULL PRIMARY KEY,
    conversation_id             text        NOT NULL REFERENCES conversation (id),
    customer_id                 text        NOT NULL,
    service_identifier          text        NOT NULL,
    channel_type                text        NOT NULL,
    customer_channel_identifier text        NOT NULL,
    direction                   text        NOT NULL,
    channel_data                jsonb       NOT NULL,
    opened_at                   timestamptz NOT NULL,
    last_activity_at            timestamptz NOT NULL,
    closed_at                   timestamptz NULL,
    close_reason                text        NULL
);

CREATE INDEX IF NOT EXISTS ix_channel_session_conversation ON channel_session (conversation_id);
CREATE INDEX IF NOT EXISTS ix_channel_session_service ON channel_session (service_identifier, opened_at);

-- Same columns as the live activity log, so archiving is a plain INSERT ... SELECT.
CREATE TABLE IF NOT EXISTS conversation_activity
(
    conversation_id      text        NOT NULL REFERENCES conversation (id),
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

CREATE TABLE IF NOT EXISTS agent_task
(
    task_id                 text        NOT NULL PRIMARY KEY,
    conversation_id         text        NOT NULL,
    customer_id             text        NULL,
    agent_id                text        NULL,
    queue_name              text        NULL,
    service_identifier      text        NULL,
    channel_type            text        NULL,
    routing_mode            text        NULL,
    state                   text        NOT NULL,
    enqueued_at             timestamptz NULL,
    offered_at              timestamptz NULL,
    answered_at             timestamptz NULL,
    ended_at                timestamptz NULL,
    wrap_up_started_at      timestamptz NULL,
    wrap_up_ended_at        timestamptz NULL,
    -- From answer to the end of the task, wrap-up included: what the agent spent on it.
    handle_time_seconds     integer     NULL,
    wrap_up_codes           text[]      NOT NULL DEFAULT '{}',
    wrap_up_notes           text        NULL,
    end_reason              text        NULL,
    recorded_at             timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS ix_agent_task_conversation ON agent_task (conversation_id);
CREATE INDEX IF NOT EXISTS ix_agent_task_agent ON agent_task (agent_id, enqueued_at);
