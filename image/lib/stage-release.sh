#!/usr/bin/env bash
# Lays out one release directory (what /opt/glase-pos/releases/<version> holds) from a built
# checkout: dist/, package.json, package-lock.json, VERSION, bin/glase-pos. Production
# node_modules are added by the caller, built for the target architecture.
# Usage: stage-release.sh REPO DEST [VERSION]
set -euo pipefail
repo=$1 dest=$2
version=${3:-$(node -p "require('$repo/package.json').version")}
mkdir -p "$dest/bin"
cp -r "$repo/dist" "$dest/dist"
cp "$repo/package.json" "$repo/package-lock.json" "$dest/"
echo "$version" > "$dest/VERSION"
# the version the release reports (glase-pos status) is package.json's
node -e 'const f=process.argv[1], p=JSON.parse(require("fs").readFileSync(f)); p.version=process.argv[2]; require("fs").writeFileSync(f, JSON.stringify(p, null, 2) + "\n")' "$dest/package.json" "$version"
cat > "$dest/bin/glase-pos" <<'SH'
#!/bin/sh
# this release's CLI on the image's Node (a bundle's manifest pins that Node's ABI)
here=$(dirname "$(readlink -f "$0")")
exec /usr/lib/glase-pos/node/bin/node "$here/../dist/src/cli.js" "$@"
SH
chmod 0755 "$dest/bin/glase-pos"
