-- Fills a migrated database with about 1M rows per big table, shaped like the production profile's
-- rows (string grain keys with type prefixes, so the ADO.NET provider sends GrainIdN0 = GrainIdN1 = 0),
-- for `explain.sql`. Run with: psql -d <db> -f fill.sql
\set ON_ERROR_STOP on
TRUNCATE orleans_grain_state, orleans_reminder, wake_up, activity;

-- Grain state: four string-keyed grain types, 1M rows in all, plus a few integer-keyed ones.
INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
SELECT 'conversations', t.grain_type, 0, 0, t.prefix || md5(i::text), decode(repeat('ab', 300), 'hex'), 1 + i % 7
FROM (VALUES ('conversation', 'conv-', 300000), ('channelSession', 'cs-', 300000),
             ('customer', 'cust-', 200000), ('customerIdentity', 'ident-', 200000)) AS t(grain_type, prefix, n),
     generate_series(1, t.n) AS i;
INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
SELECT 'conversations', 'counter', 0, i, NULL, decode('00', 'hex'), 1 FROM generate_series(1, 1000) AS i;

-- Reminders: one per conversation grain, hashes spread over the whole int range.
INSERT INTO orleans_reminder (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
SELECT 'conversations', 'conversation/conv-' || md5(i::text), 'house-keeping', now(), 600000,
       (hashtext(i::text)), 0
FROM generate_series(1, 1000000) AS i;

-- Wake-up book: 1M deadlines, a tenth of them due, some of those taken.
INSERT INTO wake_up (grain_id, due_at, taken_until)
SELECT 'conversation/conv-' || md5(i::text), now() + ((i % 10) - 1) * interval '1 hour',
       CASE WHEN i % 100 = 0 THEN now() + interval '1 minute' END
FROM generate_series(1, 1000000) AS i;

-- Activity log: 100k conversations of 10 activities each; every second one a customer message with a
-- connector message id, the rest bot/agent messages, nearly all delivered, a few failed.
INSERT INTO activity (conversation_id, sequence, kind, from_role, customer_id, channel_session_id, text, occurred_at,
                      service_identifier, connector_message_id, sender, delivery, delivery_at, delivery_failure)
SELECT 'conv-' || md5(c::text), s,
       CASE WHEN s % 2 = 1 THEN 'CustomerMessage' WHEN s % 4 = 0 THEN 'BotMessage' ELSE 'AgentMessage' END,
       CASE WHEN s % 2 = 1 THEN 'Customer' ELSE 'Agent' END,
       'cust-' || md5((c % 50000)::text), 'cs-' || md5(c::text), 'hello, this is a message of ordinary length',
       now() - (1000000 - c * 10 - s) * interval '1 second',
       CASE WHEN s % 2 = 1 THEN '+15550000' || (c % 10) END,
       CASE WHEN s % 2 = 1 THEN 'SM' || md5(c::text || '/' || s) END,
       CASE WHEN s % 2 = 1 THEN '+1444' || lpad((c % 50000)::text, 7, '0') END,
       CASE WHEN s % 2 = 1 THEN NULL WHEN (c * 10 + s) % 10000 = 0 THEN 'Failed' WHEN c > 99990 THEN NULL ELSE 'Delivered' END,
       CASE WHEN s % 2 = 1 OR c > 99990 THEN NULL ELSE now() - (1000000 - c * 10 - s) * interval '1 second' END,
       CASE WHEN (c * 10 + s) % 10000 = 0 AND s % 2 = 0 THEN 'webhook answered 500' END
FROM generate_series(1, 100000) AS c, generate_series(1, 10) AS s;

VACUUM ANALYZE orleans_grain_state, orleans_reminder, wake_up, activity;
SELECT relname, n_live_tup FROM pg_stat_user_tables
WHERE relname IN ('orleans_grain_state', 'orleans_reminder', 'wake_up', 'activity') ORDER BY relname;
