#!/usr/bin/env bash
# The project's test command: starts throwaway PostgreSQL and Azurite (installing them when missing),
# runs every test project in Conversations.sln against them, stops them again and ends with one line:
#   N passed, N failed, N skipped
# Exits non-zero when anything failed, when the build failed, or when no test ran at all.
set -uo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The browser tests drive Debian's Chromium; Playwright must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

results="$(mktemp -d "${TMPDIR:-/tmp}/conversations-test-results.XXXXXX")"
stores_dir=""
stop_stores() {
    if [ -n "$stores_dir" ]; then
        tests/stores/stop-stores.sh "$stores_dir" >/dev/null 2>&1 || true
        stores_dir=""
    fi
}
cleanup() {
    stop_stores
    rm -rf "$results"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ! -x /usr/bin/chromium ]; then
    echo "test.sh: installing chromium for the browser tests" >&2
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null </dev/null; then
        echo "test.sh: could not install chromium; the browser tests will fail" >&2
    fi
fi

if ! exports="$(tests/stores/start-stores.sh)"; then
    echo "test.sh: could not start the test stores" >&2
    echo "0 passed, 0 failed, 0 skipped"
    exit 1
fi
eval "$exports"
stores_dir="$CONVERSATIONS_STORES_DIR"

# One build, then each test project in turn: the cluster tests time deadlines on real processes and must not
# share the two cores with other suites. A hung test is reported and killed instead of stalling CI.
test_rc=0
if dotnet build Conversations.sln --nologo --verbosity quiet </dev/null; then
    for project in tests/Conversations.*Tests/*.csproj; do
        dotnet test "$project" --no-build --nologo \
            --logger trx --results-directory "$results" \
            --blame-hang-timeout 5m --blame-hang-dump-type none </dev/null || test_rc=1
    done
else
    test_rc=1
fi

stop_stores

# Each test project writes one TRX file; its Counters element carries the totals.
counter() {
    local name="$1" sum=0 value file
    for file in "$results"/*.trx; do
        [ -e "$file" ] || continue
        value="$(grep -o "<Counters [^>]*" "$file" | grep -o " $name=\"[0-9]*\"" | grep -o "[0-9]\+" | head -n 1)"
        sum=$((sum + ${value:-0}))
    done
    echo "$sum"
}
passed="$(counter passed)"
failed=$(( $(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted) ))
skipped="$(counter notExecuted)"

echo "$passed passed, $failed failed, $skipped skipped"
if [ "$failed" -ne 0 ] || [ "$test_rc" -ne 0 ] || [ "$passed" -eq 0 ]; then
    exit 1
fi
