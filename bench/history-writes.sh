#!/usr/bin/env bash
# What keeping the history on disk costs: for the demo Raspberry Pi 4 and Jetson Orin Nano, one pi-stat with the
# history on disk (the defaults: PISTAT_HISTORY_MAX_MB=64, a flush every 10 minutes) and one with it in RAM only
# (PISTAT_HISTORY_MAX_MB=0), all four at once for MINUTES (default 30), sampling every second. Prints, per day: the
# bytes the history made the process write to the block device (/proc/<pid>/io write_bytes: whole pages, the fsync'd
# partial page again at every flush), as the difference between the two agents of a board, since a demo also writes
# its moving fixture files; the bytes appended to each kind of file; and the RSS of each process at the end.
# The demo Pi has an under-voltage episode every 3 minutes, so its flight recorder is always writing: its samples-*
# files are the flight recorder's, the rest is what a board without incidents writes.
# With FIXTURES=1 the agents read the fixture trees as they are (nothing moves, so no flight recorder and no fixture
# files written): what a board without incidents writes.
# Usage: bench/history-writes.sh <binary>
set -euo pipefail
binary=$(realpath "$1")
minutes=${MINUTES:-30}
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; sleep 1; rm -rf "$work"' EXIT

root=$(cd "$(dirname "$0")/.." && pwd)
start() { # name board max_mb port
  mkdir -p "$work/$1"
  if [ "${FIXTURES:-0}" = 1 ]; then
    local f=$root/fixtures/$2 tools=()
    [ -e "$f/vcgencmd/vcgencmd" ] && tools+=(PISTAT_VCGENCMD_PATH="$f/vcgencmd/vcgencmd")
    [ -e "$f/tegrastats/tegrastats" ] && tools+=(PISTAT_TEGRASTATS_PATH="$f/tegrastats/tegrastats")
    env "${tools[@]}" PISTAT_PROC_PATH="$f/proc" PISTAT_SYS_PATH="$f/sys" PISTAT_ETC_PATH="$f/etc" PISTAT_DISK_PATHS="$root/fixtures" \
      PISTAT_DATA_PATH=$work/$1 PISTAT_HISTORY_MAX_MB=$3 PISTAT_PORT=$4 PISTAT_HOST=127.0.0.1 PISTAT_SAMPLE_SECONDS=1 \
      "$binary" run > "$work/$1.log" 2>&1 &
  else
    PISTAT_DATA_PATH=$work/$1 PISTAT_HISTORY_MAX_MB=$3 PISTAT_PORT=$4 PISTAT_HOST=127.0.0.1 PISTAT_SAMPLE_SECONDS=1 \
      "$binary" demo "$2" > "$work/$1.log" 2>&1 &
  fi
  pids+=($!)
  echo $! > "$work/$1.pid"
  until curl -sf -o /dev/null "http://127.0.0.1:$4/health"; do sleep 0.1; done
}
io() { awk -v k="$2" '$1 == k ":" { print $2 }' "/proc/$1/io"; }
bytes() { { cat "$work/$1/history/"$2 2>/dev/null || true; } | wc -c; }

start pi4-disk raspberry-pi-4 64 18601
start pi4-ram raspberry-pi-4 0 18602
start orin-disk jetson-orin-nano 64 18603
start orin-ram jetson-orin-nano 0 18604
sleep 5
declare -A before
for name in pi4-disk orin-disk; do
  pid=$(cat "$work/$name.pid")
  before[$name]="$(io "$pid" write_bytes) $(bytes "$name" 'minutes-*.seg') $(bytes "$name" 'quarters-*.seg') $(bytes "$name" 'events-*.seg') $(bytes "$name" 'samples-*.seg')"
done
for name in pi4-ram orin-ram; do before[$name]=$(io "$(cat "$work/$name.pid")" write_bytes); done
sleep $((minutes * 60))

per_day() { awk -v b="$1" -v m="$minutes" 'BEGIN { printf "%.2f MB", b * 1440 / m / 1e6 }'; }
echo "| board, $minutes min | write_bytes per day, history on disk − RAM only | 1-min tier | 15-min tier | events | flight recorder (samples) | RSS, on disk | RSS, RAM only |"
echo "|---|---|---|---|---|---|---|---|"
for board in pi4 orin; do
  pid=$(cat "$work/$board-disk.pid")
  read -r w0 m0 q0 e0 s0 <<< "${before[$board-disk]}"
  w1=$(io "$pid" write_bytes)
  r1=$(io "$(cat "$work/$board-ram.pid")" write_bytes)
  w1=$((w1 - (r1 - ${before[$board-ram]})))
  m1=$(bytes "$board-disk" 'minutes-*.seg'); q1=$(bytes "$board-disk" 'quarters-*.seg')
  e1=$(bytes "$board-disk" 'events-*.seg'); s1=$(bytes "$board-disk" 'samples-*.seg')
  rss_disk=$(awk '/VmRSS/ { printf "%.1f MB", $2 / 1024 }' "/proc/$pid/status")
  rss_ram=$(awk '/VmRSS/ { printf "%.1f MB", $2 / 1024 }' "/proc/$(cat "$work/$board-ram.pid")/status")
  echo "| $board | $(per_day $((w1 - w0))) | $(per_day $((m1 - m0))) | $(per_day $((q1 - q0))) | $(per_day $((e1 - e0))) | $(per_day $((s1 - s0))) | $rss_disk | $rss_ram |"
done
