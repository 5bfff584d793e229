#!/usr/bin/env bash
# Builds pi-stat_<version>_<arch>.deb for each architecture named (amd64, arm64; default: amd64, and arm64 when the
# cross toolchain is installed) from the Native AOT publish. Output in $OUT (default dist/).
# Needs the .NET SDK, clang and zlib1g-dev (amd64), gcc-aarch64-linux-gnu and libc6-dev-arm64-cross (arm64), dpkg-deb;
# run lintian on the result.
# PUBLISH_amd64 / PUBLISH_arm64 name a folder holding an already published pi-stat binary, to skip the publish;
# ARTIFACTS puts the publish's intermediate files there instead of beside the sources (dotnet --artifacts-path).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${OUT:-$root/dist}
mkdir -p "$out"
out=$(cd "$out" && pwd)

maintainer=${MAINTAINER:-pi-stat maintainers <maintainers@example.org>}
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -n 1)
[ -n "$version" ] || { echo "no <Version> in Directory.Build.props" >&2; exit 1; }

# What the arm64 link needs: the cross compiler driver and objcopy (gcc-aarch64-linux-gnu) and the arm64 C library's
# startup objects and link libraries (libc6-dev-arm64-cross, which that package only recommends). Prints what is missing.
arm64_missing() {
  local f
  { command -v aarch64-linux-gnu-gcc && command -v aarch64-linux-gnu-objcopy; } >/dev/null 2>&1 || echo gcc-aarch64-linux-gnu
  for f in Scrt1.o crti.o crtn.o libc.so libdl.a libpthread.a; do
    [ -e "/usr/aarch64-linux-gnu/lib/$f" ] || { echo libc6-dev-arm64-cross; break; }
  done
}

