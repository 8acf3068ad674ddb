// image/lib/elf-machine.mjs: the arm64 build fails unless every native addon is an AArch64 ELF
// (an x86-64 addon in an arm64 image would only fail on the till, at require()).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain .mjs without types
import { elfMachine } from '../../image/lib/elf-machine.mjs';

const CLI = fileURLToPath(new URL('../../image/lib/elf-machine.mjs', import.meta.url));
const t = suite('elf-machine: native addons for the image architecture');

/** a 64-bit little-endian ELF header with the given e_machine */
function elf(machine: number): Buffer {
  const h = Buffer.alloc(64);
  h.writeUInt32BE(0x7f454c46, 0);
  h[4] = 2; // 64-bit
  h[5] = 1; // little-endian
  h.writeUInt16LE(machine, 18);
  return h;
}

t('reads the machine of an ELF file; says when a file is not ELF or missing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'elf-'));
  try {
    writeFileSync(join(dir, 'a.node'), elf(183));
    writeFileSync(join(dir, 'x.node'), elf(62));
    writeFileSync(join(dir, 'mac.node'), Buffer.from('\xcf\xfa\xed\xfe not elf', 'latin1'));
    assert.is(elfMachine(join(dir, 'a.node')), 'aarch64');
    assert.is(elfMachine(join(dir, 'x.node')), 'x86-64');
    assert.is(elfMachine(join(dir, 'mac.node')), 'not ELF');
    assert.is(elfMachine(join(dir, 'gone.node')), 'missing');
    assert.is(elfMachine(process.execPath), process.arch === 'arm64' ? 'aarch64' : process.arch === 'x64' ? 'x86-64' : elfMachine(process.execPath));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

t('--expect fails when one addon under the tree is for another machine, or when there is none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'elf-'));
  try {
    const run = (p: string) => spawnSync(process.execPath, [CLI, '--expect', 'aarch64', p], { encoding: 'utf8' });
    mkdirSync(join(dir, 'node_modules/better-sqlite3/build/Release'), { recursive: true });
    mkdirSync(join(dir, 'node_modules/usb/prebuilds/linux-arm64'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/usb/prebuilds/linux-arm64/node.napi.armv8.node'), elf(183));
    writeFileSync(join(dir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), elf(183));
    assert.is(run(join(dir, 'node_modules')).status, 0);
    writeFileSync(join(dir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), elf(62));
    const wrong = run(join(dir, 'node_modules'));
    assert.is(wrong.status, 1);
    assert.match(wrong.stdout, /WRONG x86-64\t.*better_sqlite3\.node/);
    assert.match(wrong.stderr, /1 of 2 native addons are not aarch64/);
    mkdirSync(join(dir, 'empty'));
    assert.match(run(join(dir, 'empty')).stderr, /no native addon found/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

t.run();
