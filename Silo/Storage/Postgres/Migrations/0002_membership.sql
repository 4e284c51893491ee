-- Cluster membership for Microsoft.Orleans.Clustering.AdoNet. The provider relies on optimistic
-- concurrency: every change to a deployment's members also bumps that deployment's version row, and a
-- change made against a stale version must change nothing and report false. Each statement below is a
-- single SQL statement, so the version check and the member change commit or fail together.

CREATE TABLE IF NOT EXISTS orleans_membership_version
(
    deployment_id varchar(150)   NOT NULL PRIMARY KEY,
    changed_at    timestamptz(3) NOT NULL DEFAULT now(),
    version       integer        NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS orleans_membership
(
    deployment_id   varchar(150)   NOT NULL REFERENCES orleans_membership_version (deployment_id),
    address         varchar(45)    NOT NULL,
    port            integer        NOT NULL,
    generation      integer        NOT NULL,
    silo_name       varchar(150)   NOT NULL,
    host_name       varchar(150)   NOT NULL,
    status          integer        NOT NULL,
    proxy_port      integer        NULL,
    suspect_times   varchar(8000)  NULL,
    start_time      timestamptz(3) NOT NULL,
    i_am_alive_time timestamptz(3) NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $sql$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id)
    VALUES (CAST(@DeploymentId AS varchar))
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer FROM created;
$sql$),
('InsertMembershipKey', $sql$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = CAST(@DeploymentId AS varchar)
      AND version = CAST(@Version AS integer)
      AND NOT EXISTS (
          SELECT 1 FROM orleans_membership m
          WHERE m.deployment_id = CAST(@DeploymentId AS varchar)
            AND m.address = CAST(@Address AS varchar)
            AND m.port = CAST(@Port AS integer)
            AND m.generation = CAST(@Generation AS integer))
    RETURNING deployment_id
), added AS (
    INSERT INTO orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT deployment_id, CAST(@Address AS varchar), CAST(@Port AS integer), CAST(@Generation AS integer),
           CAST(@SiloName AS varchar), CAST(@HostName AS varchar), CAST(@Status AS integer), CAST(@ProxyPort AS integer),
           CAST(@StartTime AS timestamptz), CAST(@IAmAliveTime AS timestamptz)
    FROM bumped
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer FROM added;
$sql$),
('UpdateMembershipKey', $sql$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = CAST(@DeploymentId AS varchar)
      AND version = CAST(@Version AS integer)
      AND EXISTS (
          SELECT 1 FROM orleans_membership m
          WHERE m.deployment_id = CAST(@DeploymentId AS varchar)
            AND m.address = CAST(@Address AS varchar)
            AND m.port = CAST(@Port AS integer)
            AND m.generation = CAST(@Generation AS integer))
    RETURNING deployment_id
), changed AS (
    UPDATE orleans_membership m
    SET status = CAST(@Status AS integer),
        suspect_times = CAST(@SuspectTimes AS varchar),
        i_am_alive_time = CAST(@IAmAliveTime AS timestamptz)
    FROM bumped
    WHERE m.deployment_id = bumped.deployment_id
      AND m.address = CAST(@Address AS varchar)
      AND m.port = CAST(@Port AS integer)
      AND m.generation = CAST(@Generation AS integer)
    RETURNING 1
)
SELECT count(*)::integer FROM changed;
$sql$),
('UpdateIAmAlivetimeKey', $sql$
UPDATE orleans_membership
SET i_am_alive_time = CAST(@IAmAliveTime AS timestamptz)
WHERE deployment_id = CAST(@DeploymentId AS varchar)
  AND address = CAST(@Address AS varchar)
  AND port = CAST(@Port AS integer)
  AND generation = CAST(@Generation AS integer);
$sql$),
-- The version row is always returned (outer join), so the provider learns the table version even when
-- the silo asked about has no row yet.
('MembershipReadRowKey', $sql$
SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime,
       v.version AS Version
FROM orleans_membership_version v
LEFT JOIN orleans_membership m
       ON m.deployment_id = v.deployment_id
      AND m.address = CAST(@Address AS varchar)
      AND m.port = CAST(@Port AS integer)
      AND m.generation = CAST(@Generation AS integer)
WHERE v.deployment_id = CAST(@DeploymentId AS varchar);
$sql$),
('MembershipReadAllKey', $sql$
SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime,
       v.version AS Version
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = CAST(@DeploymentId AS varchar);
$sql$),
('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM orleans_membership WHERE deployment_id = CAST(@DeploymentId AS varchar);
DELETE FROM orleans_membership_version WHERE deployment_id = CAST(@DeploymentId AS varchar);
$sql$),
('GatewaysQueryKey', $sql$
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
FROM orleans_membership
WHERE deployment_id = CAST(@DeploymentId AS varchar)
  AND status = CAST(@Status AS integer)
  AND proxy_port > 0;
$sql$),
-- Removes members that stopped sending heartbeats before the given time and are not Active (status 3):
-- the 10.x providers call this to clean up defunct silos. Both key spellings the 10.4 assembly knows
-- are registered with the same statement.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM orleans_membership
WHERE deployment_id = CAST(@DeploymentId AS varchar)
  AND i_am_alive_time < CAST(@IAmAliveTime AS timestamptz)
  AND status <> 3;
$sql$),
('CleanupDefunctSiloEntryKey', $sql$
DELETE FROM orleans_membership
WHERE deployment_id = CAST(@DeploymentId AS varchar)
  AND i_am_alive_time < CAST(@IAmAliveTime AS timestamptz)
  AND status <> 3;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
