# Sourced by the cost benches (feature-cost.sh, sensors-cost.sh), with their two arguments (<binary> <older binary>):
# agents started side by side on a demo board, their CPU time and RSS read from /proc. Sets $new and $old (the binaries),
# $minutes (MINUTES, default 5), a scratch folder $work and the array pids, whose processes are killed, and $work
# removed, on exit.
new=$(realpath "$1")
old=$(realpath "$2")
minutes=${MINUTES:-5}
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

# start <name> <port> <binary> <board> [VAR=value...]: an agent at a sample a second, its data folder in $work/<name>,
# waited for until /health answers.
start() {
  local name=$1 port=$2 binary=$3 board=$4
  shift 4
  mkdir -p "$work/$name"
  env PISTAT_DATA_PATH="$work/$name" PISTAT_PORT="$port" PISTAT_HOST=127.0.0.1 PISTAT_SAMPLE_SECONDS=1 "$@" \
    "$binary" demo "$board" > "$work/$name.log" 2>&1 &
  pids+=($!)
  echo $! > "$work/$name.pid"
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.1; done
}

# cpu <pid>: user and system clock ticks so far.
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# row <name> <label> <ticks before> <minutes>: one table row of CPU-seconds per minute and RSS (all, anonymous, file).
row() {
  local pid after rss
  pid=$(cat "$work/$1.pid")
  after=$(cpu "$pid")
  rss=$(awk '/VmRSS/ { r = $2 } /RssAnon/ { a = $2 } /RssFile/ { f = $2 } END { printf "%.1f MB | %.1f MB | %.1f MB", r / 1024, a / 1024, f / 1024 }' "/proc/$pid/status")
  awk -v l="$2" -v b="$3" -v a="$after" -v m="$4" -v t="$(getconf CLK_TCK)" -v r="$rss" \
    'BEGIN { printf "| %s | %.3f | %s |\n", l, (a - b) / t / m, r }'
}
