// Issue 9 item 13: a data directory that already exists with mode 755 is made 0700 when the
// till opens it (mkdir's mode only applies to a directory it creates); the embedded
// simulator's database in it is 0600.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openStore } from '../../../src/store/store.js';
import { startTestTill } from '../api/_till.js';

const t = suite('the data directory is private');
let dir: string;
t.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'glase-private-'));
});
t.after.each(() => rmSync(dir, { recursive: true, force: true }));

const mode = (p: string) => statSync(p).mode & 0o777;

t('openStore (every CLI command) makes an existing 0755 data directory 0700', () => {
  const data = join(dir, 'data');
  mkdirSync(data, { mode: 0o755 });
  chmodSync(data, 0o755);
  const store = openStore(data);
  store.close();
  assert.is(mode(data), 0o700);
  assert.is(mode(join(data, 'glase-pos.sqlite')), 0o600);
});

t('the daemon does so too, and the embedded simulator database in it is 0600', async () => {
  const data = join(dir, 'data');
  mkdirSync(data, { mode: 0o755 });
  chmodSync(data, 0o755);
  const till = await startTestTill({ printer: { kind: 'none' }, scanner: { kind: 'none' } }, { dir });
  try {
    assert.is(mode(data), 0o700);
    assert.is(mode(join(data, 'simulator.sqlite')), 0o600);
    assert.is(mode(join(data, 'kiosk-secret')), 0o600);
  } finally {
    await till.close();
  }
});

t.run();
