// bench:backoffice (issue 14 "Scale"): the back office on real PostgreSQL (a throwaway
// cluster, test/fakes/pg-cluster.ts) and on PGlite.
// 1. Ingest: TILLS simulated tills ship batches concurrently over HTTP to the real server
//    (POST /api/till/posts with their till tokens); prints posts/s per engine, then checks
//    nothing is lost or doubled (count, distinct keys, sum; a replayed batch is all duplicates).
// 2. Reports over POSTS posts generated with SQL (PostgreSQL): the dashboard's day totals and a
//    month's SIE export, timed, with EXPLAIN (ANALYZE, BUFFERS). Target: each ≤ 1 s.
// Usage: npm run bench:backoffice -- [--tills 1000] [--batches 2] [--batch 200] [--pool 8] [--posts 10000000] [--skip-pglite] [--skip-ingest]
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openPostgres } from '../src/backoffice/db-pg.js';
import { openPglite } from '../src/backoffice/db-pglite.js';
import { migrate } from '../src/backoffice/migrations.js';
import type { Db } from '../src/backoffice/db.js';
import { secretBox } from '../src/backoffice/secret-box.js';
import { startBackofficeServer } from '../src/backoffice/server.js';
import { sha256 } from '../src/backoffice/users.js';
import { dailyTotals, tillDay } from '../src/backoffice/reports.js';
import { sieExport } from '../src/backoffice/ledger.js';
import { DEFAULT_SIE } from '../src/backoffice/sie-settings.js';
import type { GlaseApi } from '../src/glase/types.js';
import { startPgCluster } from '../test/fakes/pg-cluster.js';

const { values } = parseArgs({ options: { tills: { type: 'string' }, batches: { type: 'string' }, batch: { type: 'string' }, posts: { type: 'string' }, pool: { type: 'string' }, 'skip-pglite': { type: 'boolean' }, 'skip-ingest': { type: 'boolean' } } });
const TILLS = Number(values.tills ?? 1000);
const BATCHES = Number(values.batches ?? 2);
const BATCH = Number(values.batch ?? 200); // the shipper's default batch (src/shipper/shipper.ts)
const POOL = Number(values.pool ?? 8);
const POSTS = Number(values.posts ?? 10_000_000);

