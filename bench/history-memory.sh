#!/bin/sh
# The history's preallocated memory on this machine and on the demo boards: starts each, waits for five samples and
# prints the series count and bytes from /api/history's memory object as a markdown table.
set -eu
cd "$(dirname "$0")/.."
port=${PORT:-18598}
dotnet build MonitorWorker -c Release >/dev/null
echo "| machine | series | history bytes | bytes per series |"
echo "|---|---|---|---|"
for board in this-machine raspberry-pi-4 jetson-orin-nano x86-server; do
  if [ "$board" = this-machine ]; then set -- run; else set -- demo "$board"; fi
  PISTAT_HOST=127.0.0.1 PISTAT_PORT=$port dotnet MonitorWorker/bin/Release/net10.0/pi-stat.dll "$@" >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.1; done
  sleep 5
  curl -sf "http://127.0.0.1:$port/api/history?series=cpu.usage" \
    | python3 -c "import json, sys; m = json.load(sys.stdin)['memory']; print(f\"| $board | {m['series']} | {m['bytes']:,} | {m['bytes_per_series']:,} |\")"
  kill $pid; wait $pid 2>/dev/null || true
done
