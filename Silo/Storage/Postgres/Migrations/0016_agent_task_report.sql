-- Task reports read the agent tasks enqueued in a time range, over every agent and channel (PostgresReportingStore).
CREATE INDEX IF NOT EXISTS ix_agent_task_enqueued ON agent_task (enqueued_at);
