#!/usr/bin/env bash
# Where one pi-stat binary's idle CPU goes: CPU-seconds per minute (from /proc/<pid>/stat) in three set-ups, each for
# SECONDS_EACH (default 60) seconds: sampling at 1 Hz with no requests; one cached /stats request a second with sampling
# off (PISTAT_SAMPLE_SECONDS=3600, PISTAT_CACHE_SECONDS=3600); and both, as bench/load.sh measures it.
# Usage: bench/idle-cost.sh <binary> [NAME=value ...] (the pairs go into its environment). Needs curl.
set -euo pipefail
binary=$1; shift
seconds=${SECONDS_EACH:-60}
port=${PORT:-18595}
ticks=$(getconf CLK_TCK)

measure() { # label requests(yes/no) env... -> one line
  local label=$1 requests=$2 pid before after
  shift 2
  env "$@" PISTAT_PORT=$port PISTAT_HOST=127.0.0.1 "$binary" run > /dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/stats"; do sleep 0.05; done
  sleep 5
  before=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
  for _ in $(seq 1 "$seconds"); do
    if [ "$requests" = yes ]; then curl -sf -o /dev/null "http://127.0.0.1:$port/stats"; fi
    sleep 1
  done
  after=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  awk -v l="$label" -v b="$before" -v a="$after" -v s="$seconds" -v t="$ticks" 'BEGIN { printf "| %s | %.3f |\n", l, (a - b) / t * 60 / s }'
}

echo "| $binary $* | CPU-s per minute |"
echo "|---|---|"
measure "sampling at 1 Hz, no requests" no "$@"
measure "one cached /stats a second, no sampling" yes "$@" PISTAT_SAMPLE_SECONDS=3600 PISTAT_CACHE_SECONDS=3600
measure "both (bench/load.sh's idle)" yes "$@"
