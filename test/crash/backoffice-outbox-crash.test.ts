// Outbox crash tests with real processes (issue 14 item 3; guide §2 kill tests): the back
// office runs as `glase-pos backoffice` and is SIGKILLed before its COMMIT (after-insert) and
// after it but before replying (after-commit); the till's shipper is SIGKILLed after the 200,
// before its ack commits; the PGlite back office is SIGKILLed after the last batch and the
// PostgreSQL server stopped with `pg_ctl -m immediate`. Then: every post once, equal totals,
// the outbox drained, the rollup equal to a fresh GROUP BY. A till killed while recording
// leaves each post with its outbox row, or neither.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createServer, type AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT, RESELLER, collect, newTill, runCli, startEnv, type Env } from '../src/commands/_cli.js';
import { openBackoffice } from '../../src/backoffice/open.js';
import { setReseller } from '../../src/backoffice/reseller.js';
import { createCode } from '../../src/backoffice/enrolment.js';
import { openStore } from '../../src/store/store.js';
import { cluster1, freshUrl, stopCluster } from '../src/backoffice/_engines.js';

const POSTS = 300;
let env: Env;
const dirs: string[] = [];

test.before(async () => {
  env = await startEnv();
  dirs.push(env.dir);
});
test.after(async () => {
  await env.sim.close();
  await stopCluster();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Server {
  child: ChildProcess;
  url: string;
}

function storageArgs(s: { dataDir?: string; databaseUrl?: string; keyFile?: string }): string[] {
  return s.databaseUrl ? ['--database-url', s.databaseUrl, '--key-file', s.keyFile!] : ['--data', s.dataDir!];
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/** The back office on `port`: the same address each restart, as the till keeps its URL. */
async function startServer(s: { dataDir?: string; databaseUrl?: string }, port: number, fault?: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'backoffice', '--port', String(port), ...storageArgs(s)], {
    cwd: ROOT,
    env: { ...env.env, GLASE_POS__GLASE__URL: env.sim.soapUrl, ...(fault ? { GLASE_BACKOFFICE_FAULT: fault } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`back office did not start: ${err}`)), 180_000);
    createInterface({ input: child.stdout! }).on('line', (l) => {
      const m = /back office ready .*url=(\S+)/.exec(l);
      if (m) (clearTimeout(timer), resolve(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`back office exited ${code}: ${err}`)));
  });
  return { child, url };
}

const exited = (c: ChildProcess) => new Promise<NodeJS.Signals | number | null>((r) => (c.exitCode !== null || c.signalCode !== null ? r(c.signalCode ?? c.exitCode) : c.once('exit', (code, sig) => r(sig ?? code))));

async function ship(dataDir: string, kill = false): Promise<{ lines: any[]; signal: string | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/crash/_outbox-child.ts', 'ship', dataDir], { cwd: ROOT, env: { ...env.env, ...(kill ? { KILL_AFTER_RESPONSE: '1' } : {}) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const r = await collect(child);
  return { lines: r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)), signal: r.signal };
}

function fillOutbox(dataDir: string): number {
  const store = openStore(dataDir);
  let sum = 0;
  try {
    for (let n = 1; n <= POSTS; n++) {
      const ers = `2025031112${String(n).padStart(15, '0')}`;
      const amount = 1000 + n;
      sum += amount;
      store.transaction(() => store.posts.insert(`p${n}`, { ersReference: ers, amount, currency: 'SEK', description: 'Glase payment', timestamp: '2025-03-11T10:00:00.000Z', clientInvoiceId: `c${n}`, invoiceReference: String(n), cashierId: 'anna' }));
    }
  } finally {
    store.close();
  }
  return sum;
}

