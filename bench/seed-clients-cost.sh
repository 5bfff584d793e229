#!/usr/bin/env bash
# What the seed systems' clients cost the agent: pi-stat (Native AOT, the unit's GC settings) serving the demo
# Raspberry Pi 4 with the default 1 s sample. Reports the binary's size (and the bundled SQLite library beside it),
# RSS and CPU idle, with CLIENTS (default 10) Socket.IO clients on WebSocket (Debian's python3-socketio) for
# SECONDS (default 30), and while pytest-monitor posts METRICS (default 1000) test metrics to /api/v1 (curl; median
# time per POST), with the database's size after. BASELINE_BIN=<an older pi-stat binary> adds its idle row, for the
# change. Prints a markdown table. Needs clang, curl, python3-socketio.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-/tmp/pi-stat-seed-clients}
clients=${CLIENTS:-10}
seconds=${SECONDS_EACH:-30}
metrics=${METRICS:-1000}
port=18720
mkdir -p "$out"
rm -rf "$out/data"

echo "building (AOT)..." >&2
dotnet publish MonitorWorker -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" >/dev/null
. bench/process-cost.sh
url="http://127.0.0.1:$port"
env "${unit_gc[@]}" PISTAT_HOST=127.0.0.1 PISTAT_PORT=$port PISTAT_DATA_PATH="$out/data" "$out/aot/pi-stat" demo raspberry-pi-4 > "$out/agent.log" 2>&1 &
agent=$!
trap 'kill $agent 2>/dev/null || true; pkill -f "$out/client.py" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf -o /dev/null "$url/health" && break; sleep 0.1; done
sleep 5

window() { # seconds -> "RSS CPU-s/min" over that window
  local before after
  before=$(cpu_seconds "$agent")
  sleep "$1"
  after=$(cpu_seconds "$agent")
  echo "$(rss_mb "$agent") $(awk -v b="$before" -v a="$after" -v s="$1" 'BEGIN { printf "%.2f", (a - b) * 60 / s }')"
}

read -r idle_rss idle_cpu < <(window "$seconds")
baseline_row=""
if [ -n "${BASELINE_BIN:-}" ]; then
  env "${unit_gc[@]}" PISTAT_HOST=127.0.0.1 PISTAT_PORT=$((port + 1)) "$BASELINE_BIN" demo raspberry-pi-4 > "$out/baseline.log" 2>&1 &
  base=$!
  for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$((port + 1))/health" && break; sleep 0.1; done
  sleep 5
  before=$(cpu_seconds "$base"); sleep "$seconds"; after=$(cpu_seconds "$base")
  baseline_row="| idle, no client: BASELINE_BIN ($(stat -c %s "$BASELINE_BIN" | awk '{ printf "%.1f", $1 / 1048576 }') MB) | $(rss_mb "$base") | $(awk -v b="$before" -v a="$after" -v s="$seconds" 'BEGIN { printf "%.2f", (a - b) * 60 / s }') | |"
  kill "$base"; wait "$base" 2>/dev/null || true
fi

cat > "$out/client.py" <<'PY'
import sys, time, socketio
c = socketio.Client(reconnection=False)
n = 0
def on(data):
    global n
    n += 1
c.on("tegrastats_update", on)
c.connect(sys.argv[1], transports=["websocket"])
time.sleep(float(sys.argv[2]))
print(n)
c.disconnect()
PY
for i in $(seq 1 "$clients"); do /usr/bin/python3 "$out/client.py" "$url" $((seconds + 10)) > "$out/client-$i.out" 2>&1 & done
sleep 5
read -r sio_rss sio_cpu < <(window "$seconds")
wait $(jobs -p | grep -v "^$agent$") 2>/dev/null || true
events=$(cat "$out"/client-*.out | awk '{ s += $1 } END { print s + 0 }')

h=cost$(date +%s)
curl -sf -o /dev/null -XPOST "$url/api/v1/contexts/" -d "{\"h\":\"$h\",\"cpu_count\":4,\"cpu_frequency\":1500.0,\"cpu_type\":\"\",\"cpu_vendor\":\"\",\"ram_total\":3789,\"machine_node\":\"n\",\"machine_type\":\"aarch64\",\"machine_arch\":\"64bit\",\"system_info\":\"Linux\",\"python_info\":\"3.11\"}"
curl -sf -o /dev/null -XPOST "$url/api/v1/sessions/" -d "{\"session_h\":\"$h\",\"run_date\":\"2026-12-02T09:00:00\",\"scm_ref\":\"\",\"description\":{}}"
before=$(cpu_seconds "$agent")
start=$(date +%Y-%m-%dT%H:%M:%S)
for i in $(seq 1 "$metrics"); do
  curl -s -o /dev/null -w '%{time_total}\n' -XPOST "$url/api/v1/metrics/" -d "{\"session_h\":\"$h\",\"context_h\":\"$h\",\"item_start_time\":\"$start\",\"item_path\":\"pkg.test_mod\",\"item\":\"test_$i\",\"item_variant\":\"test_$i\",\"item_fs_loc\":\"pkg/test_mod.py\",\"kind\":\"function\",\"component\":\"\",\"total_time\":0.5,\"user_time\":0.4,\"kernel_time\":0.05,\"cpu_usage\":0.9,\"mem_usage\":1.5}"
done | sort -n > "$out/post-times"
after=$(cpu_seconds "$agent")
stored=$(curl -sf "$url/api/v1/contexts/$h/metrics/count/" | grep -o '[0-9]*')
post_median=$(sed -n "$(( (metrics + 1) / 2 ))p" "$out/post-times" | awk '{ printf "%.1f", $1 * 1000 }')
post_cpu=$(awk -v b="$before" -v a="$after" -v n="$metrics" 'BEGIN { printf "%.2f", (a - b) * 1000 / n }')
post_rss=$(rss_mb "$agent")
db_kb=$(du -k "$out/data" | tail -n 1 | cut -f1)

binary=$(stat -c %s "$out/aot/pi-stat" | awk '{ printf "%.1f", $1 / 1048576 }')
library=$(stat -c %s "$out/aot/libe_sqlite3.so" 2>/dev/null | awk '{ printf "%.1f", $1 / 1048576 }')
echo "binary: $binary MB (libe_sqlite3.so beside it: ${library:-none} MB)"
echo
echo "| state | RSS MB | CPU-s/min | |"
echo "|---|---|---|---|"
[ -n "$baseline_row" ] && echo "$baseline_row"
echo "| idle, no client | $idle_rss | $idle_cpu | |"
echo "| $clients Socket.IO clients (WebSocket) | $sio_rss | $sio_cpu | $events events received in total |"
echo "| after $metrics pytest-monitor metrics | $post_rss | | $stored stored, median POST ${post_median} ms, ${post_cpu} CPU-ms each, database ${db_kb} KB |"
