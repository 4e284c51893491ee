-- EXPLAIN ANALYZE of PostgresActivityLog's and PostgresWakeUpBook's statements on a database filled by
-- fill.sql, with representative values in place of their parameters (the statements are copied from those
-- classes; the store test QueryPlanTests runs the classes' own texts). Writes are rolled back.
\set conv '''conv-01cfcd4f6b8770febfb40cb906715822'''
BEGIN;
\echo === activity: append (one batch of 2 rows)
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
INSERT INTO activity (conversation_id, sequence, kind, from_role, participant_id, customer_id, channel_session_id, text, occurred_at, service_identifier, connector_message_id, data, sender, attachments)
SELECT c, s, k, f, p, cu, cs, t, o, si, cm, CAST(d AS jsonb), se, CAST(at AS jsonb)
FROM unnest(ARRAY[:conv, 'conv-new'], ARRAY[11, 1]::bigint[], ARRAY['CustomerMessage', 'CustomerMessage'], ARRAY['Customer', 'Customer'],
            ARRAY[NULL, NULL]::text[], ARRAY['cust-1', 'cust-2'], ARRAY['cs-1', 'cs-2'], ARRAY['hi', 'hi'], ARRAY[now(), now()],
            ARRAY['+155500001', '+155500001'], ARRAY['SMnew1', 'SMnew2'], ARRAY[NULL, NULL]::text[], ARRAY['+1', '+2'], ARRAY[NULL, NULL]::text[])
     AS r(c, s, k, f, p, cu, cs, t, o, si, cm, d, se, at)
ON CONFLICT DO NOTHING;
\echo === activity: find by connector message key
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT * FROM activity
WHERE service_identifier = '+155500001' AND sender = '+14440004321' AND connector_message_id = 'SM42aa1e4399f05a2a04fea47ddac61db3' AND kind = 'CustomerMessage';
\echo === activity: read a page by conversation and sequence
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT * FROM activity WHERE conversation_id = :conv AND sequence > 2 ORDER BY sequence LIMIT 51;
\echo === activity: last sequence
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT coalesce(max(sequence), 0) FROM activity WHERE conversation_id = :conv;
\echo === activity: last customer message of a channel session
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT occurred_at FROM activity WHERE channel_session_id = 'cs-01cfcd4f6b8770febfb40cb906715822' AND kind = 'CustomerMessage'
ORDER BY occurred_at DESC LIMIT 1;
\echo === activity: record a delivery outcome
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
UPDATE activity SET delivery = 'Delivered', delivery_failure = NULL, delivery_at = now()
WHERE conversation_id = :conv AND sequence = 4
  AND (delivery IS NULL OR ('Delivered' = 'Failed' AND delivery = 'Sent')
       OR ('Delivered' <> 'Failed' AND delivery <> 'Failed'
           AND array_position(ARRAY['Sent', 'Delivered', 'Read'], 'Delivered') > array_position(ARRAY['Sent', 'Delivered', 'Read'], delivery)));
\echo === activity: list failed deliveries
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT * FROM activity WHERE delivery = 'Failed' ORDER BY delivery_at DESC, conversation_id, sequence LIMIT 50;
\echo === activity: reopen a failed delivery
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
UPDATE activity SET delivery = NULL, delivery_failure = NULL, delivery_at = NULL, redelivery_claimed_at = now()
WHERE conversation_id = :conv AND sequence = 10 AND delivery = 'Failed' RETURNING *;
\echo === activity: renew delivery claims
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
UPDATE activity a SET redelivery_claimed_at = now()
FROM unnest(ARRAY[:conv, 'conv-x'], ARRAY[4, 6]::bigint[]) AS held(conversation_id, sequence)
WHERE a.conversation_id = held.conversation_id AND a.sequence = held.sequence AND a.delivery IS NULL;
\echo === activity: claim lost deliveries
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
UPDATE activity a SET redelivery_claimed_at = now()
FROM (
    SELECT conversation_id, sequence FROM activity
    WHERE kind IN ('BotMessage', 'AgentMessage') AND delivery IS NULL
      AND occurred_at < now() - interval '1 minute' AND occurred_at > now() - interval '1 day'
      AND (redelivery_claimed_at IS NULL OR redelivery_claimed_at < now() - interval '1 minute')
    ORDER BY occurred_at, sequence
    LIMIT 100
    FOR UPDATE SKIP LOCKED) lost
WHERE a.conversation_id = lost.conversation_id AND a.sequence = lost.sequence
RETURNING a.conversation_id;
\echo === wake_up: book
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
INSERT INTO wake_up (grain_id, due_at) VALUES ('conversation/conv-x', now())
ON CONFLICT (grain_id) DO UPDATE SET due_at = excluded.due_at, taken_until = NULL;
\echo === wake_up: cancel
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
DELETE FROM wake_up WHERE grain_id = 'conversation/conv-' || md5('77');
\echo === wake_up: take due
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
UPDATE wake_up SET taken_until = now() + interval '1 minute'
WHERE grain_id IN (
    SELECT grain_id FROM wake_up
    WHERE due_at <= now() AND (taken_until IS NULL OR taken_until <= now())
    ORDER BY due_at
    LIMIT 100
    FOR UPDATE SKIP LOCKED)
RETURNING grain_id;
ROLLBACK;
