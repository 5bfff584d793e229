#!/usr/bin/env bash
# Kills pi-stat with SIGKILL at a random moment, RUNS (default 100) times in a row, on one data folder, and checks each
# start after a kill: it serves, no history or event file was refused (moved aside as damaged), the unclean stop is an
# event, and the per-sample points on disk reach to within one write interval of the kill.
#
# The board is the Pi 4 fixture with under-voltage and throttling live (get_throttled 0x50005): the flight recorder
# runs from the first sample and writes every 5 s, so the kills land before, between and inside writes of every kind
# (events, per-sample points, and the 1-minute tier at PISTAT_HISTORY_FLUSH_MINUTES=1 in runs that last a minute: one
# run in ten). A write takes about a millisecond, so few kills land inside one; to stand for a power cut in the middle
# of a write, every other kill is followed by cutting the newest per-sample file at a random byte of its last 300 (its
# last record or two, as a write the disk never finished leaves it). Either way the torn tail is cut off at the next
# start ("ended in a write cut short") and counted here.
# Usage: bench/kill-during-writes.sh [<binary>] (default: the Release build, run with dotnet). Needs curl and jq.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-100}
port=${PORT:-18597}
if [ $# -gt 0 ]; then run=("$1" run); else
  dotnet build -c Release MonitorWorker -v q -nologo > /dev/null
  run=(dotnet MonitorWorker/bin/Release/net10.0/pi-stat.dll run)
fi
work=$(mktemp -d)
trap 'kill -9 "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r fixtures/raspberry-pi-4 "$work/board"
cp -r fixtures/tools "$work/tools"
printf '50005\n' > "$work/board/sys/devices/platform/soc/soc-firmware/get_throttled"
data=$work/data
export PISTAT_PROC_PATH=$work/board/proc PISTAT_SYS_PATH=$work/board/sys PISTAT_ETC_PATH=$work/board/etc \
  PISTAT_VCGENCMD_PATH=$work/board/vcgencmd/vcgencmd PISTAT_DATA_PATH=$data PISTAT_SAMPLE_SECONDS=1 \
  PISTAT_HISTORY_FLUSH_MINUTES=1 PISTAT_PORT=$port PISTAT_HOST=127.0.0.1

api() { curl -sf "http://127.0.0.1:$port/$1"; }
started=0 refused=0 torn=0 unclean=0 worst_gap=0 killed_at=0
for i in $(seq 1 "$runs"); do
  "${run[@]}" > "$work/log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do api health > /dev/null && break; sleep 0.05; done
  if api health > /dev/null; then started=$((started + 1)); else echo "run $i: did not start"; cat "$work/log"; fi
  grep -q "write cut short" "$work/log" && torn=$((torn + 1))
  if [ "$i" -gt 1 ]; then
    api "api/events?kind=unclean_stop&start=$((killed_at - 5))" | jq -e '.total >= 1' > /dev/null && unclean=$((unclean + 1))
    # The newest per-sample point on disk from the killed run: at most one write interval (5 s) before the kill.
    newest=$(api "api/history?series=pi.under_voltage&step=1&start=$((killed_at - 600))&end=$killed_at" | jq '.timestamps | max // 0')
    gap=$((killed_at - newest))
    [ "$gap" -gt "$worst_gap" ] && worst_gap=$gap
  fi
  if ls "$data/history/"*.damaged-* > /dev/null 2>&1; then refused=$((refused + 1)); ls "$data/history/"*.damaged-*; fi
  # Kill between 0.5 and 6 s after serving, or, in one run of ten, after 61 to 65 s (past a 1-minute flush).
  if [ $((i % 10)) -eq 0 ]; then wait_ms=$((61000 + RANDOM % 4000)); else wait_ms=$((500 + RANDOM % 5500)); fi
  sleep "$(awk -v m="$wait_ms" 'BEGIN { printf "%.3f", m / 1000 }')"
  killed_at=$(date +%s)
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  newest=$(ls "$data/history/"samples-*.seg 2>/dev/null | tail -n 1)
  if [ $((i % 2)) -eq 0 ] && [ -n "$newest" ]; then
    size=$(stat -c %s "$newest")
    [ "$size" -gt 400 ] && truncate -s $((size - 1 - RANDOM % 300)) "$newest"
  fi
done

"${run[@]}" > "$work/log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do api health > /dev/null && break; sleep 0.05; done
api "api/events?kind=unclean_stop&start=$((killed_at - 5))" | jq -e '.total >= 1' > /dev/null && unclean=$((unclean + 1))
grep -q "write cut short" "$work/log" && torn=$((torn + 1))
kill "$pid"; wait "$pid" 2>/dev/null || true
echo "| kills | starts that served | files refused | unclean stops reported | starts that cut a torn tail | most seconds of samples lost |"
echo "|---|---|---|---|---|---|"
echo "| $runs | $started of $runs (and the last) | $refused | $unclean of $runs | $torn | $worst_gap |"
du -sh "$data/history" | awk '{ print "history folder: " $1 }'
