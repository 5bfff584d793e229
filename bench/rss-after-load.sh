#!/usr/bin/env bash
# RSS and anonymous memory of a pi-stat binary after 20 s of load and 15 s of rest, for quick side-by-side comparisons of
# builds or GC settings (bench/load.sh gives the full table). Usage: bench/rss-after-load.sh <binary> [NAME=value ...]
# (the NAME=value pairs go into its environment, e.g. DOTNET_GCRegionSize=40000). Needs wrk and curl.
set -euo pipefail
binary=$1; shift
port=${PORT:-18590}
env "$@" PISTAT_PORT=$port PISTAT_HOST=127.0.0.1 PISTAT_SAMPLE_SECONDS=1 "$binary" run > /dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/stats"; do sleep 0.05; done
wrk -t2 -c16 -d10s "http://127.0.0.1:$port/stats" > /dev/null
wrk -t2 -c16 -d10s "http://127.0.0.1:$port/stats?cache=false" > /dev/null
for _ in $(seq 1 15); do curl -sf -o /dev/null "http://127.0.0.1:$port/stats"; sleep 1; done
echo "$binary $* rss_kb=$(awk '/^Rss/ { print $2 }' "/proc/$pid/smaps_rollup") anonymous_kb=$(awk '/^Anonymous/ { print $2 }' "/proc/$pid/smaps_rollup")"
