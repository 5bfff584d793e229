#!/usr/bin/env bash
# Cross-builds pi-stat for linux-arm64 (Native AOT and self-contained JIT) on an x64 Linux machine and smoke-runs
# both under qemu-user: each must answer /stats from the Raspberry Pi 4 fixture tree.
# Needs Debian's clang, gcc-aarch64-linux-gnu, qemu-user-static and curl; installs them when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=${OUT:-/tmp/pi-stat-arm64}

need=()
for tool in clang aarch64-linux-gnu-gcc qemu-aarch64-static curl; do command -v "$tool" >/dev/null || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "missing: ${need[*]} (run as root to install)"; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang gcc-aarch64-linux-gnu qemu-user-static curl >/dev/null
fi

echo "== Native AOT, linux-arm64"
dotnet publish MonitorWorker -c Release -r linux-arm64 -p:PublishAot=true -p:ObjCopyName=aarch64-linux-gnu-objcopy -o "$out/aot" 2>&1 | tee "$out.aot.log" | grep -E "warning|error|->" || true
grep -qE "warning (IL|AOT)" "$out.aot.log" && { echo "AOT warnings found"; exit 1; }
echo "== self-contained JIT, linux-arm64"
dotnet publish MonitorWorker -c Release -r linux-arm64 --self-contained -p:PublishAot=false -o "$out/jit" 2>&1 | grep -E "warning|error|->" || true

board="$root/fixtures/raspberry-pi-4"
smoke() {
  local name=$1 binary=$2 port=$3
  PISTAT_PORT=$port PISTAT_HOST=127.0.0.1 PISTAT_PROC_PATH="$board/proc" PISTAT_SYS_PATH="$board/sys" \
    PISTAT_VCGENCMD_PATH="$board/vcgencmd/vcgencmd" QEMU_LD_PREFIX=/usr/aarch64-linux-gnu \
    qemu-aarch64-static "$binary" > "$out/$name.log" 2>&1 &
  local pid=$!
  local body=""
  for _ in $(seq 1 600); do
    body=$(curl -sf "http://127.0.0.1:$port/stats" 2>/dev/null) && break
    sleep 0.2
  done
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  if [[ "$body" == *'"board":"raspberry-pi"'* && "$body" == *'"model":"Raspberry Pi 4 Model B Rev 1.5"'* ]]; then
    echo "$name under qemu-aarch64: /stats OK ($(file -b "$binary" | cut -d, -f1-2))"
  else
    echo "$name under qemu-aarch64: no valid /stats"; cat "$out/$name.log"; exit 1
  fi
}
smoke aot "$out/aot/pi-stat" 18701
smoke jit "$out/jit/pi-stat" 18702
