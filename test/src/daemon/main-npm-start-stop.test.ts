// `npm start` dies with its parent and leaves nothing behind (issue 9): `kill <npm pid>`
// (npm passes SIGTERM to its sh, which dies without passing it on), a SIGKILL of
// scripts/start.mjs (the daemon's lifeline pipe ends) and a SIGKILL of the daemon itself
// (socat has a parent-death signal). Afterwards no daemon, no socat, both ports free and no
// glase-scanner-* temp folder. Ports 0 and a temp data dir: never ./data, 8080 or 8090.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { descendants, killGroup, leftovers, startTill, type Started } from './_start-process.js';

const t = suite('npm start: stopping it by its pid');
const dir = mkdtempSync(join(tmpdir(), 'glase-start-stop-'));
const env = (name: string) => ({ GLASE_POS__DATA_DIR: join(dir, name), GLASE_POS__API__PORT: '0', GLASE_POS__SIMULATOR__PORT: '0' });
t.after(() => rmSync(dir, { recursive: true, force: true }));

function tree(s: Started) {
  const below = descendants(s.child.pid!);
  const daemon = below.find((p) => / daemon$/.test(p.args));
  const socat = below.filter((p) => /^socat /.test(p.args));
  assert.ok(daemon, JSON.stringify(below));
  assert.ok(socat.length >= 1, JSON.stringify(below));
  return { below, daemon: daemon!.pid, socat: socat.map((p) => p.pid) };
}

t('kill <npm pid>: the daemon, socat, both ports and the temp folder are gone', async () => {
  const s = await startTill('npm', env('npm'));
  try {
    const { below, daemon, socat } = tree(s);
    process.kill(s.child.pid!, 'SIGTERM'); // npm's pid, as a user or a supervisor would
    const left = await leftovers([daemon, ...socat, ...below.map((p) => p.pid)], [s.apiPort, s.simPort], [s.scannerDir]);
    assert.equal(left, [], s.out());
    assert.match(s.out(), /stopped/, 'the daemon stopped cleanly');
  } finally {
    killGroup(s.child);
    rmSync(s.scannerDir, { recursive: true, force: true }); // only after a failure is there one
  }
});

t('SIGKILL of scripts/start.mjs: its lifeline ends, the daemon stops cleanly, nothing is left', async () => {
  const s = await startTill('script', env('script'));
  try {
    const { daemon, socat } = tree(s);
    process.kill(s.child.pid!, 'SIGKILL');
    const left = await leftovers([daemon, ...socat], [s.apiPort, s.simPort], [s.scannerDir]);
    assert.equal(left, [], s.out());
    assert.match(s.out(), /stopping .*signal="the parent process \(npm start\) ended"/, s.out());
  } finally {
    killGroup(s.child);
    rmSync(s.scannerDir, { recursive: true, force: true }); // only after a failure is there one
  }
});

t('SIGKILL of the daemon itself: socat does not outlive it', async () => {
  const s = await startTill('script', env('daemon'));
  try {
    const { daemon, socat } = tree(s);
    process.kill(daemon, 'SIGKILL');
    const left = await leftovers([daemon, ...socat, s.child.pid!], [s.apiPort, s.simPort], []);
    assert.equal(left, [], s.out());
  } finally {
    killGroup(s.child);
    rmSync(s.scannerDir, { recursive: true, force: true }); // nobody could clean up after a SIGKILL
  }
});

t.run();
