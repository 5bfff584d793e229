#!/usr/bin/env bash
# What a fleet costs the agent that polls it: pi-stat (Native AOT, the unit's GC settings) with no peers and with
# PEERS (default 100) fake peers on loopback, HANGING (default 10) of which accept and never answer. For each: RSS after
# the first rounds, CPU-seconds per minute over IDLE_SECONDS (default 60), and the time /api/monitoring/resources takes
# to answer (curl, 200 requests: median and slowest), with the poll interval and timeout at their defaults (10 s, 3 s).
# Prints a markdown table. Needs python3, curl and clang (installed when run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-/tmp/pi-stat-fleet}
peers=${PEERS:-100}
hanging=${HANGING:-10}
idle=${IDLE_SECONDS:-60}
mkdir -p "$out"
python=$(command -v /usr/bin/python3 || command -v python3)

need=()
for tool in curl clang; do command -v "$tool" >/dev/null || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "missing: ${need[*]} (run as root to install)"; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl clang zlib1g-dev >/dev/null
fi

echo "building (AOT)..." >&2
dotnet publish MonitorWorker -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" >/dev/null

. bench/process-cost.sh
wait_for() { for _ in $(seq 1 300); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer from $1" >&2; exit 1; }

# The peers' body: a real /stats answer, from a demo Raspberry Pi 4.
env PISTAT_HOST=127.0.0.1 PISTAT_PORT=18690 "$out/aot/pi-stat" demo raspberry-pi-4 > "$out/demo.log" 2>&1 &
demo=$!
wait_for "http://127.0.0.1:18690/stats"
sleep 2
curl -sf "http://127.0.0.1:18690/stats" > "$out/stats.json"
kill "$demo"; wait "$demo" 2>/dev/null || true

first=18700
"$python" bench/fake-fleet.py "$first" "$peers" "$hanging" "$out/stats.json" > "$out/peers.log" 2>&1 &
fleet=$!
trap 'kill $fleet 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q serving "$out/peers.log" && break; sleep 0.1; done
list=$(seq "$first" $((first + peers - 1)) | sed 's|^|http://127.0.0.1:|' | paste -sd,)

measure() { # name peer-list -> table row
  local name=$1 list=$2 port=18691
  env "${unit_gc[@]}" PISTAT_HOST=127.0.0.1 PISTAT_PORT=$port PISTAT_PEERS="$list" "$out/aot/pi-stat" > "$out/$name.log" 2>&1 &
  local pid=$!
  local url="http://127.0.0.1:$port/api/monitoring/resources"
  wait_for "$url"
  sleep 25 # the first rounds: two full polls of every peer, hanging ones timed out
  local rss before after cpu times median slowest reachable
  rss=$(rss_mb "$pid")
  before=$(cpu_seconds "$pid")
  sleep "$idle"
  after=$(cpu_seconds "$pid")
  cpu=$(awk -v b="$before" -v a="$after" -v s="$idle" 'BEGIN { printf "%.2f", (a - b) * 60 / s }')
  times=$(for _ in $(seq 1 200); do curl -s -o /dev/null -w '%{time_total}\n' "$url"; done | sort -n)
  median=$(sed -n 100p <<<"$times" | awk '{ printf "%.1f", $1 * 1000 }')
  slowest=$(tail -n 1 <<<"$times" | awk '{ printf "%.1f", $1 * 1000 }')
  reachable=$(curl -sf "$url" | grep -o '"reachable_nodes":[0-9]*' | cut -d: -f2)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$name|$rss|$cpu|$median|$slowest|$reachable" >> "$out/rows"
}

rm -f "$out/rows"
measure none ""
measure fleet "$list"
IFS='|' read -r _ rss0 cpu0 m0 s0 r0 < <(sed -n 1p "$out/rows")
IFS='|' read -r _ rss1 cpu1 median slowest reachable < <(sed -n 2p "$out/rows")

echo "| peers | RSS MB | CPU-s/min | /api/monitoring/resources median ms | slowest of 200 ms | nodes reachable |"
echo "|---|---|---|---|---|---|"
echo "| 0 | $rss0 | $cpu0 | $m0 | $s0 | $r0 |"
echo "| $peers ($hanging hanging) | $rss1 | $cpu1 | $median | $slowest | $reachable |"
awk -v r0="$rss0" -v r1="$rss1" -v c0="$cpu0" -v c1="$cpu1" -v n="$peers" \
  'BEGIN { printf "\nper peer: %.0f KB RSS, %.2f CPU-ms per minute (a poll every 10 s)\n", (r1 - r0) * 1024 / n, (c1 - c0) * 1000 / n }'
