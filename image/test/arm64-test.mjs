#!/usr/bin/env node
// npm run image:test-arm64 [-- --no-build] [-- --out DIR]: builds the arm64 image with the
// Raspberry Pi disk (image/build --arch arm64 --disk; node_modules cross-compiled here), then
// checks what can be checked without a Pi: every native addon is an AArch64 ELF; the arm64 Node
// loads better-sqlite3, usb and serialport and runs `glase-pos --help` inside the arm64 root
// (systemd-nspawn through qemu-user/binfmt); the disk's partition table, boot files, kernel
// command line, fstab, read-only root and A/B layout, read back from the image file (sfdisk,
// mtools, debugfs). Prints PASS/FAIL per check; exits 1 on any failure. Needs root. Not in CI
// (the emulated Debian part alone takes tens of minutes): see image/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { elfMachine } from '../lib/elf-machine.mjs';
import { ext4, fat, initramfsFiles, partitionTable } from './disk-image.mjs';
import { checkList, secs } from './checks.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const argv = process.argv.slice(2);
const OUT = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : '/var/tmp/glase-pos-image-arm64';
const ROOT = join(OUT, 'rootfs');
const IMG = join(OUT, 'disk.img');
const FACTORY = join(ROOT, 'usr/lib/glase-pos/factory');

const { check, finish } = checkList('image:test-arm64');

if (!check('running as root (mmdebstrap, systemd-nspawn)', process.getuid() === 0)) finish();

// 1. build
if (!argv.includes('--no-build') || !existsSync(IMG)) {
  const started = Date.now();
  const r = spawnSync(join(repo, 'image/build'), ['--arch', 'arm64', '--disk', '--out', OUT], { stdio: 'inherit' });
  if (!check('arm64 image and Pi disk build', r.status === 0, secs(Date.now() - started))) finish();
}

// 2. native code is for the Pi's CPU
const nodeBin = join(ROOT, 'usr/lib/glase-pos/node/bin/node');
const addons = spawnSync(process.execPath, [join(repo, 'image/lib/elf-machine.mjs'), '--expect', 'aarch64', join(FACTORY, 'node_modules')], { encoding: 'utf8' });
const addonLines = addons.stdout.trim().split('\n').filter(Boolean);
check('node and every native addon (.node) in the release are AArch64 ELF',
  elfMachine(nodeBin) === 'aarch64' && addons.status === 0 && ['better_sqlite3.node', 'usb', 'bindings-cpp'].every((n) => addons.stdout.includes(n)),
  `node ${elfMachine(nodeBin)}; ${addonLines.length} addons: ${addonLines.map((l) => l.replace(/\t.*node_modules\//, ' ')).join(', ')}${addons.stderr ? `; ${addons.stderr.trim()}` : ''}`);

