// `npm start` (scripts/start.mjs): builds when dist is stale, runs the demo daemon, prints the
// kiosk and phone URLs, and a SIGINT to it stops the daemon cleanly (exit 0). Ports 0 and a
// temp data dir through the usual env overrides, so it never touches ./data or 8080/8090.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const t = suite('npm start');

t('builds if needed, starts the demo till, prints the URLs, stops on SIGINT with exit 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'glase-start-'));
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', GLASE_POS__DATA_DIR: join(dir, 'data'), GLASE_POS__API__PORT: '0', GLASE_POS__SIMULATOR__PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  try {
    const end = Date.now() + 180_000; // a build on a small machine takes a while
    let m: RegExpExecArray | null = null;
    while (!(m = /kiosk screen: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)) && Date.now() < end && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    assert.ok(m, out);
    assert.match(out, /phone page: +http:\/\/127\.0\.0\.1:\d+\/phone/);
    assert.match(out, /demo: Glase ID GLASEDEMO1 assigned/);
    const st = await (await fetch(m![1] + '/api/status')).json();
    assert.is(st.setup.glaseId, 'GLASEDEMO1');
    child.kill('SIGINT');
    assert.is(await exit, 0, out);
    assert.match(out, /stopped/);
    const down = await fetch(m![1] + '/api/status').then(() => false, () => true);
    assert.ok(down, 'the daemon is gone');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

t.run();
