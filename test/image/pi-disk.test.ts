// The Raspberry Pi disk image writer (image/lib/pi-disk.sh) on a small stand-in for the arm64
// root tree: the partition table, the boot partition's files and the kernel command line that
// must point at root A, the file systems and their labels. No root and no loop devices: the
// image is a plain file, read back with sfdisk, mtools and e2fsprogs. Whether a Pi boots it is
// only checkable on a Pi (image/README.md).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../image/lib/pi-disk.sh', import.meta.url));
const TOOLS = ['sfdisk', 'mkfs.vfat', 'mcopy', 'mdir', 'mtype', 'mke2fs', 'debugfs', 'dumpe2fs', 'e2fsck'];
const PATH = `${process.env.PATH}:/usr/sbin:/sbin`;
const missing = TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { env: { PATH } }).status !== 0);
const KVER = '6.1.0-99-arm64';

const t = suite('pi-disk.sh: Raspberry Pi disk image');

function run(cmd: string, args: string[], input?: string) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, PATH }, input, maxBuffer: 64 << 20 });
  assert.is(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** the pieces of an arm64 root that pi-disk.sh reads, with marker contents */
function standInRoot(dir: string) {
  const R = join(dir, 'rootfs');
  const files: Record<string, string> = {
    [`lib/modules/${KVER}/modules.dep`]: '',
    [`boot/vmlinuz-${KVER}`]: 'KERNEL',
    [`boot/initrd.img-${KVER}`]: 'INITRD',
    'boot/firmware/start4.elf': 'FIRMWARE',
    'usr/lib/raspi-firmware/fixup4.dat': 'FIXUP',
    [`usr/lib/linux-image-${KVER}/broadcom/bcm2711-rpi-4-b.dtb`]: 'DTB4',
    [`usr/lib/linux-image-${KVER}/broadcom/bcm2837-rpi-3-b.dtb`]: 'DTB3',
    'etc/fstab': 'tmpfs /tmp tmpfs defaults 0 0\n',
    'etc/hostname': 'till\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(R, path, '..'), { recursive: true });
    writeFileSync(join(R, path), text);
  }
  return R;
}

if (missing.length) {
  console.log(`skipped: ${missing.join(', ')} not installed (apt-get install fdisk dosfstools mtools e2fsprogs; .ci/run does)`);
  t.skip('disk image', () => {});
} else {
  t('MBR with boot, root A, root B and data; the boot files; cmdline points at root A read-only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-disk-'));
    try {
      const R = standInRoot(dir);
      const img = join(dir, 'disk.img');
      const out = spawnSync('bash', [SCRIPT, R, img], { encoding: 'utf8', env: { ...process.env, PATH, GLASE_PI_ROOT_MB: '24', GLASE_PI_DATA_MB: '16' } });
      assert.is(out.status, 0, out.stderr);

      const table = JSON.parse(run('sfdisk', ['--json', img])).partitiontable;
      assert.is(table.label, 'dos', 'the Pi firmware reads an MBR');
      const parts = table.partitions as { start: number; size: number; type: string; bootable?: boolean }[];
      assert.equal(parts.map((p) => p.type), ['c', '83', '83', '83']);
      assert.equal(parts.map((p) => p.size * 512 / 1048576), [256, 24, 24, 16]);
      assert.ok(parts[0].bootable);
      for (const p of parts) assert.is(p.start % 2048, 0, 'partitions start on a MiB boundary');
      for (let i = 1; i < parts.length; i++) assert.ok(parts[i].start >= parts[i - 1].start + parts[i - 1].size, 'partitions do not overlap');
      const diskId = String(table.id).replace(/^0x/, '');

      // p1: FAT with firmware, kernel, initrd, DTBs, config.txt and cmdline.txt
      const boot = `${img}@@${parts[0].start * 512}`;
      const listing = run('mdir', ['-b', '-i', boot, '::']);
      for (const f of ['start4.elf', 'fixup4.dat', `vmlinuz-${KVER}`, `initrd.img-${KVER}`, 'bcm2711-rpi-4-b.dtb', 'bcm2837-rpi-3-b.dtb', 'config.txt', 'cmdline.txt']) assert.ok(listing.includes(`::/${f}`), `${f} on the boot partition:\n${listing}`);
      const cmdline = run('mtype', ['-i', boot, '::cmdline.txt']);
      assert.match(cmdline, new RegExp(`\\broot=PARTUUID=${diskId}-02\\b`), 'root is partition 2 of this disk');
      assert.match(cmdline, /\bro\b/);
      assert.match(cmdline, /\brootwait\b/);
      const config = run('mtype', ['-i', boot, '::config.txt']);
      assert.match(config, new RegExp(`^kernel=vmlinuz-${KVER}$`, 'm'));
      assert.match(config, new RegExp(`^initramfs initrd.img-${KVER} followkernel$`, 'm'));
      assert.match(config, /^dtoverlay=vc4-kms-v3d$/m, 'the KMS driver cage needs');
      assert.is(run('mtype', ['-i', boot, `::vmlinuz-${KVER}`]), 'KERNEL');

      // p2..p4: ext4 with labels; root A holds the tree and mounts the boot partition
      const labels = ['rootA', 'rootB', 'data'];
      for (let i = 1; i < 4; i++) {
        const fs = join(dir, `p${i + 1}.img`);
        run('dd', [`if=${img}`, `of=${fs}`, 'bs=512', `skip=${parts[i].start}`, `count=${parts[i].size}`, 'status=none']);
        run('e2fsck', ['-fn', fs]);
        assert.match(run('dumpe2fs', ['-h', fs]), new RegExp(`^Filesystem volume name:\\s+${labels[i - 1]}$`, 'm'));
        if (i === 1) {
          assert.is(run('debugfs', ['-R', 'cat /etc/hostname', fs]), 'till\n');
          const fstab = run('debugfs', ['-R', 'cat /etc/fstab', fs]);
          assert.match(fstab, /^LABEL=BOOT\s+\/boot\/firmware\s+vfat\s+ro,/m);
          assert.match(run('debugfs', ['-R', 'ls -l /boot/firmware', fs]), /^\s*\d+\s+40755/m, '/boot/firmware is an empty mount point on root A');
        }
      }
      // the build tree is left as it was
      assert.is(readFileSync(join(R, 'etc/fstab'), 'utf8'), 'tmpfs /tmp tmpfs defaults 0 0\n');
      assert.ok(existsSync(join(R, 'boot/firmware/start4.elf')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

t.run();
