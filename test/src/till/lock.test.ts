// The till lock is a kernel lock on an open descriptor: exactly one of six processes racing on
// a stale lock file gets it, a holder killed with SIGKILL leaves nothing that blocks the next
// start, and a pid in the file (an older version's pid file, whose pid now belongs to some
// unrelated live process) decides nothing. Real processes, a real file.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { LOCK_FILE, TillBusyError, acquireTillLock, tillLockHolder } from '../../../src/till/lock.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HOLDER = 'test/src/till/_lock-holder.ts';
const t = suite('till lock');

interface Holder {
  child: ChildProcess;
  next(): Promise<string>;
  end(): Promise<void>;
}

function holder(dir: string, now = false): Holder {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir, ...(now ? ['--now'] : [])], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const queue: string[] = [];
  const waiting: Array<(l: string) => void> = [];
  createInterface({ input: child.stdout! }).on('line', (l) => (waiting.length ? waiting.shift()!(l) : queue.push(l)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    child,
    next: () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise((r) => waiting.push(r))),
    end: async () => {
      child.stdin!.end();
      await exited;
    },
  };
}

async function killed(h: Holder): Promise<void> {
  const gone = new Promise((r) => h.child.once('exit', r));
  h.child.kill('SIGKILL');
  await gone;
}

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'glase-lock-'));
  dirs.push(d);
  return d;
};
t.after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

t('a second holder in the same process is refused; after release the lock can be taken again', () => {
  const dir = tempDir();
  const release = acquireTillLock(dir);
  assert.throws(() => acquireTillLock(dir), (e: unknown) => e instanceof TillBusyError && e.pid === process.pid && /another till process \(pid \d+\)/.test(e.message));
  assert.is(tillLockHolder(dir), process.pid);
  release();
  release(); // twice is harmless
  assert.is(tillLockHolder(dir), undefined);
  acquireTillLock(dir)();
});

t('a held lock refuses another process, and the message names the holder the kernel reports', async () => {
  const dir = tempDir();
  const a = holder(dir, true);
  assert.is(await a.next(), 'took');
  assert.throws(() => acquireTillLock(dir), (e: unknown) => e instanceof TillBusyError && e.pid === a.child.pid && e.message.includes(`pid ${a.child.pid}`));
  await a.end();
  acquireTillLock(dir)(); // released by its exit
});

t('a holder killed with SIGKILL leaves a file that blocks nobody', async () => {
  const dir = tempDir();
  const a = holder(dir, true);
  assert.is(await a.next(), 'took');
  await killed(a);
  const release = acquireTillLock(dir);
  release();
});

t('pid reuse: the file holds the pid of an unrelated live process (an old pid file) → the lock is taken', async () => {
  const dir = tempDir();
  const unrelated = spawn('sleep', ['60'], { stdio: 'ignore' });
  try {
    writeFileSync(join(dir, LOCK_FILE), String(unrelated.pid));
    const release = acquireTillLock(dir);
    assert.is(tillLockHolder(dir), process.pid);
    release();
    writeFileSync(join(dir, LOCK_FILE), String(process.ppid)); // the test runner: alive too
    acquireTillLock(dir)();
  } finally {
    unrelated.kill('SIGKILL');
  }
});

t('six processes racing on a stale lock file: exactly one holds it, round after round', async () => {
  const dir = tempDir();
  // the stale file: its holder was killed; the old pid-file lock had left its dead pid there
  const old = holder(dir, true);
  assert.is(await old.next(), 'took');
  await killed(old);
  const racers = Array.from({ length: 6 }, () => holder(dir));
  try {
    for (const r of racers) assert.is(await r.next(), 'ready');
    for (let round = 1; round <= 40; round++) {
      if (round > 1) writeFileSync(join(dir, LOCK_FILE), String(old.child.pid)); // stale again
      for (const r of racers) r.child.stdin!.write('go\n'); // all at once
      const answers = await Promise.all(racers.map((r) => r.next()));
      const took = answers.filter((a) => a === 'took').length;
      assert.is(took, 1, `round ${round}: ${took} processes hold the lock (${answers.join(', ')})`);
      // the refused ones name the one that holds it
      const winner = racers[answers.indexOf('took')]!.child.pid;
      for (const a of answers.filter((x) => x !== 'took')) assert.is(a, `busy ${winner}`);
      for (const r of racers) r.child.stdin!.write('release\n');
      for (const r of racers) assert.is(await r.next(), 'released');
    }
  } finally {
    await Promise.all(racers.map((r) => r.end()));
  }
});

t.run();
