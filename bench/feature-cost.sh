#!/usr/bin/env bash
# What the history on disk, notifications and MQTT cost, beside the build before them: five agents on the demo
# Raspberry Pi 4 at a sample a second, all at once for MINUTES (default 5) after a minute's settling:
#   1. the older binary, as it was;
#   2. this binary with all three off (PISTAT_HISTORY_MAX_MB=0, no PISTAT_NOTIFY_URLS, no PISTAT_MQTT_URL): nothing
#      of them may be loaded, so it should match 1;
#   3. this binary with its defaults (the history on disk);
#   4. as 2, publishing to a local mosquitto every 10 s (PISTAT_MQTT_URL, with discovery);
#   5. as 2, with a notification target (an address nothing listens on, so messages wait in the outbox).
# Prints CPU-seconds per minute (from /proc/<pid>/stat) and RSS at the end (VmRSS, and its anonymous part: the heap and
# stacks, and its file part: pages of the binary and the libraries mapped), per agent.
# Usage: bench/feature-cost.sh <binary> <older binary>. Needs curl and mosquitto.
set -euo pipefail
. "$(dirname "$0")/agents.sh"

mqtt_port=${MQTT_PORT:-18883}
printf 'listener %s 127.0.0.1\nallow_anonymous true\nuser root\n' "$mqtt_port" > "$work/mosquitto.conf"
/usr/sbin/mosquitto -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
pids+=($!)

start older 18611 "$old" raspberry-pi-4
start off 18612 "$new" raspberry-pi-4 PISTAT_HISTORY_MAX_MB=0
start defaults 18613 "$new" raspberry-pi-4
start mqtt 18614 "$new" raspberry-pi-4 PISTAT_HISTORY_MAX_MB=0 PISTAT_MQTT_URL="mqtt://127.0.0.1:$mqtt_port" PISTAT_MQTT_INTERVAL_SECONDS=10
start notify 18615 "$new" raspberry-pi-4 PISTAT_HISTORY_MAX_MB=0 PISTAT_NOTIFY_URLS="http://127.0.0.1:9/hook"
sleep 60
declare -A before
for name in older off defaults mqtt notify; do before[$name]=$(cpu "$(cat "$work/$name.pid")"); done
sleep $((minutes * 60))

echo "| agent ($minutes min, demo raspberry-pi-4, 1 sample/s) | CPU-s per minute | RSS | anonymous | file |"
echo "|---|---|---|---|---|"
for name in older off defaults mqtt notify; do
  label=$(case $name in
    older) echo "the build before (${old##*/})";;
    off) echo "this build, with the history on disk, notifications and MQTT all off";;
    defaults) echo "this build, defaults (history on disk)";;
    mqtt) echo "this build, MQTT every 10 s (disk history off)";;
    notify) echo "this build, a notification target that is down (disk history off)";;
  esac)
  row "$name" "$label" "${before[$name]}" "$minutes"
done
grep -ac "MQTT: connected" "$work/mqtt.log" | awk '{ print "MQTT connections: " $1 }'
