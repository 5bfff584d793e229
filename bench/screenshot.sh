#!/bin/sh
# Makes README's dashboard screenshot: the demo Jetson Orin Nano in headless Chromium at 1280×900, dark theme, after a
# dozen live samples. BOARD, WIDTH and THEME (dark or light) choose others; OUT the file (default docs/dashboard.png).
# With ALL=1 it also runs the layout tests with PISTAT_SCREENSHOT_DIR=docs/, which write what they measured at
# desktop (1400 px) and phone (390 px) widths: docs/dashboard-<board>-<width>.png, docs/dashboard-throttling-<width>.png
# (the demo Pi's under-voltage episode on the strip and the charts), docs/dashboard-30d-1400.png and
# docs/dashboard-1y-1400.png (a seeded year of history on disk), docs/fleet.png and docs/fleet-phone.png; and the whole
# page of the demo Pi 5 with its sensor chips and PMIC, docs/dashboard-sensors-pi5.png.
# Needs Debian's chromium (PISTAT_CHROMIUM for another).
set -eu
cd "$(dirname "$0")/.."
out=$(realpath -m "${OUT:-docs/dashboard.png}")
mkdir -p "$(dirname "$out")"
PISTAT_WRITE_SCREENSHOT="$out" PISTAT_SCREENSHOT_BOARD="${BOARD:-jetson-orin-nano}" PISTAT_SCREENSHOT_WIDTH="${WIDTH:-1280}" \
  PISTAT_SCREENSHOT_THEME="${THEME:-dark}" dotnet test Dashboard.Tests --filter "FullyQualifiedName~Screenshot_ForTheReadme" >/dev/null
echo "wrote $out ($(wc -c < "$out") bytes)"
if [ "${ALL:-0}" = 1 ]; then
  PISTAT_SCREENSHOT_DIR=$(realpath docs) dotnet test Dashboard.Tests --filter "FullyQualifiedName~ChartLayoutTests|FullyQualifiedName~FleetPageTests" >/dev/null
  PISTAT_WRITE_SENSOR_SCREENSHOT=$(realpath -m docs/dashboard-sensors-pi5.png) dotnet test Dashboard.Tests --filter "FullyQualifiedName~RaspberryPi5_DrawsItsSensorChipsAndPmic" >/dev/null
  for f in docs/dashboard-*-*.png docs/fleet*.png; do echo "wrote $f ($(wc -c < "$f") bytes)"; done
fi