for (const engine of ['pglite', 'postgres'] as const) {
  test(`${engine}: back office killed before and after COMMIT, shipper killed before its ack: every post once`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'glase-bo-crash-'));
    dirs.push(dataDir);
    const keyFile = join(dataDir, 'backoffice.key');
    if (engine === 'postgres') writeFileSync(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
    const storage = engine === 'postgres' ? { dataDir, databaseUrl: await freshUrl(), keyFile } : { dataDir };
    {
      const bo = await openBackoffice(storage);
      await setReseller(bo.db, bo.box, RESELLER);
      var { code } = await createCode(bo.db, 'test', 'crash till');
      await bo.close();
    }
    const till = newTill(env.sim);
    dirs.push(till.dir);
    const tillData = till.env.GLASE_POS__DATA_DIR!;

    // 1. enrol, then queue 300 posts while the back office dies before COMMIT
    const port = await freePort();
    let s = await startServer(storage, port, 'after-insert');
    const en = await runCli(['enroll', s.url, code], till.env);
    assert.is(en.code, 0, en.stderr);
    const sum = fillOutbox(tillData);
    const r1 = await ship(tillData);
    assert.is(r1.lines.at(-1).kind, 'retry');
    assert.is(await exited(s.child), 'SIGKILL');

    // 2. it dies after COMMIT, before replying: the first batch is stored, the till does not know
    s = await startServer(storage, port, 'after-commit');
    const r2 = await ship(tillData);
    assert.is(r2.lines.at(-1).kind, 'retry');
    assert.is(await exited(s.child), 'SIGKILL');
    const before = openStore(tillData);
    assert.is(before.outbox.backlog().pending, POSTS);
    before.close();

    // 3. the shipper dies after a 200, before its ack commits; then ships to the end
    s = await startServer(storage, port);
    const r3 = await ship(tillData, true);
    assert.is(r3.signal, 'SIGKILL');
    const r4 = await ship(tillData);
    assert.equal(r4.lines.map((l) => l.kind), ['shipped', 'shipped', 'shipped', 'idle']);
    const store = openStore(tillData);
    assert.equal(store.outbox.backlog(), { pending: 0, parked: 0 });
    store.close();

    // 4. the engine itself dies: SIGKILL of the PGlite process / pg_ctl stop -m immediate
    if (engine === 'pglite') {
      s.child.kill('SIGKILL');
      await exited(s.child);
    } else {
      (await cluster1()).crashAndRestart();
      s.child.kill('SIGTERM');
      await exited(s.child);
    }
    const bo = await openBackoffice(storage);
    try {
      const posts = await bo.db.query<{ n: number; keys: number; s: number }>('SELECT count(*)::bigint AS n, count(DISTINCT post_key)::bigint AS keys, sum(amount_ore)::bigint AS s FROM post');
      assert.equal(posts.rows[0], { n: POSTS, keys: POSTS, s: sum });
      const roll = await bo.db.query('SELECT till_id, business_day, kind, n, sum_ore FROM day_total ORDER BY 1, 2, 3');
      const fresh = await bo.db.query('SELECT till_id, business_day, kind, count(*)::bigint AS n, sum(amount_ore)::bigint AS sum_ore FROM post GROUP BY 1, 2, 3 ORDER BY 1, 2, 3');
      assert.equal(roll.rows, fresh.rows);
      const t = await bo.db.query<{ contiguous_seq: number; backlog: number }>('SELECT contiguous_seq, backlog FROM till');
      assert.is(t.rows[0].contiguous_seq, POSTS);
    } finally {
      await bo.close();
    }
  });
}

test('a till killed while recording: each post has its outbox row, or neither exists', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'glase-outbox-kill-'));
  dirs.push(dir);
  for (let round = 0; round < 3; round++) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/crash/_outbox-child.ts', 'record', dir], { cwd: ROOT, env: { ...env.env, START: String(round * 1_000_000 + 1) }, stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((r) => child.stdout!.once('data', () => r()));
    await new Promise((r) => setTimeout(r, 200 + 150 * round));
    child.kill('SIGKILL');
    await exited(child);
  }
  const store = openStore(dir);
  try {
    const orphanPosts = store.db.prepare("SELECT count(*) AS n FROM transaction_posts p WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.post_key = 'pay:' || p.ers_reference)").get() as { n: number };
    const orphanRows = store.db.prepare("SELECT count(*) AS n FROM outbox o WHERE NOT EXISTS (SELECT 1 FROM transaction_posts p WHERE o.post_key = 'pay:' || p.ers_reference)").get() as { n: number };
    const total = store.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number };
    assert.ok(total.n > 0);
    assert.is(orphanPosts.n, 0);
    assert.is(orphanRows.n, 0);
  } finally {
    store.close();
  }
});

test.run();