async function ingest(db: Db, label: string): Promise<void> {
  const box = secretBox(randomBytes(32));
  const server = await startBackofficeServer({ bo: { db, box, close: async () => {} }, glase: {} as GlaseApi });
  const tokens: string[] = [];
  for (let i = 0; i < TILLS; i += 500) {
    const n = Math.min(500, TILLS - i);
    const ts = Array.from({ length: n }, () => randomBytes(24).toString('base64url'));
    tokens.push(...ts);
    await db.query(
      `INSERT INTO till (name, external_id, terminal_id, terminal_password_enc, token_sha)
       SELECT 'till ' || (g + $1), 'ext ' || (g + $1), md5('t' || (g + $1)), 'x', t FROM unnest($2::text[]) WITH ORDINALITY AS u(t, g)`,
      [i, ts.map(sha256)],
    );
  }
  const batchOf = (till: number, b: number) => {
    const posts = [];
    for (let k = 0; k < BATCH; k++) {
      const seq = b * BATCH + k + 1;
      const ers = `20251101${String(till).padStart(5, '0')}${String(seq).padStart(12, '0')}`;
      posts.push({ seq, key: `pay:${ers}`, kind: 'payment', body: JSON.stringify({ ersReference: ers, amount: 1000 + (seq % 97), currency: 'SEK', businessDay: `2025-11-${String(1 + (seq % 28)).padStart(2, '0')}`, cashierId: 'c' + (seq % 5) }) });
    }
    return JSON.stringify({ backlog: 0, posts });
  };
  let retries = 0;
  const send = async (i: number, body: string) => {
    for (let attempt = 0; ; attempt++) {
      let why: string;
      try {
        const r = await fetch(`${server.url}/api/till/posts`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` }, body });
        const j = (await r.json()) as { results?: Array<{ status: string }> };
        if (r.status === 200) return j.results!;
        why = `HTTP ${r.status}`;
      } catch (e) {
        // as the shipper does: a lost connection (here: a keep-alive socket the server closed) is sent again
        why = String((e as Error).cause ?? e);
      }
      retries++;
      if (attempt > 20) throw new Error(`till ${i}: ${why}`);
    }
  };
  // the tills' own work (building their batches) is done before the clock starts: on a real
  // chain it happens on a thousand other machines, not on the back office's two cores
  const bodies = tokens.map((_, i) => Array.from({ length: BATCHES }, (_, b) => batchOf(i, b)));
  const started = performance.now();
  await Promise.all(tokens.map(async (_, i) => {
    for (let b = 0; b < BATCHES; b++) await send(i, bodies[i][b]); // one batch in flight per till
  }));
  const secs = (performance.now() - started) / 1000;
  const total = TILLS * BATCHES * BATCH;
  const replay = await send(0, batchOf(0, 0));
  const c = await db.query<{ n: number; keys: number; s: number }>('SELECT count(*)::bigint AS n, count(DISTINCT (till_id, post_key))::bigint AS keys, sum(amount_ore)::bigint AS s FROM post');
  const roll = await db.query<{ n: number; s: number }>('SELECT sum(n)::bigint AS n, sum(sum_ore)::bigint AS s FROM day_total');
  const ok = c.rows[0].n === total && c.rows[0].keys === total && roll.rows[0].n === total && roll.rows[0].s === c.rows[0].s && replay.every((r) => r.status === 'duplicate');
  console.log(`ingest ${label}: ${TILLS} tills × ${BATCHES} batches × ${BATCH} posts = ${total} posts in ${secs.toFixed(1)} s → ${Math.round(total / secs)} posts/s, ${retries} batches resent; ${ok ? 'none lost or doubled (count, keys, rollup, replay = duplicates)' : `MISMATCH ${JSON.stringify({ c: c.rows[0], roll: roll.rows[0] })}`}`);
  await server.close();
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await fn();
  console.log(`  ${label}: ${(performance.now() - t).toFixed(0)} ms`);
  return out;
}

async function reports(db: Db): Promise<void> {
  console.log(`\nreports over ${POSTS.toLocaleString('en')} posts generated with SQL (1000 tills, 365 days):`);
  await db.exec('TRUNCATE post, day_total, till RESTART IDENTITY CASCADE');
  await db.query(`INSERT INTO till (name, external_id, terminal_id, terminal_password_enc, token_sha) SELECT 'till ' || g, 'ext ' || g, md5('t' || g), 'x', md5('k' || g) FROM generate_series(1, 1000) g`);
  await timed('load (indexes dropped, then rebuilt)', async () => {
    await db.exec('DROP INDEX post_day_till; DROP INDEX post_ers_reference; DROP INDEX post_till_seq; DROP INDEX post_unreconciled; ALTER TABLE post DROP CONSTRAINT post_pkey');
    await db.query(`INSERT INTO post (till_id, post_key, seq, kind, business_day, amount_ore, currency, ers_reference, cashier_id, payload, payload_sha)
      SELECT 1 + g % 1000, CASE WHEN g % 20 = 0 THEN 'ref:' ELSE 'pay:' END || lpad(g::text, 25, '0'), g / 1000 + 1,
             CASE WHEN g % 20 = 0 THEN 'refund' ELSE 'payment' END, DATE '2025-01-01' + (g % 365)::int,
             CASE WHEN g % 20 = 0 THEN -(500 + g % 3000) ELSE 500 + g % 30000 END, 'SEK', lpad(g::text, 25, '0'), 'c' || g % 7, '{}'::jsonb, ''
      FROM generate_series(1, $1::bigint) g`, [POSTS]);
    await db.exec(`ALTER TABLE post ADD PRIMARY KEY (till_id, post_key);
      CREATE INDEX post_day_till ON post (business_day, till_id) INCLUDE (kind, amount_ore);
      CREATE INDEX post_ers_reference ON post (ers_reference);
      CREATE INDEX post_till_seq ON post (till_id, seq);
      CREATE INDEX post_unreconciled ON post (till_id) WHERE reconciled_period IS NULL AND kind <> 'z';
      INSERT INTO day_total SELECT till_id, business_day, kind, currency, count(*), sum(amount_ore) FROM post GROUP BY 1, 2, 3, 4;
      ANALYZE post; ANALYZE day_total;`);
  });
  await timed('dashboard: 30 daily totals (rollup)', () => dailyTotals(db, '2025-06-01', '2025-06-30'));
  await timed('dashboard: one day per till (rollup)', () => tillDay(db, '2025-06-15'));
  const sie = await timed('SIE export of a month (rollup)', () => sieExport(db, DEFAULT_SIE, { from: '2025-06-01', to: '2025-06-30', label: 'm' }, { generated: '20250701', version: 'bench' }));
  console.log(`  (SIE file ${sie.length} bytes, ${(sie.toString('latin1').match(/#VER/g) ?? []).length} vouchers)`);
  await timed('the same month by GROUP BY over post (no rollup)', () => db.query("SELECT business_day, kind, sum(amount_ore) FROM post WHERE business_day BETWEEN '2025-06-01' AND '2025-06-30' GROUP BY 1, 2"));
  await timed('search by ersReference', () => db.query('SELECT * FROM post WHERE ers_reference = $1', [String(POSTS - 7).padStart(25, '0')]));
  for (const [label, sql] of [
    ['day totals', "SELECT business_day, kind, currency, sum(n), sum(sum_ore) FROM day_total WHERE business_day BETWEEN '2025-06-01' AND '2025-06-30' AND kind <> 'z' GROUP BY 1, 2, 3"],
    ['month export', "SELECT business_day, kind, sum(sum_ore) FROM day_total WHERE business_day BETWEEN '2025-06-01' AND '2025-06-30' AND kind IN ('payment', 'refund') GROUP BY 1, 2"],
  ] as const) {
    const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
    console.log(`\nEXPLAIN (ANALYZE, BUFFERS) ${label}:\n${plan.rows.map((r) => '  ' + r['QUERY PLAN']).join('\n')}`);
  }
}

const cluster = await startPgCluster();
try {
  const pg = await openPostgres(await cluster.createDatabase('bench'), POOL);
  await migrate(pg);
  if (!values['skip-ingest']) await ingest(pg, 'PostgreSQL');
  if (!values['skip-pglite'] && !values['skip-ingest']) {
    const dir = mkdtempSync(join(tmpdir(), 'glase-bench-pglite-'));
    const lite = await openPglite(join(dir, 'pgdata'));
    await migrate(lite);
    await ingest(lite, 'PGlite');
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  await reports(pg);
  await pg.close();
} finally {
  cluster.stop();
}
