#!/usr/bin/env bash
# Installs glase-pos onto a Debian (Raspberry Pi OS) till image, run inside the image root
# (e.g. from a chroot, pi-gen stage or debootstrap tree). Usage: install.sh <built-repo-dir>
set -euo pipefail
src=${1:?usage: install.sh <glase-pos checkout with dist/ built>}
apt-get update
apt-get install -y --no-install-recommends nodejs chromium socat
id glase-pos >/dev/null 2>&1 || useradd --system --home /var/lib/glase-pos --shell /usr/sbin/nologin glase-pos
id kiosk >/dev/null 2>&1 || useradd --create-home kiosk
install -d /opt/glase-pos
cp -r "$src/dist" "$src/package.json" "$src/package-lock.json" /opt/glase-pos/
(cd /opt/glase-pos && npm ci --omit=dev)
install -m 0644 "$src/systemd/glase-pos.service" "$src/systemd/glase-pos-kiosk.service" /etc/systemd/system/
install -m 0644 "$src/systemd/99-glase-pos.rules" /etc/udev/rules.d/
install -m 0644 "$src/systemd/glase-pos.tmpfiles.conf" /usr/lib/tmpfiles.d/glase-pos.conf
systemctl enable glase-pos.service glase-pos-kiosk.service
