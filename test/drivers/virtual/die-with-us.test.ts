// Helpers of the emulators (socat) start even where setpriv exists but cannot run: under the
// till's unit (SystemCallFilter=~@privileged denies capset) setpriv dies applying its
// capability set, which left the shipped image's virtual scanner without its pty.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const t = suite('spawnDyingWithUs');

t('a setpriv that answers --help but fails to apply still lets the program start', async () => {
  const bin = mkdtempSync(join(tmpdir(), 'setpriv-'));
  // what util-linux setpriv does under the unit's syscall filter
  writeFileSync(join(bin, 'setpriv'), '#!/bin/sh\n[ "$1" = --help ] && exit 0\necho "setpriv: activate capabilities: Operation not permitted" >&2\nexit 127\n');
  chmodSync(join(bin, 'setpriv'), 0o755);
  process.env.PATH = `${bin}:${process.env.PATH}`;
  const { spawnDyingWithUs } = await import('../../../drivers/virtual/die-with-us.js');
  const child = spawnDyingWithUs('sh', ['-c', 'echo started'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.is(out.trim(), 'started');
  assert.is(code, 0);
});

t.run();