arches=("$@")
if [ ${#arches[@]} -eq 0 ]; then
  arches=(amd64)
  [ -z "$(arm64_missing)" ] && arches+=(arm64)
fi
for arch in "${arches[@]}"; do
  if [ "$arch" = arm64 ] && [ -n "$(arm64_missing)" ]; then
    echo "the arm64 package needs Debian's $(arm64_missing | paste -sd' ' -) (apt-get install --no-install-recommends $(arm64_missing | paste -sd' ' -))" >&2
    exit 1
  fi
done

# The date every file and the changelog carry: the last commit's, so that two builds of one commit are identical.
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH=$epoch

build() {
  local arch=$1 rid objcopy publish_args=()
  case "$arch" in
    amd64) rid=linux-x64; objcopy=objcopy ;;
    arm64) rid=linux-arm64; objcopy=aarch64-linux-gnu-objcopy; publish_args=(-p:ObjCopyName=$objcopy) ;;
    *) echo "unknown architecture '$arch' (amd64 or arm64)" >&2; exit 1 ;;
  esac

  [ -n "${ARTIFACTS:-}" ] && publish_args+=(--artifacts-path "$ARTIFACTS")
  local published_var="PUBLISH_$arch"
  local published=${!published_var:-}
  if [ -z "$published" ]; then
    published="$out/publish-$arch"
    dotnet publish "$root/MonitorWorker" -c Release -r "$rid" -p:PublishAot=true "${publish_args[@]}" -o "$published" >"$out/publish-$arch.log" 2>&1 \
      || { cat "$out/publish-$arch.log" >&2; exit 1; }
  fi
  [ -x "$published/pi-stat" ] || { echo "no pi-stat binary in $published" >&2; exit 1; }

  local stage
  stage=$(mktemp -d)
  trap 'rm -rf "$stage"' RETURN
  # mktemp makes its folder 0700 and dpkg-deb keeps the mode: the package's root and every folder in it are 0755.
  chmod 755 "$stage"
  install -d -m 755 "$stage/DEBIAN" "$stage/usr/bin" "$stage/lib/systemd/system" "$stage/etc/pi-stat" \
    "$stage/usr/share/doc/pi-stat" "$stage/usr/share/man/man1" "$stage/usr/share/lintian/overrides"

  install -m 755 "$published/pi-stat" "$stage/usr/bin/pi-stat"
  # The compilers' version notes (.comment) are of no use at run time.
  "$objcopy" --remove-section=.comment "$stage/usr/bin/pi-stat"
  # The repository's unit, with the packaged binary's path; the working directory is / (the default), so the only
  # settings file is the EnvironmentFile.
  sed -e 's|^ExecStart=/opt/pi-stat/pi-stat run$|ExecStart=/usr/bin/pi-stat run|' \
      -e '/^WorkingDirectory=/d' \
      -e 's|^Documentation=.*|Documentation=man:pi-stat(1) file:///usr/share/doc/pi-stat/README.md.gz|' \
      -e 's|^# pi-stat: hardware monitoring agent. Install: .*|# pi-stat: hardware monitoring agent. Settings: /etc/pi-stat/pi-stat.env|' \
      "$root/pi-stat.service" >"$stage/lib/systemd/system/pi-stat.service"
  grep -q '^ExecStart=/usr/bin/pi-stat run$' "$stage/lib/systemd/system/pi-stat.service" || { echo "the unit's ExecStart was not rewritten" >&2; exit 1; }
  chmod 644 "$stage/lib/systemd/system/pi-stat.service"
  install -m 600 "$here/pi-stat.env" "$stage/etc/pi-stat/pi-stat.env"

  install -m 644 "$here/copyright" "$stage/usr/share/doc/pi-stat/copyright"
  install -m 644 "$here/lintian-overrides" "$stage/usr/share/lintian/overrides/pi-stat"
  gzip -9nc "$root/README.md" >"$stage/usr/share/doc/pi-stat/README.md.gz"
  # README's map of the documentation: its pages, beside it as they are in the repository.
  install -d -m 755 "$stage/usr/share/doc/pi-stat/docs"
  for page in "$root"/docs/*.md; do
    gzip -9nc "$page" >"$stage/usr/share/doc/pi-stat/docs/$(basename "$page").gz"
  done
  {
    echo "pi-stat ($version) stable; urgency=medium"
    echo
    echo "  * pi-stat $version, built from the Native AOT publish for $rid."
    echo
    echo " -- $maintainer  $(date -u -R -d "@$epoch")"
  } | gzip -9n >"$stage/usr/share/doc/pi-stat/changelog.gz"
  sed "s/@VERSION@/$version/" "$here/pi-stat.1" | gzip -9n >"$stage/usr/share/man/man1/pi-stat.1.gz"
  chmod 644 "$stage"/usr/share/doc/pi-stat/* "$stage/usr/share/man/man1/pi-stat.1.gz"

  install -m 755 "$here/postinst" "$here/prerm" "$here/postrm" "$stage/DEBIAN/"
  echo "/etc/pi-stat/pi-stat.env" >"$stage/DEBIAN/conffiles"
  local size
  size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
  cat >"$stage/DEBIAN/control" <<CONTROL
Package: pi-stat
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: libc6 (>= 2.34), libsqlite3-0 (>= 3.31)
Section: admin
Priority: optional
Description: hardware monitoring agent for Raspberry Pi, Jetson and Linux hosts
 pi-stat samples the board in the background (CPU, memory, disks, network,
 temperatures; Raspberry Pi firmware readings and throttling; Jetson
 tegrastats) and serves the latest sample over HTTP: a dashboard, JSON
 endpoints, WebSocket and SSE push, and Prometheus metrics.
 .
 One self-contained Native AOT binary, run as a hardened systemd service.
CONTROL
  (cd "$stage" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum) >"$stage/DEBIAN/md5sums"
  chmod 644 "$stage/DEBIAN/control" "$stage/DEBIAN/conffiles" "$stage/DEBIAN/md5sums"
  find "$stage" -type d -exec chmod 755 {} +
  find "$stage" -exec touch -h -d "@$epoch" {} +

  local deb="$out/pi-stat_${version}_${arch}.deb"
  dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
  echo "$deb"
}

for arch in "${arches[@]}"; do
  build "$arch"
done
