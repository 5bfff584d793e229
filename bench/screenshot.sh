#!/bin/sh
# Makes README's dashboard screenshot: the demo Jetson Orin Nano in headless Chromium at 1280×900, dark theme, after a
# dozen live samples. BOARD, WIDTH and THEME (dark or light) choose others; OUT the file (default docs/dashboard.png).
# Needs Debian's chromium (PISTAT_CHROMIUM for another).
set -eu
cd "$(dirname "$0")/.."
out=$(realpath -m "${OUT:-docs/dashboard.png}")
mkdir -p "$(dirname "$out")"
PISTAT_WRITE_SCREENSHOT="$out" PISTAT_SCREENSHOT_BOARD="${BOARD:-jetson-orin-nano}" PISTAT_SCREENSHOT_WIDTH="${WIDTH:-1280}" \
  PISTAT_SCREENSHOT_THEME="${THEME:-dark}" dotnet test Dashboard.Tests --filter "FullyQualifiedName~Screenshot_ForTheReadme" >/dev/null
echo "wrote $out ($(wc -c < "$out") bytes)"
