#!/usr/bin/env bash
# Runs .ci/run as CI runs it on a fresh machine, to catch an install step that only a hand-installed package hid.
#
# A minimal Debian 12 root (debootstrap --variant=minbase, from the mirror this machine's apt already uses) gets:
#   - the .NET SDK of this machine, bind-mounted read-only at the same path, with the libraries the SDK itself needs
#     (ICU, OpenSSL, Kerberos, zlib, tzdata: what the SDK's own Debian package depends on) and nothing else;
#   - a clean clone of this repository's committed HEAD, with a copy of ../shared beside it when there is one;
#   - its own mount namespace and process namespace, the host's /sys and /dev, and the host's network with what
#     belongs to it: resolv.conf, hosts, and the trust anchors this machine adds to Debian's (see below).
# Then `bash .ci/run` runs in it with CI=true, as root, and the last line of its output is printed last.
#
# Needs root and debootstrap (installed when missing). The base root is built once and kept in $FRESH_BASE
# (default /var/tmp/pi-stat-fresh-base; FRESH_REBUILD=1 builds it again, FRESH_BASE_ONLY=1 stops once it is built);
# each run copies it and removes its copy.
# The full log is kept in $FRESH_LOG (default /var/tmp/pi-stat-fresh-ci.log). Exits with .ci/run's status.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
base=${FRESH_BASE:-/var/tmp/pi-stat-fresh-base}
log=${FRESH_LOG:-/var/tmp/pi-stat-fresh-ci.log}
suite=bookworm

[ "$(id -u)" = 0 ] || { echo "fresh-ci.sh needs root (debootstrap, chroot, mounts)" >&2; exit 1; }
if ! command -v debootstrap >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi
dotnet_bin=$(readlink -f "$(command -v dotnet)")
dotnet_home=$(dirname "$dotnet_bin")

# The mirror this machine's apt uses (deb822 sources first, then the one-line form).
mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | grep -v security | head -n 1 || true)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $0 !~ /security/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$mirror" ] || { echo "no Debian mirror found in this machine's apt sources" >&2; exit 1; }

if [ "${FRESH_REBUILD:-0}" = 1 ] || [ ! -e "$base/.complete" ]; then
  rm -rf "$base"
  echo "building the base root in $base from $mirror ($suite, minbase)" >&2
  debootstrap --variant=minbase \
    --include=libicu72,libssl3,libgssapi-krb5-2,zlib1g,tzdata,libstdc++6 \
    "$suite" "$base" "$mirror" >"$base.debootstrap.log" 2>&1 \
    || { tail -n 30 "$base.debootstrap.log" >&2; exit 1; }
  # The same package sources as this machine (the suite, its updates and security), so installs resolve alike.
  if [ -e /etc/apt/sources.list.d/debian.sources ]; then
    rm -f "$base/etc/apt/sources.list"
    cp /etc/apt/sources.list.d/debian.sources "$base/etc/apt/sources.list.d/"
  fi
  rm -rf "$base/var/cache/apt/archives/"*.deb "$base/var/lib/apt/lists/"*
  touch "$base/.complete"
fi
[ "${FRESH_BASE_ONLY:-0}" = 1 ] && { echo "base root ready in $base" >&2; exit 0; }

run=$(mktemp -d /var/tmp/pi-stat-fresh-run.XXXXXX)
cleanup() { rm -rf --one-file-system "$run"; }
trap cleanup EXIT
cp -a "$base/." "$run/"
rm -f "$run/.complete"
cp /etc/resolv.conf "$run/etc/resolv.conf"
cp /etc/hosts "$run/etc/hosts"
# The machine's own trust anchors (an egress proxy's CA, say) belong to its network as resolv.conf does: every
# certificate in this machine's bundle that Debian's ca-certificates does not ship goes where update-ca-certificates
# adds it when .ci/run installs ca-certificates. Without them a fresh machine here could not reach NuGet at all.
if [ -e /etc/ssl/certs/ca-certificates.crt ] && command -v openssl >/dev/null; then
  mkdir -p "$run/usr/local/share/ca-certificates"
  known=$(for c in /usr/share/ca-certificates/*/*.crt; do openssl x509 -noout -fingerprint -sha256 -in "$c" 2>/dev/null; done | sort -u)
  split=$(mktemp -d)
  awk -v dir="$split" '/BEGIN CERTIFICATE/ { n++ } n { print > (dir "/" n ".pem") }' /etc/ssl/certs/ca-certificates.crt
  for c in "$split"/*.pem; do
    fp=$(openssl x509 -noout -fingerprint -sha256 -in "$c" 2>/dev/null) || continue
    grep -qxF "$fp" <<<"$known" || cp "$c" "$run/usr/local/share/ca-certificates/machine-$(basename "$c" .pem).crt"
  done
  rm -rf "$split"
fi

# The repository as committed, cloned the way CI clones it, and shared/ beside it.
mkdir -p "$run/ci"
git clone -q "$repo" "$run/ci/main"
[ -d "$repo/../shared" ] && cp -a "$repo/../shared" "$run/ci/shared" && chmod -R a-w "$run/ci/shared"
echo "testing $(git -C "$run/ci/main" log -1 --format='%h %s' | cut -c1-100)" >&2

# The SDK at its own path, read-only, and on PATH as /usr/bin/dotnet.
mkdir -p "$run$dotnet_home"
ln -sf "$dotnet_bin" "$run/usr/bin/dotnet"

# Environment as CI has it: CI=true, this machine's DOTNET_/NUGET_ settings, nothing else of this shell's.
envs=(CI=true HOME=/root LANG=C.UTF-8 TERM=dumb PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
# The variables that name the machine's certificate bundle (SSL_CERT_FILE, NODE_EXTRA_CA_CERTS, …) come along too.
while IFS= read -r line; do envs+=("$line"); done < <(env | grep -E '^((DOTNET|NUGET)_[A-Z_]*|[A-Z0-9_]*(CERT|CA_BUNDLE|CAINFO)[A-Z0-9_]*)=' || true)

start=$(date +%s)
set +e
unshare --mount --pid --fork --propagation private bash -s "$run" "$dotnet_home" "${envs[@]}" <<'INNER' 2>&1 | tee "$log" | tail -n 5
set -e
run=$1 dotnet_home=$2
shift 2
mount --bind -o ro "$dotnet_home" "$run$dotnet_home"
mount --bind -o remount,ro,bind "$run$dotnet_home"
mount -t proc proc "$run/proc"
mount --rbind /sys "$run/sys"
mount --rbind /dev "$run/dev"
mount -t tmpfs -o mode=1777 tmpfs "$run/dev/shm"
exec chroot "$run" /usr/bin/env -i "$@" bash -c 'cd /ci/main && bash .ci/run </dev/null'
INNER
status=${PIPESTATUS[0]}
set -e
echo "fresh-ci: .ci/run exited $status after $(( $(date +%s) - start )) s on a bare $suite root; log in $log" >&2
tail -n 1 "$log"
exit "$status"
