#!/usr/bin/env bash
# Load and cost figures for pi-stat (Native AOT and JIT builds) beside Debian's prometheus-node-exporter, in one run on
# this machine's real /proc and /sys. Prints a markdown table. Needs wrk, curl and prometheus-node-exporter (installed
# when run as root), and chromium for the dashboard client. pi-stat runs with the GC setting of pi-stat.service. IDLE_SECONDS (default 60) sets the idle measurement; DURATION (default 10s) each wrk run;
# STARTS (default 5) how many fresh launches the start-to-first-200 median is taken over; BURST (default 4000) how many
# connections the flood opens at once after the other figures, to check they are answered or refused and the process lives.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-/tmp/pi-stat-load}
idle=${IDLE_SECONDS:-60}
duration=${DURATION:-10s}
mkdir -p "$out"

need=()
for tool in wrk curl prometheus-node-exporter clang chromium; do command -v "$tool" >/dev/null || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "missing: ${need[*]} (run as root to install)"; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl prometheus-node-exporter clang zlib1g-dev chromium >/dev/null
fi

echo "building (AOT and JIT)..." >&2
dotnet publish MonitorWorker -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" >/dev/null
dotnet publish MonitorWorker -c Release -r linux-x64 --self-contained false -p:PublishAot=false -o "$out/jit" >/dev/null

. bench/process-cost.sh
now_ms() { date +%s%3N; }
wrk_run() { # url -> "requests/s p99"
  wrk -t2 -c16 -d"$duration" --latency "$1" > "$out/wrk.txt"
  local rps p99
  rps=$(awk '/Requests\/sec/ { print $2 }' "$out/wrk.txt")
  p99=$(awk '$1 == "99%" { print $2 }' "$out/wrk.txt")
  echo "$rps $p99"
}
burst=${BURST:-4000}
burst_run() { # pid url -> "requests refused alive peak-MB": BURST connections at once for 5 s, then one plain request
  local pid=$1 url=$2 requests refused alive
  ( ulimit -n "$(ulimit -Hn)"; wrk -t2 -c"$burst" -d5s --timeout 5s "$url" > "$out/burst.txt" 2>&1 ) || true
  requests=$(awk '/requests in/ { print $1 }' "$out/burst.txt")
  refused=$(awk -F'[ ,]+' '/Socket errors/ { print $5 + $7 + $9 + $11 }' "$out/burst.txt")
  alive=no
  if kill -0 "$pid" 2>/dev/null && curl -sf -o /dev/null "$url"; then alive=yes; fi
  echo "${requests:-0} ${refused:-0} $alive $(peak_mb "$pid" 2>/dev/null || echo -)"
}
idle_cost() { # pid url [page] -> CPU-seconds per minute with one request a second (and the dashboard open at page)
  local pid=$1 url=$2 page=${3:-} before after browser=""
  if [ -n "$page" ]; then
    # A real dashboard client: headless Chromium keeps the page open, with its live stream and history catch-ups.
    chromium --headless=new --no-sandbox --disable-gpu --user-data-dir="$out/chromium" "$page" > "$out/chromium.log" 2>&1 &
    browser=$!
    sleep 3
  fi
  before=$(cpu_seconds "$pid")
  for _ in $(seq 1 "$idle"); do curl -sf -o /dev/null "$url"; sleep 1; done
  after=$(cpu_seconds "$pid")
  if [ -n "$browser" ]; then kill "$browser" 2>/dev/null; wait "$browser" 2>/dev/null || true; fi
  awk -v b="$before" -v a="$after" -v s="$idle" 'BEGIN { printf "%.2f", (a - b) * 60 / s }'
}

starts=${STARTS:-5}
median_start() { # url command... -> median ms from launch to the first 200 over $starts fresh launches
  local url=$1; shift
  local times=() start pid
  for _ in $(seq 1 "$starts"); do
    start=$(now_ms)
    "$@" > /dev/null 2>&1 &
    pid=$!
    until curl -sf -o /dev/null "$url"; do sleep 0.005; done
    times+=($(( $(now_ms) - start )))
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

measure_pistat() { # name binary...
  local name=$1; shift
  local port=18585 pid first
  # The GC settings pi-stat.service ships with (1 MB gen0 budget, 1 MB regions; the AOT binary carries them too).
  local run=(env "${unit_gc[@]}" PISTAT_PORT=$port PISTAT_HOST=127.0.0.1 PISTAT_SAMPLE_SECONDS=1 "$@")
  first=$(median_start "http://127.0.0.1:$port/stats" "${run[@]}")
  "${run[@]}" > "$out/$name.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/stats"; do sleep 0.005; done
  read -r cached_rps cached_p99 < <(wrk_run "http://127.0.0.1:$port/stats")
  read -r fresh_rps fresh_p99 < <(wrk_run "http://127.0.0.1:$port/stats?cache=false")
  local rss peak cost dashboard dashboard_rss
  rss=$(rss_mb "$pid")
  peak=$(peak_mb "$pid")
  cost=$(idle_cost "$pid" "http://127.0.0.1:$port/stats")
  dashboard=$(idle_cost "$pid" "http://127.0.0.1:$port/stats" "http://127.0.0.1:$port/")
  dashboard_rss=$(rss_mb "$pid")
  read -r b_requests b_refused b_alive b_peak < <(burst_run "$pid" "http://127.0.0.1:$port/stats")
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  echo "| pi-stat $name | $cached_rps | $cached_p99 | $fresh_rps | $fresh_p99 | $rss | $peak | $cost | $dashboard ($dashboard_rss MB) | $first | $b_requests answered, $b_refused refused, alive: $b_alive, peak $b_peak MB |"
}

measure_node_exporter() {
  local port=19100 pid first
  first=$(median_start "http://127.0.0.1:$port/metrics" prometheus-node-exporter --web.listen-address="127.0.0.1:$port")
  prometheus-node-exporter --web.listen-address="127.0.0.1:$port" > "$out/node_exporter.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/metrics"; do sleep 0.005; done
  read -r rps p99 < <(wrk_run "http://127.0.0.1:$port/metrics")
  local rss peak cost
  rss=$(rss_mb "$pid")
  peak=$(peak_mb "$pid")
  cost=$(idle_cost "$pid" "http://127.0.0.1:$port/metrics")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "| node_exporter $(prometheus-node-exporter --version 2>&1 | awk 'NR==1 { print $3 }') (/metrics) | – | – | $rps | $p99 | $rss | $peak | $cost | – | $first | – |"
}

echo "| server | cached /stats req/s | p99 | cache=false req/s (node_exporter: /metrics) | p99 | RSS after load MB | peak RSS MB | CPU-s per idle minute | with a dashboard open (RSS after) | start to first 200 ms (median of $starts) | $burst connections at once for 5 s |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
measure_pistat "AOT" "$out/aot/pi-stat"
measure_pistat "JIT" dotnet "$out/jit/pi-stat.dll"
measure_node_exporter
echo
echo "wrk -t2 -c16 -d$duration (peak RSS is over those runs, before the flood); flood: wrk -t2 -c$burst -d5s, refused = wrk's socket errors (connections closed unanswered), alive = a plain request answered afterwards; idle: $idle s at 1 Hz sampling with one request a second, then again with the dashboard open in headless Chromium (its 1 h view: the history read once, then the live stream and a catch-up request per sample); $(nproc) cores, $(uname -m), $(date -u +%F)."
