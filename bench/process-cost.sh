# Sourced by the bench scripts: what a process costs, read from /proc, and the GC settings pi-stat.service gives it.
# cpu_seconds PID: user + system CPU-seconds so far; rss_mb / peak_mb PID: resident and peak resident MB.
ticks=$(getconf CLK_TCK)
cpu_seconds() { awk -v t="$ticks" '{ split($0, a, ") "); split(a[2], f, " "); printf "%.3f", (f[12] + f[13]) / t }' "/proc/$1/stat"; }
rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
peak_mb() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
# The unit's DOTNET_GC* variables, taken from its Environment= line so that a benchmark runs as the service does.
read -r -a unit_gc <<<"$(sed -n 's/^Environment=\(DOTNET_GC.*\)$/\1/p' "$(dirname "${BASH_SOURCE[0]}")/../pi-stat.service")"
[ ${#unit_gc[@]} -gt 0 ] || { echo "no DOTNET_GC settings in pi-stat.service" >&2; exit 1; }
