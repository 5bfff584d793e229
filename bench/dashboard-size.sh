#!/bin/sh
# What the dashboard costs a browser: each file the page loads, as served (raw and gzip), from a demo agent started
# here. Prints a markdown table.
set -eu
cd "$(dirname "$0")/.."
port=${PORT:-18599}
dotnet build MonitorWorker -c Release >/dev/null
PISTAT_HOST=127.0.0.1 PISTAT_PORT=$port dotnet MonitorWorker/bin/Release/net10.0/pi-stat.dll demo x86-server >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.1; done
size() { curl -sf -H 'Accept: text/html' -H "Accept-Encoding: $2" "http://127.0.0.1:$port$1" | wc -c; }
echo "| file | raw bytes | gzip |"
echo "|---|---|---|"
total_raw=0; total_gz=0
for path in / /dashboard/app.js /dashboard/api.js /dashboard/state.js /dashboard/charts.js /dashboard/processes.js /dashboard/format.js /dashboard/app.css /dashboard/uPlot.iife.min.js /dashboard/uPlot.min.css; do
  raw=$(size "$path" identity); gz=$(size "$path" gzip)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  echo "| $path | $raw | $gz |"
done
echo "| everything | $total_raw | $total_gz |"
