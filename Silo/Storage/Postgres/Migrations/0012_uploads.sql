-- Files uploaded to the runtime (agents' attachments, web chat visitors' files). Messages name them by id in their
-- attachments; they are written once and never changed. A few megabytes each at most, so kept inline.

CREATE TABLE IF NOT EXISTS upload (
    id text PRIMARY KEY,
    content_type text NOT NULL,
    name text NULL,
    size bigint NOT NULL,
    bytes bytea NOT NULL,
    uploaded_at timestamptz NOT NULL
);
