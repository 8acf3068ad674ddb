#!/usr/bin/env bash
# Deletes the prebuilt native addons for other platforms (node-gyp-build loads only
# prebuilds/<platform>-<arch>): usb and serialport ship ten each, for Windows, macOS, Android.
# Usage: prune-prebuilds.sh NODE_MODULES KEEP (e.g. linux-arm64)
set -euo pipefail
dir=$1 keep=$2
find "$dir" -type d -name prebuilds -prune | while read -r p; do
  find "$p" -mindepth 1 -maxdepth 1 -type d ! -name "$keep" -exec rm -rf {} +
done
