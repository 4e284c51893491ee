-- Grain state for Microsoft.Orleans.Persistence.AdoNet, used when Silo:GrainState=Postgres. A grain's
-- state is one row; version is the etag. A write presenting no etag may only create the row, a write
-- presenting an etag may only replace that exact version: anything else changes nothing and returns no
-- new version, which the provider reports as an InconsistentStateException. The provider also sends
-- hashes of the grain id and type; this schema does not need them because the unique index below finds
-- the row by the full key. NULLS NOT DISTINCT (PostgreSQL 15+) makes grains without a string key
-- extension unique as well.

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    service_id         varchar(150) NOT NULL,
    grain_type         varchar(512) NOT NULL,
    grain_id_n0        bigint       NOT NULL,
    grain_id_n1        bigint       NOT NULL,
    grain_id_extension varchar(512) NULL,
    payload            bytea        NULL,
    version            integer      NOT NULL,
    modified_at        timestamptz  NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_orleans_grain_state_key
    ON orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension) NULLS NOT DISTINCT;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $sql$
SELECT payload AS PayloadBinary, version AS Version
FROM orleans_grain_state
WHERE service_id = CAST(@ServiceId AS varchar)
  AND grain_type = CAST(@GrainTypeString AS varchar)
  AND grain_id_n0 = CAST(@GrainIdN0 AS bigint)
  AND grain_id_n1 = CAST(@GrainIdN1 AS bigint)
  AND grain_id_extension IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS varchar);
$sql$),
('WriteToStorageKey', $sql$
WITH replaced AS (
    UPDATE orleans_grain_state
    SET payload = CAST(@PayloadBinary AS bytea), version = version + 1, modified_at = now()
    WHERE service_id = CAST(@ServiceId AS varchar)
      AND grain_type = CAST(@GrainTypeString AS varchar)
      AND grain_id_n0 = CAST(@GrainIdN0 AS bigint)
      AND grain_id_n1 = CAST(@GrainIdN1 AS bigint)
      AND grain_id_extension IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS varchar)
      AND version = CAST(@GrainStateVersion AS integer)
    RETURNING version
), created AS (
    INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
    SELECT CAST(@ServiceId AS varchar), CAST(@GrainTypeString AS varchar), CAST(@GrainIdN0 AS bigint),
           CAST(@GrainIdN1 AS bigint), CAST(@GrainIdExtensionString AS varchar), CAST(@PayloadBinary AS bytea), 1
    WHERE CAST(@GrainStateVersion AS integer) IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT (SELECT version FROM replaced UNION ALL SELECT version FROM created LIMIT 1) AS NewGrainStateVersion;
$sql$),
('ClearStorageKey', $sql$
UPDATE orleans_grain_state
SET payload = NULL, version = version + 1, modified_at = now()
WHERE service_id = CAST(@ServiceId AS varchar)
  AND grain_type = CAST(@GrainTypeString AS varchar)
  AND grain_id_n0 = CAST(@GrainIdN0 AS bigint)
  AND grain_id_n1 = CAST(@GrainIdN1 AS bigint)
  AND grain_id_extension IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS varchar)
  AND version = CAST(@GrainStateVersion AS integer)
RETURNING version AS NewGrainStateVersion;
$sql$),
-- The provider expects the deleted version + 1 back, as if the delete had been one more write.
('DeleteStorageKey', $sql$
DELETE FROM orleans_grain_state
WHERE service_id = CAST(@ServiceId AS varchar)
  AND grain_type = CAST(@GrainTypeString AS varchar)
  AND grain_id_n0 = CAST(@GrainIdN0 AS bigint)
  AND grain_id_n1 = CAST(@GrainIdN1 AS bigint)
  AND grain_id_extension IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS varchar)
  AND version = CAST(@GrainStateVersion AS integer)
RETURNING version + 1 AS NewGrainStateVersion;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
