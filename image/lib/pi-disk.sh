#!/usr/bin/env bash
# Raspberry Pi disk image from an arm64 root tree: MBR, p1 FAT /boot/firmware (firmware,
# kernel, initrd, DTBs, config.txt, cmdline.txt), p2 root A (ext4, mounted read-only), p3 root B
# (empty, reserved for OS A/B updates), p4 data (ext4, LABEL=data). No loop devices or root
# mounts: the file systems are made from directories (mke2fs -d, mtools).
# Usage: pi-disk.sh ROOTFS OUT.img        Needs: dosfstools mtools e2fsprogs fdisk
set -euo pipefail
R=$1 OUT=$2
for t in mkfs.vfat mcopy mke2fs sfdisk; do command -v $t >/dev/null || { echo "pi-disk: $t is missing (apt-get install dosfstools mtools e2fsprogs fdisk)" >&2; exit 2; }; done
BOOT_MB=256 ROOT_MB=${GLASE_PI_ROOT_MB:-1536} DATA_MB=${GLASE_PI_DATA_MB:-512}
work=$(mktemp -d "$(dirname "$OUT")/.pi-disk.XXXXXX"); trap 'rm -rf "$work"' EXIT
diskid=$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')

# boot partition contents: Debian's raspi-firmware hooks fill /boot/firmware when they run;
# fill in what they did not (they skip some steps in a chroot)
B=$work/boot; mkdir -p "$B"
cp -a "$R/boot/firmware/." "$B/" 2>/dev/null || true
kver=$(ls "$R/lib/modules" | sort -V | tail -1)
[ -e "$B/vmlinuz-$kver" ] || cp "$R/boot/vmlinuz-$kver" "$B/"
[ -e "$B/initrd.img-$kver" ] || cp "$R/boot/initrd.img-$kver" "$B/"
for f in "$R/usr/lib/raspi-firmware/"*; do [ -e "$B/$(basename "$f")" ] || cp -r "$f" "$B/"; done
# every Pi DTB: bcm2835/6/7 (Pi 1-3, Zero 2 W) and bcm2711 (Pi 4)
for f in "$R/usr/lib/linux-image-$kver/broadcom/"bcm2*-rpi-*.dtb; do [ -e "$B/$(basename "$f")" ] || cp "$f" "$B/"; done
cat > "$B/config.txt" <<CFG
# glase-pos till (Raspberry Pi 3/4, arm64, Debian kernel)
arm_64bit=1
enable_uart=1
upstream_kernel=1
kernel=vmlinuz-$kver
initramfs initrd.img-$kver followkernel
# the KMS driver cage (the kiosk compositor) needs
dtoverlay=vc4-kms-v3d
disable_overscan=1
CFG
# root A read-only; systemd.machine_id= is added per till at provisioning (a stable journal)
echo "console=serial0,115200 console=tty1 root=PARTUUID=$diskid-02 rootfstype=ext4 ro rootwait fsck.repair=yes" > "$B/cmdline.txt"
mkfs.vfat -F 32 -n BOOT -C "$work/boot.img" $((BOOT_MB * 1024)) >/dev/null
mcopy -s -i "$work/boot.img" "$B"/* ::

# root A: the tree without the boot partition's files, plus its fstab line
mkdir -p "$work/hold"
mv "$R/boot/firmware" "$work/hold/firmware" && mkdir "$R/boot/firmware"
cp "$R/etc/fstab" "$work/hold/fstab"
echo "LABEL=BOOT      /boot/firmware            vfat  ro,nofail,umask=0022 0 2" >> "$R/etc/fstab"
restore() { rmdir "$R/boot/firmware"; mv "$work/hold/firmware" "$R/boot/firmware"; cp "$work/hold/fstab" "$R/etc/fstab"; }
mke2fs -q -t ext4 -L rootA -d "$R" "$work/rootA.img" "${ROOT_MB}M" || { restore; exit 1; }
restore
mke2fs -q -t ext4 -L rootB "$work/rootB.img" "${ROOT_MB}M"
mke2fs -q -t ext4 -L data "$work/data.img" "${DATA_MB}M"

# MBR (the Pi firmware reads MBR) and the partitions at 1 MiB-aligned offsets
start=8192 # sectors (4 MiB)
total=$(( start * 512 / 1048576 + BOOT_MB + 2 * ROOT_MB + DATA_MB + 1 ))
rm -f "$OUT" && truncate -s "${total}M" "$OUT"
sfdisk --quiet "$OUT" <<TABLE
label: dos
label-id: 0x$diskid
start=$start, size=${BOOT_MB}MiB, type=c, bootable
size=${ROOT_MB}MiB, type=83
size=${ROOT_MB}MiB, type=83
size=${DATA_MB}MiB, type=83
TABLE
i=0
for part in boot rootA rootB data; do
  i=$((i + 1))
  off=$(sfdisk --dump "$OUT" | awk -v n="$OUT$i" '$1 == n {gsub(",", "", $4); print $4}')
  dd if="$work/$part.img" of="$OUT" bs=512 seek="$off" conv=notrunc,sparse status=none
done
echo "pi-disk: $OUT (${total} MiB, disk id $diskid, kernel $kver)"
