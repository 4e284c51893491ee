#!/usr/bin/env bash
# Stops what start-stores.sh started and removes its temp folder.
# Usage: tests/stores/stop-stores.sh [STATE_DIR]   (defaults to $CONVERSATIONS_STORES_DIR)
set -uo pipefail

state_dir="${1:-${CONVERSATIONS_STORES_DIR:-}}"
case "$state_dir" in
    "${TMPDIR:-/tmp}"/conversations-stores.*) ;;
    *) echo "stop-stores: not a start-stores folder: '$state_dir'" >&2; exit 1 ;;
esac
[ -d "$state_dir" ] || exit 0

if [ -f "$state_dir/pg_bin" ] && [ -d "$state_dir/pg" ]; then
    pg_bin="$(cat "$state_dir/pg_bin")"
    pg_user="$(cat "$state_dir/pg_user")"
    if [ "$(id -u)" -eq 0 ] && [ "$pg_user" != "root" ]; then
        runuser -u "$pg_user" -- "$pg_bin/pg_ctl" -D "$state_dir/pg" -m immediate -w stop >/dev/null 2>&1
    else
        "$pg_bin/pg_ctl" -D "$state_dir/pg" -m immediate -w stop >/dev/null 2>&1
    fi
fi

if [ -f "$state_dir/azurite.pid" ]; then
    az_pid="$(cat "$state_dir/azurite.pid")"
    kill "$az_pid" 2>/dev/null
    for _ in $(seq 1 20); do
        kill -0 "$az_pid" 2>/dev/null || break
        sleep 0.25
    done
    kill -9 "$az_pid" 2>/dev/null
fi

rm -rf "$state_dir"
