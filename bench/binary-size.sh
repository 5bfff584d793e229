#!/usr/bin/env bash
# Measures what README states about size: the Native AOT binary as the Debian package installs it (/usr/bin/pi-stat,
# after build-deb.sh strips its .comment section), the .deb file, and the package's Installed-Size, for each
# architecture built (amd64; arm64 too when the cross toolchain is there, as build-deb.sh decides). Also the size of the
# demo boards built into the binary. Prints a Markdown table. Needs what build-deb.sh needs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

OUT="$work/dist" ARTIFACTS="$work/artifacts" bash "$root/deploy/debian/build-deb.sh" "$@" >"$work/debs.txt"
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
echo "| architecture | /usr/bin/pi-stat | .deb | Installed-Size |"
echo "|---|---|---|---|"
while IFS= read -r deb; do
  arch=$(dpkg-deb --field "$deb" Architecture)
  dpkg-deb --extract "$deb" "$work/x-$arch"
  binary=$(stat -c %s "$work/x-$arch/usr/bin/pi-stat")
  echo "| $arch | $(mb "$binary") ($binary bytes) | $(mb "$(stat -c %s "$deb")") | $(dpkg-deb --field "$deb" Installed-Size) KiB |"
done <"$work/debs.txt"
zip=$(find "$work/artifacts" -name demo-boards.zip | head -n 1)
[ -n "$zip" ] && echo && echo "demo boards built into the binary: $(stat -c %s "$zip") bytes (deflated ZIP)"
echo
echo "commit $(git -C "$root" log -1 --format=%h), $(date -u +%Y-%m-%d)"
