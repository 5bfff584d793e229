#!/bin/sh
# Refreshes the dashboard's chart library from npm: the built IIFE file, its stylesheet and its licence.
# Usage: MonitorWorker/Dashboard/vendor/refresh-uplot.sh [version]   (needs npm; the build and CI do not)
# The version in uplot/VERSION is the one served; bump it here and rerun to upgrade.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
version=${1:-$(cat "$here/uplot/VERSION")}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "uplot@$version" >/dev/null && tar xzf "uplot-$version.tgz")
cp "$work/package/dist/uPlot.iife.min.js" "$work/package/dist/uPlot.min.css" "$work/package/LICENSE" "$here/uplot/"
echo "$version" > "$here/uplot/VERSION"
sha256sum "$here/uplot/uPlot.iife.min.js" "$here/uplot/uPlot.min.css" | sed "s|$here/uplot/||" > "$here/uplot/SHA256SUMS"
echo "uplot $version: $(wc -c < "$here/uplot/uPlot.iife.min.js") bytes of script, $(wc -c < "$here/uplot/uPlot.min.css") of style"
