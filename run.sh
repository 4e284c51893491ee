#!/usr/bin/env bash
# Runs the system in the development profile: one silo (with the dashboard) and the HTTP gateway,
# started and stopped together. Needs only the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")"

for project in Silo Gateway; do
    dotnet build "$project" --configuration Release --nologo --verbosity quiet
done

# Keys and the first admin for this run (the development stores are in memory, so they live as long as the run).
# Set Security__MasterKey and ADMIN_PASSWORD yourself to keep them across runs.
export Security__MasterKey="${Security__MasterKey:-$(head -c 32 /dev/urandom | base64)}"
admin_password="${ADMIN_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}"
export Security__BootstrapAdmin__Password="$admin_password"

pids=()
stop() {
    trap - INT TERM EXIT
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT

(cd Silo && Silo__DashboardOpenOnLoopback=true exec dotnet bin/Release/net10.0/Conversations.Silo.dll) &
pids+=($!)
(cd Gateway && exec dotnet bin/Release/net10.0/Conversations.Gateway.dll) &
pids+=($!)

echo "Gateway:   http://localhost:5080   (OpenAPI: http://localhost:5080/openapi/v1.json)"
echo "Dashboard: http://localhost:8080/dashboard   (open to this machine only)"
echo "Agent desk: http://localhost:5080/desk/   (sign in as a user with the agent role)"
echo "Supervisor console: http://localhost:5080/console/   (sign in as a user with the supervisor or admin role)"
echo "Admin pages: http://localhost:5080/admin/   (sign in as admin with the password below)"
echo "Log in:    user admin, password $admin_password"
echo "           TOKEN=\$(curl -s -XPOST http://localhost:5080/api/auth/login -H 'content-type: application/json' \\"
echo "             -d '{\"userId\":\"admin\",\"password\":\"$admin_password\"}' | sed -E 's/.*\"accessToken\":\"([^\"]+)\".*/\\1/')"
echo "Press Ctrl+C to stop both."

# Whichever process ends first ends the run, so one never keeps going alone.
wait -n "${pids[@]}"
