#!/usr/bin/env bash
# EXPLAIN ANALYZE of every grain-state, reminder and membership statement registered in OrleansQuery,
# with representative values bound, on a database filled by fill.sql. Writes run in a transaction that
# is rolled back, so the data stays as filled. Usage: bench/plans/explain.sh <database>  (PG* env vars
# pick the server).
set -euo pipefail
db="$1"
ext="'conv-$(printf '%s' 123456 | md5sum | cut -c1-32)'"
declare -A values=(
    [ServiceId]="'conversations'" [GrainTypeString]="'conversation'" [GrainIdN0]=0 [GrainIdN1]=0
    [GrainIdHash]=0 [GrainTypeHash]=0 [GrainIdExtensionString]="$ext" [GrainStateVersion]=5
    [PayloadBinary]="'\\x00'::bytea"
    [GrainId]="'conversation/conv-$(printf '%s' 123456 | md5sum | cut -c1-32)'" [ReminderName]="'house-keeping'"
    [StartTime]="now()" [Period]=600000 [GrainHash]=12345 [Version]=0
    [BeginHash]=0 [EndHash]=2000000
    [DeploymentId]="'deployment'" [Address]="'10.0.0.1'" [Port]=11111 [Generation]=1 [SiloName]="'silo'"
    [HostName]="'host'" [Status]=3 [ProxyPort]=30000 [SuspectTimes]=NULL [IAmAliveTime]="now()"
)
keys="${KEYS:-$(psql -At -d "$db" -c "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey")}"
for key in $keys; do
    [ "$key" = DeleteReminderRowsKey ] || [ "$key" = DeleteMembershipTableEntriesKey ] && continue
    # The wrapping range is a narrow slice at both ends of the ring, as a silo of several would own.
    [ "$key" = ReadRangeRows2Key ] && values[BeginHash]=2140000000 values[EndHash]=-2140000000
    sql="$(psql -At -d "$db" -c "SELECT QueryText FROM OrleansQuery WHERE QueryKey = '$key'")"
    # Longest names first, so @GrainId does not eat the start of @GrainIdN0.
    for name in $(printf '%s\n' "${!values[@]}" | awk '{ print length, $0 }' | sort -rn | cut -d' ' -f2); do
        sql="${sql//@$name/${values[$name]}}"
    done
    sql="${sql%;*}"
    printf '=== %s\n' "$key"
    psql -At -d "$db" -c "BEGIN; EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) $sql; ROLLBACK;" | grep -v '^BEGIN\|^ROLLBACK'
done