// 3. inside the arm64 root: an arm64 Node under qemu-user (binfmt), read-only root, a blank /data
if (!existsSync('/proc/sys/fs/binfmt_misc/qemu-aarch64')) spawnSync('update-binfmts', ['--enable', 'qemu-aarch64']);
const data = mkdtempSync('/var/tmp/glase-arm64-data.');
function inRoot(cmd, timeoutMs = 300_000) {
  const started = Date.now();
  const r = spawnSync('systemd-nspawn', ['--register=no', '--keep-unit', '--quiet', '-D', ROOT, '--read-only', `--bind=${data}:/data`,
    '--private-network', '--tmpfs=/tmp', '--chdir=/usr/lib/glase-pos/factory', '/bin/sh', '-c', cmd], { encoding: 'utf8', timeout: timeoutMs });
  return { code: r.status, out: r.stdout ?? '', err: (r.stderr ?? '') + (r.error ? String(r.error) : ''), ms: Date.now() - started };
}
try {
  const probe = inRoot(`/usr/lib/glase-pos/node/bin/node -e '
    const db = require("better-sqlite3")(":memory:");
    db.exec("create table t (minor integer); insert into t values (1250)");
    const usb = require("usb");
    const serial = require("@serialport/bindings-cpp").autoDetect();
    console.log(JSON.stringify({ arch: process.arch, node: process.version, sqlite: db.prepare("select sqlite_version() v").get().v,
      row: db.prepare("select minor from t").get().minor, usb: typeof usb.getDeviceList, serial: typeof serial.list }));'`);
  let got = {};
  try { got = JSON.parse(probe.out.trim().split('\n').pop()); } catch { /* reported below */ }
  check('arm64 Node loads better-sqlite3, usb and serialport in the arm64 root (qemu-user)',
    probe.code === 0 && got.arch === 'arm64' && got.row === 1250 && got.usb === 'function' && got.serial === 'function',
    probe.code === 0 ? `${got.node} ${got.arch}, SQLite ${got.sqlite}, in ${secs(probe.ms)}` : `exit ${probe.code}: ${probe.err.trim().slice(-800)}`);
  // /usr/bin/glase-pos → /opt/glase-pos/current (→ /data/app, laid out by data-layout at boot)
  const help = inRoot('/usr/lib/glase-pos/data-layout && readlink -f /opt/glase-pos/current && glase-pos --help');
  check('glase-pos --help runs in the arm64 root through /opt/glase-pos/current',
    help.code === 0 && /^usage: glase-pos <command>/m.test(help.out) && /\bdaemon\b/.test(help.out),
    help.code === 0 ? `current → ${help.out.split('\n')[0]}, in ${secs(help.ms)}` : `exit ${help.code}: ${(help.err + help.out).trim().slice(-800)}`);
} finally {
  rmSync(data, { recursive: true, force: true });
}

