#!/usr/bin/env bash
# Starts a throwaway PostgreSQL and a throwaway Azurite table service for the store tests and prints
# `export` lines for them, so a caller runs:  eval "$(tests/stores/start-stores.sh)"
# Installs what is missing first (PostgreSQL from Debian packages, Azurite from npm into .tools/),
# which is why CI needs nothing but this script. Everything it starts lives in one temp folder that
# tests/stores/stop-stores.sh removes again. Progress goes to stderr; stdout carries only the exports.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
azurite_version="3.37.0"
azurite_dir="$root/.tools/azurite"
# The well-known Azurite development account; it is public and only ever valid against Azurite.
azurite_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

log() { echo "start-stores: $*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

find_pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

install_postgres() {
    if [ -n "$(find_pg_bin)" ] && [ -x "$(find_pg_bin)/initdb" ]; then
        return
    fi
    log "installing PostgreSQL from Debian packages"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

install_azurite() {
    if [ -x "$azurite_dir/node_modules/.bin/azurite-table" ]; then
        return
    fi
    log "installing Azurite $azurite_version into $azurite_dir"
    mkdir -p "$azurite_dir"
    npm install --prefix "$azurite_dir" --no-audit --no-fund --loglevel=error "azurite@$azurite_version" >&2
}

# A port nobody listens on right now; the small race with other processes is acceptable for tests.
free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    log "no free port found"
    return 1
}

wait_for_port() {
    local port="$1" name="$2"
    for _ in $(seq 1 120); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            return
        fi
        sleep 0.5
    done
    log "$name did not start listening on port $port"
    return 1
}

install_postgres
install_azurite
pg_bin="$(find_pg_bin)"

state_dir="$(mktemp -d "${TMPDIR:-/tmp}/conversations-stores.XXXXXX")"
chmod 755 "$state_dir"

# initdb refuses to run as root, so the server runs as an unprivileged user: the one the Debian
# package creates, or a system user made for this purpose.
pg_user="$(id -un)"
run_pg() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
    pg_user="postgres"
    if ! id "$pg_user" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
    fi
    run_pg() { runuser -u "$pg_user" -- "$@"; }
fi

pg_data="$state_dir/pg"
mkdir -p "$pg_data"
chown "$pg_user" "$pg_data" 2>/dev/null || true
pg_port="$(free_port)"
log "initialising PostgreSQL in $pg_data (port $pg_port)"
run_pg "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$state_dir/initdb.log" 2>&1 \
    || { cat "$state_dir/initdb.log" >&2; exit 1; }
# Durability settings are relaxed because the data dies with the run, unless CONVERSATIONS_STORES_FSYNC=on (the
# bench's ratio runs compare against a server that pays its fsyncs); connections are raised because every test
# class opens its own pools; pg_stat_statements lets the bench show which statements a phase ran.
durability="-c fsync=off -c full_page_writes=off"
if [ "${CONVERSATIONS_STORES_FSYNC:-off}" = "on" ]; then
    durability="-c fsync=on -c full_page_writes=on"
fi
run_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $pg_port -k $pg_data $durability -c max_connections=300 -c shared_preload_libraries=pg_stat_statements" start >&2 \
    || { cat "$pg_data/server.log" >&2; exit 1; }
pg_pid="$(head -n 1 "$pg_data/postmaster.pid")"
for _ in $(seq 1 60); do
    if "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; then break; fi
    sleep 0.5
done
"$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" || { log "PostgreSQL does not answer"; exit 1; }

az_port="$(free_port)"
mkdir -p "$state_dir/azurite"
log "starting Azurite table service (port $az_port)"
nohup "$azurite_dir/node_modules/.bin/azurite-table" --location "$state_dir/azurite" \
    --tableHost 127.0.0.1 --tablePort "$az_port" --skipApiVersionCheck --loose --silent \
    >"$state_dir/azurite.log" 2>&1 </dev/null &
az_pid=$!
wait_for_port "$az_port" "Azurite" || { cat "$state_dir/azurite.log" >&2; exit 1; }

echo "$pg_pid" >"$state_dir/postgres.pid"
echo "$az_pid" >"$state_dir/azurite.pid"
echo "$pg_bin" >"$state_dir/pg_bin"
echo "$pg_user" >"$state_dir/pg_user"

echo "export CONVERSATIONS_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres'"
echo "export CONVERSATIONS_TEST_AZURE_STORAGE='DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$azurite_key;TableEndpoint=http://127.0.0.1:$az_port/devstoreaccount1;'"
echo "export CONVERSATIONS_STORES_DIR='$state_dir'"
echo "export CONVERSATIONS_STORES_PIDS='$pg_pid $az_pid'"
echo "export CONVERSATIONS_STORES_STOP='$root/tests/stores/stop-stores.sh $state_dir'"
