-- The wake-up book: one row per grain with a deadline (a channel session's inactivity, an offer, a wrap-up,
-- unfinished closing work). Every silo takes due rows (taken_until is a lease, so a silo that dies while
-- waking a grain only delays it) and wakes their grains. A row may be early, never late: a grain woken
-- before its deadline books again.

CREATE TABLE IF NOT EXISTS wake_up
(
    grain_id    text        NOT NULL PRIMARY KEY,
    due_at      timestamptz NOT NULL,
    taken_until timestamptz NULL
);

CREATE INDEX IF NOT EXISTS ix_wake_up_due ON wake_up (due_at);
