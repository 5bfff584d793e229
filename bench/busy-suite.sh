#!/usr/bin/env bash
# Runs README's test command RUNS times (default 10) from a fresh clone of this repository in a folder whose path holds
# dots and spaces, while stress-ng keeps every core busy (STRESS=0 runs on an idle machine). Prints one line per run and
# a summary; exits non-zero when any run failed. Needs git, the .NET SDK and stress-ng (installed when run as root).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-10}
if ! command -v stress-ng >/dev/null && [ "${STRESS:-1}" != 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "missing: stress-ng (run as root to install)" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq stress-ng >/dev/null
fi

base=$(mktemp -d)                      # mktemp's own name has a dot: /tmp/tmp.XXXXXXXXXX
clone="$base/a folder with spaces/and.dots.v1.2"
mkdir -p "$(dirname "$clone")"
git clone -q "$repo" "$clone"
# The clone gets what is committed; uncommitted work is tested only once committed.
cleanup() { [ -n "${stress:-}" ] && kill "$stress" 2>/dev/null; rm -rf "$base"; }
trap cleanup EXIT

if [ "${STRESS:-1}" != 0 ]; then
  stress-ng --cpu "$(nproc)" --timeout 0 >/dev/null 2>&1 &
  stress=$!
fi

cd "$clone"
dotnet build Probes.sln >/dev/null
failed=0
for run in $(seq 1 "$runs"); do
  rm -rf TestResults
  start=$(date +%s)
  if dotnet test Probes.sln --no-build > "$base/run-$run.log" 2>&1; then result=passed; else result=FAILED; failed=$((failed + 1)); fi
  counts=$(grep -hoE '(Passed|Failed)!  - Failed: +[0-9]+, Passed: +[0-9]+' "$base/run-$run.log" | tr -s ' ' | paste -sd';' -)
  echo "run $run/$runs: $result in $(( $(date +%s) - start )) s ($counts)"
  if [ "$result" = FAILED ]; then grep -E '^\s+Failed ' "$base/run-$run.log" | sed 's/^/    /'; fi
done
echo "$((runs - failed)) of $runs runs green in \"$clone\"$([ "${STRESS:-1}" != 0 ] && echo " with stress-ng --cpu $(nproc)")"
[ "$failed" -eq 0 ]
