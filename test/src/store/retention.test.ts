// Bounded storage (issue 11 §4): finished payments older than fullDays lose their snapshot and
// journal rows, unfinished and recent ones stay, posts stay for the legal period (and only once
// written to receipts.jsonl); the payment counters never go back; the file shrinks after a
// prune; an older file without auto_vacuum is converted when opened; readiness warns on low space.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openStore, type Store } from '../../../src/store/store.js';
import { pruneOnce, reclaim, storageSizes } from '../../../src/store/retention.js';
import { readinessOf } from '../../../machines/readiness.js';
import { startPruner } from '../../../src/daemon/pruner.js';
import { silentLogger } from '../../../src/lib/log.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const t = suite('retention');
let dir: string;
let store: Store;
t.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'glase-retention-'));
  store = openStore(join(dir, 'data'));
});
t.after.each(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** a payment as the till leaves it: snapshot row, journal rows, its post */
function payment(id: string, at: number, opts: { finished?: boolean; state?: string; snapshotBytes?: number } = {}) {
  const when = iso(at);
  const state = opts.state ?? 'completed';
  store.payments.save(id, state, { pad: 'x'.repeat(opts.snapshotBytes ?? 100) }, opts.finished ?? true, when);
  for (const s of ['sending', 'live.window', state]) store.journal.append({ at: when, paymentId: id, state: s, message: 'x'.repeat(opts.snapshotBytes ?? 10) });
  if (state === 'completed') {
    const ers = String(at).padStart(25, '0').slice(0, 21) + id.slice(-4).padStart(4, '0');
    store.posts.insert(id, { ersReference: ers, amount: 100, currency: 'SEK', description: 'Glase payment', timestamp: when, clientInvoiceId: id, invoiceReference: '1', terminalId: 't' } as never);
  }
}
const count = (table: string) => (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

t('a payment that needs checking or was settled outside the till keeps its rows past fullDays, until the legal period', () => {
  payment('check-me', NOW - 40 * DAY, { state: 'needsChecking' });
  payment('outside', NOW - 40 * DAY, { state: 'settledOutside' });
  payment('ancient', NOW - 8 * 366 * DAY, { state: 'settledOutside' });
  pruneOnce(store.db, { fullDays: 30, legalYears: 7, batch: 100 }, NOW);
  assert.ok(store.payments.get('check-me'));
  assert.is(store.journal.forPayment('outside').length, 3);
  assert.not.ok(store.payments.get('ancient'), 'past the legal period it goes like the rest');
});

t('finished payments past fullDays lose snapshot and journal; unfinished and recent stay; posts stay; counters keep counting', () => {
  payment('old-1', NOW - 40 * DAY);
  payment('old-2', NOW - 31 * DAY, { state: 'cancelled' });
  payment('old-unfinished', NOW - 40 * DAY, { finished: false, state: 'live.window' });
  payment('recent', NOW - 2 * DAY);
  store.posts.flushToFile();
  const before = store.payments.countFinishedByState();
  const counts = pruneOnce(store.db, { fullDays: 30, legalYears: 7, batch: 100 }, NOW);
  assert.is(counts.payments, 2);
  assert.is(counts.journal, 6);
  assert.ok(store.payments.get('old-unfinished'), 'an unfinished payment is never pruned');
  assert.ok(store.payments.get('recent'));
  assert.not.ok(store.payments.get('old-1'));
  assert.is(store.journal.forPayment('old-1').length, 0);
  assert.is(store.journal.forPayment('recent').length, 3);
  assert.is(count('transaction_posts'), 2, 'posts are kept for the legal period');
  assert.equal(store.payments.countFinishedByState(), before, 'pruned payments still count');
  assert.equal(pruneOnce(store.db, { fullDays: 30, legalYears: 7, batch: 100 }, NOW), {}, 'a second round finds nothing');
});

t('at most batch rows per round, oldest first', () => {
  for (let i = 0; i < 25; i++) payment(`p${String(i).padStart(2, '0')}`, NOW - (60 - i) * DAY);
  assert.is(pruneOnce(store.db, { fullDays: 30, legalYears: 7, batch: 10 }, NOW).payments, 10);
  assert.not.ok(store.payments.get('p00'));
  assert.ok(store.payments.get('p10'), 'the younger ones wait for the next round');
});

t('a till with no back office keeps its outbox for fullDays only; an enrolled till keeps its backlog', () => {
  payment('old', NOW - 40 * DAY);
  payment('new', NOW - 2 * DAY);
  assert.is(count('outbox'), 2);
  pruneOnce(store.db, { fullDays: 30, legalYears: 7, batch: 100 }, NOW);
  assert.is(count('outbox'), 1, 'nobody will ship the 40-day-old row');
  assert.is(count('transaction_posts'), 2, 'the posts themselves stay for the legal period');
  store.db.prepare("INSERT INTO outbox (post_key, kind, body, created_at) VALUES ('pay:x', 'payment', '{}', ?)").run(iso(NOW - 40 * DAY));
  store.db.prepare("INSERT INTO backoffice_link (id, url, till_id, till_token, enrolled_at) VALUES (1, 'http://127.0.0.1:1', 1, 't', ?)").run(iso(NOW));
  pruneOnce(store.db, { fullDays: 30, legalYears: 7, batch: 100 }, NOW);
  assert.is(count('outbox'), 2, 'an enrolled till ships its backlog, however old');
});

t('posts past the legal period go, but only once written to receipts.jsonl', () => {
  payment('ancient', NOW - 8 * 365 * DAY);
  assert.is(pruneOnce(store.db, { fullDays: 30, legalYears: 7, batch: 100 }, NOW).posts, undefined, 'not yet in receipts.jsonl: kept');
  store.posts.flushToFile();
  const counts = pruneOnce(store.db, { fullDays: 30, legalYears: 7, batch: 100 }, NOW);
  assert.is(counts.posts, 1);
  assert.is(count('transaction_posts'), 0);
  assert.is(count('outbox'), 0, 'a back-office row nobody took goes after the legal period too');
});

t('the file shrinks: incremental_vacuum and a truncating checkpoint after a prune', () => {
  for (let i = 0; i < 300; i++) payment(`big${i}`, NOW - 60 * DAY, { snapshotBytes: 4000 });
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const file = join(dir, 'data', 'glase-pos.sqlite');
  const grown = statSync(file).size;
  while (Object.keys(pruneOnce(store.db, { fullDays: 30, legalYears: 7, batch: 100 }, NOW)).length) reclaim(store.db);
  reclaim(store.db);
  const after = statSync(file).size;
  assert.ok(after < grown / 3, `file ${grown} → ${after} bytes`);
  assert.is(storageSizes(store.db, join(dir, 'data'), 'glase-pos.sqlite', 'receipts.jsonl').walBytes, 0);
});

t('an older file without auto_vacuum is converted when opened', () => {
  store.close();
  const old = join(dir, 'old');
  const raw = new Database(join(dir, 'x.sqlite'));
  raw.exec('CREATE TABLE t (a)');
  assert.is(raw.pragma('auto_vacuum', { simple: true }), 0);
  raw.close();
  // a store made the way older releases made it
  const s1 = openStore(old);
  s1.db.pragma('auto_vacuum = NONE');
  s1.db.exec('VACUUM');
  assert.is(s1.db.pragma('auto_vacuum', { simple: true }), 0);
  s1.close();
  store = openStore(old);
  assert.is(store.db.pragma('auto_vacuum', { simple: true }), 2);
});

t('readiness warns when free space runs low, without stopping payments; full still stops them', () => {
  const base = { registered: true, glaseIdAssigned: true, serverReachable: true, printerReady: true, paymentInProgress: false };
  const low = readinessOf({ ...base, storageLow: true });
  assert.is(low.ready, true);
  assert.equal(low.warnings?.map((w) => w.code), ['storage-low']);
  assert.is(readinessOf(base).warnings, undefined);
  const full = readinessOf({ ...base, storageLow: true, storageFull: true });
  assert.is(full.ready, false);
  assert.equal(full.reasons.map((r) => r.code), ['storage-full']);
});

t('the background pruner never runs while a payment is in progress', async () => {
  payment('old', Date.now() - 40 * DAY);
  let busy = true;
  const pruned: unknown[] = [];
  const log = { ...silentLogger, info: (m: string, f?: unknown) => void pruned.push([m, f]), child: () => log };
  const p = startPruner({ store, policy: { fullDays: 30, legalYears: 7, batch: 10 }, intervalMs: 100, busy: () => busy, log });
  await new Promise((r) => setTimeout(r, 1500));
  assert.ok(store.payments.get('old'), 'kept while busy');
  busy = false;
  for (let i = 0; i < 200 && store.payments.get('old'); i++) await new Promise((r) => setTimeout(r, 50));
  p.stop();
  assert.not.ok(store.payments.get('old'));
  assert.ok(pruned.length >= 1);
});

t.run();
