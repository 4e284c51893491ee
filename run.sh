#!/usr/bin/env bash
# Runs the system in the development profile: one silo (with the dashboard) and the HTTP gateway,
# started and stopped together. Needs only the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")"

for project in Silo Gateway; do
    dotnet build "$project" --configuration Release --nologo --verbosity quiet
done

pids=()
stop() {
    trap - INT TERM EXIT
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT

(cd Silo && exec dotnet bin/Release/net10.0/Conversations.Silo.dll) &
pids+=($!)
(cd Gateway && exec dotnet bin/Release/net10.0/Conversations.Gateway.dll) &
pids+=($!)

echo "Gateway:   http://localhost:5080   (OpenAPI: http://localhost:5080/openapi/v1.json)"
echo "Dashboard: http://localhost:8080/dashboard"
echo "Press Ctrl+C to stop both."

# Whichever process ends first ends the run, so one never keeps going alone.
wait -n "${pids[@]}"
