-- Grain-state rows found through an index. For a string-keyed grain (all of ours: their keys carry a prefix) the
-- ADO.NET provider sends GrainIdN0 = GrainIdN1 = 0 and the whole key as GrainIdExtensionString, and 0004 matched
-- that with IS NOT DISTINCT FROM, which no btree index can serve: every read and write scanned the whole table
-- (bench/README.md, "Query plans at 1M rows").
--
-- The key now indexes coalesce(grain_id_extension, '') together with whether the extension is NULL. The two
-- columns map every extension, NULL included, to a distinct pair, so the unique index keeps exactly 0004's rule
-- (one row per grain, no extension counting as a value) and replaces the old index instead of adding a second
-- one to every write. Statements compare coalesce(...) = coalesce(@ext, '') for the index and keep
-- IS NOT DISTINCT FROM as the exact test: NULL and '' share the coalesced value but are different grains (Orleans
-- reads key "1F" as integer 0x1F without extension, "1F+" as 0x1F with an empty one). Etags and versions work as
-- in 0004.

CREATE UNIQUE INDEX IF NOT EXISTS ux_orleans_grain_state_lookup
    ON orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1,
                            (coalesce(grain_id_extension, '')), (grain_id_extension IS NULL));

DROP INDEX IF EXISTS ux_orleans_grain_state_key;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $sql$
SELECT payload AS PayloadBinary, version AS Version
FROM orleans_grain_state
WHERE service_id = CAST(@ServiceId AS varchar)
  AND grain_type = CAST(@GrainTypeString AS varchar)
  AND grain_id_n0 = CAST(@GrainIdN0 AS bigint)
  AND grain_id_n1 = CAST(@GrainIdN1 AS bigint)
  AND coalesce(grain_id_extension, '') = coalesce(CAST(@GrainIdExtensionString AS varchar), '')
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
      AND coalesce(grain_id_extension, '') = coalesce(CAST(@GrainIdExtensionString AS varchar), '')
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
  AND coalesce(grain_id_extension, '') = coalesce(CAST(@GrainIdExtensionString AS varchar), '')
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
  AND coalesce(grain_id_extension, '') = coalesce(CAST(@GrainIdExtensionString AS varchar), '')
  AND grain_id_extension IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS varchar)
  AND version = CAST(@GrainStateVersion AS integer)
RETURNING version + 1 AS NewGrainStateVersion;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