// 4. the Raspberry Pi disk, read from the image file
try {
  const table = partitionTable(IMG);
  const parts = table.partitions;
  const mib = (n) => (n * 512) / 1048576;
  const aligned = parts.every((p) => p.start % 2048 === 0) && parts.every((p, i) => i === 0 || p.start >= parts[i - 1].start + parts[i - 1].size);
  check('MBR: p1 FAT (bootable), p2 root A, p3 root B, p4 data; MiB-aligned, no overlap',
    table.label === 'dos' && parts.length === 4 && parts.map((p) => p.type).join() === 'c,83,83,83' && !!parts[0].bootable && aligned && parts[1].size === parts[2].size,
    `${table.id}, ${parts.map((p, i) => `p${i + 1} ${p.type} ${mib(p.size)} MiB`).join(', ')}`);
  const diskId = String(table.id).replace(/^0x/, '');

  const boot = fat(IMG, parts[0].start);
  const files = boot.list();
  const kver = readdirSync(join(ROOT, 'lib/modules')).sort().pop();
  const need = ['bootcode.bin', 'start.elf', 'fixup.dat', 'start4.elf', 'fixup4.dat', `vmlinuz-${kver}`, `initrd.img-${kver}`, 'bcm2837-rpi-3-b.dtb', 'bcm2837-rpi-3-b-plus.dtb', 'bcm2711-rpi-4-b.dtb', 'config.txt', 'cmdline.txt'];
  const missing = need.filter((f) => !files.includes(f));
  const kernelSame = boot.bytes(`vmlinuz-${kver}`).equals(readFileSync(join(ROOT, 'boot', `vmlinuz-${kver}`)));
  const fwSame = boot.bytes('start4.elf').equals(readFileSync(join(ROOT, 'usr/lib/raspi-firmware/start4.elf')));
  check('boot partition: Pi 3/4 firmware, Debian kernel, initrd and DTBs', missing.length === 0 && kernelSame && fwSame,
    missing.length ? `missing ${missing.join(', ')}` : `${files.length} files, kernel ${kver} and start4.elf identical to the packages'`);

  const config = boot.text('config.txt');
  const cmdline = boot.text('cmdline.txt').trim();
  check('config.txt: 64-bit, the Debian kernel and its initramfs, KMS for the kiosk',
    /^arm_64bit=1$/m.test(config) && new RegExp(`^kernel=vmlinuz-${kver}$`, 'm').test(config) && new RegExp(`^initramfs initrd\\.img-${kver} followkernel$`, 'm').test(config) && /^dtoverlay=vc4-kms-v3d$/m.test(config),
    config.split('\n').filter((l) => l && !l.startsWith('#')).join('; '));
  check('cmdline.txt: root is partition 2 of this disk (root A), mounted read-only',
    new RegExp(`(^| )root=PARTUUID=${diskId}-02( |$)`).test(cmdline) && / ro( |$)/.test(cmdline) && !/ rw( |$)/.test(cmdline) && /rootwait/.test(cmdline), cmdline);

  const initrd = initramfsFiles(boot.bytes(`initrd.img-${kver}`));
  const mods = ['sdhci-iproc.ko', 'bcm2835.ko', 'ext4.ko'].map((m) => [m, initrd.find((f) => f.endsWith(`/${m}`) || f.endsWith(`/${m}.xz`) || f.endsWith(`/${m}.zst`))]);
  check('initramfs has the Pi SD card drivers (sdhci-iproc: Pi 4, bcm2835: Pi 3) and ext4',
    mods.every(([, f]) => f) || (mods.slice(0, 2).every(([, f]) => f) && /CONFIG_EXT4_FS=y/.test(readFileSync(join(ROOT, 'boot', `config-${kver}`), 'utf8'))),
    `${initrd.length} files; ${mods.map(([m, f]) => `${m} ${f ? 'yes' : 'no'}`).join(', ')}`);

  const work = mkdtempSync('/var/tmp/glase-arm64-disk.');
  try {
    const [a, b, d] = [1, 2, 3].map((i) => ext4(IMG, parts[i], join(work, `p${i + 1}.img`)));
    const labels = [a, b, d].map((p) => p.label());
    check('ext4 file systems rootA, rootB, data; e2fsck clean', labels.join() === 'rootA,rootB,data' && [a, b, d].every((p) => p.fsck()), labels.join(', '));

    const fstab = a.cat('/etc/fstab');
    const lines = fstab.split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.trim().split(/\s+/));
    const mount = (where) => lines.find((l) => l[1] === where);
    const rootLine = mount('/');
    check('root A fstab: data partition on /data, boot partition read-only, binds into /var; / not remounted rw',
      mount('/data')?.[0] === 'LABEL=data' && mount('/boot/firmware')?.[0] === 'LABEL=BOOT' && /(^|,)ro(,|$)/.test(mount('/boot/firmware')?.[3] ?? '') &&
        mount('/var/lib/glase-pos')?.[0] === '/data/glase-pos' && (!rootLine || /(^|,)ro(,|$)/.test(rootLine[3])),
      lines.map((l) => `${l[0]} ${l[1]}`).join('; '));

    const node = a.stat('/usr/lib/glase-pos/node/bin/node');
    const sqlite = a.stat('/usr/lib/glase-pos/factory/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    const opt = a.stat('/opt/glase-pos');
    const wants = a.ls('/etc/systemd/system/multi-user.target.wants');
    const mountPoints = ['/data', '/boot/firmware', '/var/lib/glase-pos', '/var/log/journal'].filter((p) => a.stat(p)?.type !== 'directory');
    check('root A: Node, the factory release, kernel modules, units enabled, mount points, /opt/glase-pos → /data/app',
      node?.type === 'regular' && sqlite?.type === 'regular' && a.ls(`/lib/modules/${kver}`).includes('kernel') && opt?.link === '/data/app' &&
        wants.includes('glase-pos.service') && a.ls('/boot/firmware').length === 0 && mountPoints.length === 0 && a.cat('/etc/glase-pos/config.json').includes('"dataDir"'),
      `node ${node?.size} bytes, better_sqlite3.node ${sqlite?.size} bytes, wants: ${wants.join(' ')}${mountPoints.length ? `; no mount point ${mountPoints.join(', ')}` : ''}`);
    const bFiles = b.ls('/').filter((n) => n !== 'lost+found');
    const dFiles = d.ls('/').filter((n) => n !== 'lost+found');
    check('root B is empty (reserved for OS A/B), data is blank (laid out at first boot)', bFiles.length === 0 && dFiles.length === 0,
      `root B: ${bFiles.join(' ') || 'empty'}; data: ${dFiles.join(' ') || 'empty'}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
} catch (e) {
  check('disk checks ran to the end', false, e.stack ?? String(e));
}
finish();
