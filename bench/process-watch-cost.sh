#!/usr/bin/env bash
# What the process list costs the agent: pi-stat (Native AOT, the unit's GC settings) on this machine's own /proc with
# the default 1 s sample, idle for SECONDS_EACH (default 60) with nobody asking for processes, then while a client asks
# /api/processes every 3 s as the dashboard's open panel does. BASELINE_BIN=<an older pi-stat binary> adds that
# binary's idle row on the same machine, for the claim that an agent nobody asks for processes costs what it did.
# Prints a markdown table. Needs clang and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-/tmp/pi-stat-process-watch}
seconds=${SECONDS_EACH:-60}
port=18730
mkdir -p "$out"

echo "building (AOT)..." >&2
dotnet publish MonitorWorker -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" >/dev/null
. bench/process-cost.sh

start_agent() { # binary port -> pid (waits for /health)
  env "${unit_gc[@]}" PISTAT_HOST=127.0.0.1 PISTAT_PORT="$2" "$1" run > "$out/agent-$2.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$2/health" && break; sleep 0.1; done
  sleep 5
  echo "$pid"
}
cpu_per_minute() { awk -v b="$1" -v a="$2" -v s="$seconds" 'BEGIN { printf "%.2f", (a - b) * 60 / s }'; }

rows=()
if [ -n "${BASELINE_BIN:-}" ]; then
  base=$(start_agent "$BASELINE_BIN" $((port + 1)))
  before=$(cpu_seconds "$base"); sleep "$seconds"; after=$(cpu_seconds "$base")
  rows+=("| idle, BASELINE_BIN | $(rss_mb "$base") | $(cpu_per_minute "$before" "$after") | 0 |")
  kill "$base"; wait "$base" 2>/dev/null || true
fi

agent=$(start_agent "$out/aot/pi-stat" $port)
trap 'kill $agent 2>/dev/null || true' EXIT
before=$(cpu_seconds "$agent"); sleep "$seconds"; after=$(cpu_seconds "$agent")
rows+=("| idle, nobody asks for processes | $(rss_mb "$agent") | $(cpu_per_minute "$before" "$after") | 0 |")

before=$(cpu_seconds "$agent")
end=$(( $(date +%s) + seconds ))
asked=0
while [ "$(date +%s)" -lt "$end" ]; do
  curl -sf "http://127.0.0.1:$port/api/processes?sort=cpu&limit=8" > "$out/processes.json"
  asked=$((asked + 1))
  sleep 3
done
after=$(cpu_seconds "$agent")
total=$(sed -n 's/.*"total":\([0-9]*\).*/\1/p' "$out/processes.json")
rows+=("| a dashboard watching processes (every 3 s) | $(rss_mb "$agent") | $(cpu_per_minute "$before" "$after") | $asked |")

echo "On $(nproc) CPUs, $total processes, pi-stat $(stat -c %s "$out/aot/pi-stat" | awk '{ printf "%.1f", $1 / 1048576 }') MB:"
echo
echo "| agent | RSS MB | CPU-s/min | process lists asked |"
echo "|---|---|---|---|"
printf '%s\n' "${rows[@]}"
