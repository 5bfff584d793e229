#!/usr/bin/env bash
# What the sensors, the Pi 5's PMIC, Prometheus boards in the fleet and a UPS through NUT cost, beside the build before
# them: agents on the demo Raspberry Pi 5 (19 sensor channels: a BME280 and an ADS1015 over IIO, an SHT3x, an SHT4x, an
# INA219 and an INA3221 over hwmon; pmic_read_adc every 5 s) at a sample a second, all at once for MINUTES (default 5)
# after a minute's settling, each with the history on disk off so that only these features differ:
#   1. the older binary, as it was (it reads none of them);
#   2. this binary: the sensor channels and the PMIC;
#   3. as 2, with a UPS through a local upsd and dummy-ups every 5 s (PISTAT_NUT_URL);
#   4. as 2, with 10 Prometheus boards in PISTAT_PEERS (bench/fake-fleet.py serving prometheus_express's README
#      output), polled every 10 s and re-exported on /metrics, which a loop scrapes every 15 s as Prometheus would.
# Prints CPU-seconds per minute and RSS at the end, per agent. Needs curl, python3 and nut-server.
# Usage: bench/sensors-cost.sh <binary> <older binary>
set -euo pipefail
. "$(dirname "$0")/agents.sh"
cd "$(dirname "$0")/.."

# A NUT server on loopback with the Back-UPS ES 700 dump.
nut_port=${NUT_PORT:-13593}
mkdir -p "$work/nut/state"
cp fixtures/nut/apc-back-ups-es-700.dev "$work/nut/garage.dev"
printf '[garage]\n  driver = dummy-ups\n  port = garage.dev\n' > "$work/nut/ups.conf"
printf 'LISTEN 127.0.0.1 %s\nSTATEPATH %s/nut/state\n' "$nut_port" "$work" > "$work/nut/upsd.conf"
printf '[monitor]\n  password = secret\n  upsmon secondary\n' > "$work/nut/upsd.users"
export NUT_CONFPATH="$work/nut" NUT_STATEPATH="$work/nut/state"
/lib/nut/dummy-ups -a garage -u root -F > "$work/dummy-ups.log" 2>&1 &
pids+=($!)
until [ -S "$work/nut/state/dummy-ups-garage" ]; do sleep 0.1; done
/lib/nut/upsd -u root -F > "$work/upsd.log" 2>&1 &
pids+=($!)

# Ten boards answering Prometheus text at /metrics.
board_port=${BOARD_PORT:-19100}
python3 bench/fake-fleet.py "$board_port" 10 0 fixtures/captures/exposition/prometheus_express__readme_bme680_si7021.txt /metrics text/plain &
pids+=($!)
boards=$(seq "$board_port" $((board_port + 9)) | sed 's|.*|http://127.0.0.1:&/metrics|' | paste -sd, -)

start older 18711 "$old" raspberry-pi-5 PISTAT_HISTORY_MAX_MB=0
start sensors 18712 "$new" raspberry-pi-5 PISTAT_HISTORY_MAX_MB=0
start ups 18713 "$new" raspberry-pi-5 PISTAT_HISTORY_MAX_MB=0 PISTAT_NUT_URL="nut://127.0.0.1:$nut_port/garage"
start boards 18714 "$new" raspberry-pi-5 PISTAT_HISTORY_MAX_MB=0 PISTAT_PEERS="$boards"
(while sleep 15; do curl -sf -o /dev/null http://127.0.0.1:18714/metrics; done) &
pids+=($!)
sleep 60
declare -A before
for name in older sensors ups boards; do before[$name]=$(cpu "$(cat "$work/$name.pid")"); done
sleep $((minutes * 60))

echo "| agent ($minutes min, demo raspberry-pi-5, 1 sample/s, history on disk off) | CPU-s per minute | RSS | anonymous | file |"
echo "|---|---|---|---|---|"
for name in older sensors ups boards; do
  label=$(case $name in
    older) echo "the build before (${old##*/}): no sensors, PMIC, boards or UPS";;
    sensors) echo "this build: 19 sensor channels, PMIC every 5 s";;
    ups) echo "this build, and a UPS through NUT every 5 s";;
    boards) echo "this build, and 10 Prometheus boards every 10 s, /metrics scraped every 15 s";;
  esac)
  row "$name" "$label" "${before[$name]}" "$minutes"
done
curl -sf http://127.0.0.1:18713/stats | python3 -c 'import json,sys; u=json.load(sys.stdin)["ups"]; print("UPS read:", u["model"], " ".join(u["status"]))'
curl -sf http://127.0.0.1:18714/metrics | grep -c 'peer="127.0.0.1' | awk '{ print "board samples on /metrics: " $1 }'
