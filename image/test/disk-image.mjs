// Reads a Raspberry Pi disk image (image/lib/pi-disk.sh) without mounting it: the partition
// table with sfdisk, the FAT boot partition with mtools (at its byte offset), the ext4
// partitions with debugfs/dumpe2fs/e2fsck on a copy, and the initramfs's file list.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const PATH = `${process.env.PATH}:/usr/sbin:/sbin`;

export function run(cmd, args, { input, encoding = 'utf8' } = {}) {
  const r = spawnSync(cmd, args, { encoding, env: { ...process.env, PATH }, input, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.status} ${r.stderr || r.error || ''}`);
  return r.stdout;
}

/** {label, id, partitions: [{start, size, type, bootable}]} in 512-byte sectors */
export function partitionTable(img) {
  return JSON.parse(run('sfdisk', ['--json', img])).partitiontable;
}

/** the FAT partition starting at sector `start`: list and read files with mtools */
export function fat(img, start) {
  const at = `${img}@@${start * 512}`;
  return {
    list: () => run('mdir', ['-b', '-/', '-i', at, '::']).split('\n').filter(Boolean).map((l) => l.replace(/^::\//, '')),
    text: (name) => run('mtype', ['-i', at, `::${name}`]),
    bytes: (name) => run('mcopy', ['-n', '-i', at, `::${name}`, '-'], { encoding: 'buffer' }),
  };
}

/** an ext4 partition copied out to `file`; read with debugfs */
export function ext4(img, part, file) {
  run('dd', [`if=${img}`, `of=${file}`, 'bs=512', `skip=${part.start}`, `count=${part.size}`, 'conv=sparse', 'status=none']);
  const debugfs = (req) => run('debugfs', ['-R', req, file]);
  return {
    file,
    label: () => run('dumpe2fs', ['-h', file]).match(/^Filesystem volume name:\s+(\S*)$/m)?.[1],
    fsck: () => spawnSync('e2fsck', ['-fn', file], { encoding: 'utf8', env: { ...process.env, PATH } }).status === 0,
    cat: (path) => debugfs(`cat ${path}`),
    /** names in a directory ('' when it does not exist) */
    ls: (path) => {
      const out = spawnSync('debugfs', ['-R', `ls -p ${path}`, file], { encoding: 'utf8', env: { ...process.env, PATH } });
      if (/File not found|not a directory/i.test(out.stderr + out.stdout)) return [];
      return out.stdout.split('\n').map((l) => l.split('/')[5]).filter((n) => n && n !== '.' && n !== '..');
    },
    /** `stat` fields: {type, mode, size, link} */
    stat: (path) => {
      const out = spawnSync('debugfs', ['-R', `stat ${path}`, file], { encoding: 'utf8', env: { ...process.env, PATH } }).stdout;
      const m = out.match(/Type:\s+(\S+)\s+Mode:\s+(\d+)/);
      if (!m) return undefined;
      return { type: m[1], mode: m[2], size: Number(out.match(/Size:\s+(\d+)/)?.[1]), link: out.match(/Fast link dest:\s+"(.*)"/)?.[1] };
    },
    remove: () => rmSync(file, { force: true }),
  };
}

/** file names in an initramfs (newc cpio, gzip or zstd, possibly several archives in a row) */
export function initramfsFiles(buf) {
  const names = [];
  let data = buf;
  for (let guard = 0; guard < 8 && data.length; guard++) {
    let off = 0;
    while (off < data.length && data[off] === 0) off++; // padding between archives
    data = data.subarray(off);
    if (!data.length) break;
    if (data.readUInt32BE(0) === 0x28b52ffd) data = run('zstd', ['-dc'], { input: data, encoding: 'buffer' });
    else if (data[0] === 0x1f && data[1] === 0x8b) data = gunzipSync(data);
    else if (data.subarray(0, 6).toString() !== '070701') throw new Error(`initramfs: unknown format ${data.subarray(0, 6).toString('hex')}`);
    let p = 0;
    for (;;) {
      if (data.subarray(p, p + 6).toString() !== '070701') throw new Error(`initramfs: bad cpio header at ${p}`);
      const field = (i) => parseInt(data.subarray(p + 6 + i * 8, p + 14 + i * 8).toString(), 16);
      const size = field(6), nameSize = field(11);
      const name = data.subarray(p + 110, p + 110 + nameSize - 1).toString();
      p = (p + 110 + nameSize + 3) & ~3;
      p = (p + size + 3) & ~3;
      if (name === 'TRAILER!!!') break;
      names.push(name);
    }
    data = data.subarray(p);
  }
  return names;
}
