// `glase-pos update` as a command: usage errors name the option (exit 2); a bundle that is not
// signed by a trusted key never gets installed (the whole flow runs in npm run image:test).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './_cli.js';

const glasePos = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), 'update', ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' } });

const t = suite('glase-pos update');

t('no bundle, two bundles or a bad number of seconds: exit 2 naming the argument', () => {
  let r = glasePos();
  assert.is(r.status, 2);
  assert.match(r.stderr, /bundle: exactly one bundle file is required/);
  r = glasePos('a.bundle', 'b.bundle');
  assert.is(r.status, 2);
  r = glasePos('a.bundle', '--settle', 'soon');
  assert.is(r.status, 2);
  assert.match(r.stderr, /--settle: must be a whole number of seconds/);
});

t('--help lists the health gate options', () => {
  const r = glasePos('--help');
  assert.is(r.status, 0);
  assert.match(r.stdout, /--health-timeout S/);
});

t('outside a till image (no update keys) it refuses with exit 1 and installs nothing', () => {
  if (process.getuid?.() !== 0) return; // non-root stops earlier (exit 2: must run as root)
  const dir = mkdtempSync(join(tmpdir(), 'upd-'));
  writeFileSync(join(dir, 'x.bundle'), 'junk');
  const r = glasePos(join(dir, 'x.bundle'));
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stderr, /no update keys in \/usr\/share\/glase-pos\/update-keys/);
});

t.run();
