// Store: real SQLite files in a temp dir, real migrations.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DB_FILE, RECEIPTS_FILE, openStore } from '../../../src/store/store.js';
import { SCHEMA_VERSION } from '../../../src/store/migrations.js';
import type { TransactionPost } from '../../../src/store/transaction-post.js';
import { tempDir } from '../../fakes/till-harness.js';

const t = suite('store');
let dir: string;
t.before.each(() => {
  dir = join(tempDir(), 'data');
});
t.after.each(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

const post = (ref: string, extra: Partial<TransactionPost> = {}): TransactionPost => ({
  ersReference: ref,
  amount: 1250,
  currency: 'SEK',
  description: 'Glase payment',
  timestamp: '2026-11-29T10:00:01.000Z',
  clientInvoiceId: 'GP-1',
  invoiceReference: '20261129100000001',
  cashierId: 'anna',
  ...extra,
});

t('creates the data dir 0700 and the db file 0600, WAL, synchronous=FULL, migrated', () => {
  const s = openStore(dir);
  assert.is(statSync(dir).mode & 0o777, 0o700);
  assert.is(statSync(join(dir, DB_FILE)).mode & 0o777, 0o600);
  assert.is(s.db.pragma('journal_mode', { simple: true }), 'wal');
  assert.is(s.db.pragma('synchronous', { simple: true }), 2); // FULL
  assert.is(s.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  s.close();
});

t('reopening keeps data and does not re-run migrations; a newer schema is refused', () => {
  let s = openStore(dir);
  s.settings.set('x', { a: 1 });
  s.close();
  s = openStore(dir);
  assert.equal(s.settings.get('x'), { a: 1 });
  s.db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  s.close();
  assert.throws(() => openStore(dir), /newer than this program/);
});

t('credentials: saved, Glase ID added, cleared; no reseller password column exists', () => {
  const s = openStore(dir);
  assert.is(s.credentials.get(), undefined);
  assert.throws(() => s.credentials.saveGlaseId('G1', 'now'), /not registered/);
  s.credentials.saveRegistration({ terminalId: 't1', terminalPassword: 'p'.repeat(20), externalTerminalId: 'till-1', registeredAt: '2026-01-01T00:00:00Z' });
  s.credentials.saveGlaseId('G1', '2026-01-01T00:01:00Z');
  assert.equal(s.credentials.get(), { terminalId: 't1', terminalPassword: 'p'.repeat(20), externalTerminalId: 'till-1', registeredAt: '2026-01-01T00:00:00Z', glaseId: 'G1', assignedAt: '2026-01-01T00:01:00Z' });
  const cols = (s.db.prepare('PRAGMA table_info(credentials)').all() as Array<{ name: string }>).map((c) => c.name);
  assert.not.ok(cols.some((c) => /reseller/.test(c)));
  s.credentials.clear();
  assert.is(s.credentials.get(), undefined);
  s.close();
});

t('a transaction post is recorded once per ersReference and appended once, fsynced, to receipts.jsonl', () => {
  const s = openStore(dir);
  const a = s.transaction(() => s.posts.insert('p1', post('E1')));
  assert.ok(a.created);
  const b = s.transaction(() => s.posts.insert('p1', post('E1', { amount: 999 })));
  assert.not.ok(b.created);
  assert.is(b.post.amount, 1250, 'the first post wins');
  assert.is(s.posts.flushToFile(), 1);
  assert.is(s.posts.flushToFile(), 0);
  const lines = readFileSync(join(dir, RECEIPTS_FILE), 'utf8').trim().split('\n');
  assert.is(lines.length, 1);
  assert.equal(JSON.parse(lines[0]), post('E1'));
  assert.is(statSync(join(dir, RECEIPTS_FILE)).mode & 0o777, 0o600);
  assert.throws(() => s.db.prepare("INSERT INTO transaction_posts (ers_reference, payment_id, post) VALUES ('E1', 'p2', '{}')").run(), /UNIQUE/);
  s.close();
});

t('a crash between commit and file append: the post is appended at the next open, not twice', () => {
  let s = openStore(dir);
  s.posts.insert('p1', post('E1'));
  s.posts.insert('p2', post('E2'));
  // E1 reached the file before the crash but its flag did not
  writeFileSync(join(dir, RECEIPTS_FILE), JSON.stringify(post('E1')) + '\n');
  appendFileSync(join(dir, RECEIPTS_FILE), '{"ersReference":"E'); // a torn line from a power cut
  s.close();
  s = openStore(dir);
  const refs = readFileSync(join(dir, RECEIPTS_FILE), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{') && l.endsWith('}'))
    .map((l) => JSON.parse(l).ersReference);
  assert.equal(refs.filter((r) => r === 'E1').length, 1);
  assert.equal(refs.filter((r) => r === 'E2').length, 1);
  s.close();
});

t('journal rows come back in order with their fields; payments snapshots save and restore', () => {
  const s = openStore(dir);
  s.transaction(() => {
    s.journal.append({ at: 'a', paymentId: 'p1', state: 'created', clientInvoiceId: 'C1' });
    s.journal.append({ at: 'b', paymentId: 'p1', state: 'live.window', invoiceReference: 'R1', version: 2, resultCode: 0 });
    s.journal.append({ at: 'c', paymentId: 'p2', state: 'sending' });
  });
  const j = s.journal.forPayment('p1');
  assert.equal(j.map((e) => e.state), ['created', 'live.window']);
  assert.equal(j[1], { seq: 2, at: 'b', paymentId: 'p1', state: 'live.window', invoiceReference: 'R1', version: 2, resultCode: 0 });
  s.payments.save('p1', 'live.window', { value: { live: {} }, context: { n: 1 } }, false, 't1');
  s.payments.save('p2', 'completed', { value: 'completed' }, true, 't2');
  s.payments.save('p1', 'live.question', { value: { live: {} }, context: { n: 2 } }, false, 't3');
  const un = s.payments.unfinished();
  assert.equal(un.map((p) => p.paymentId), ['p1']);
  assert.equal(un[0].snapshot, { value: { live: {} }, context: { n: 2 } });
  assert.is(un[0].createdAt, 't1');
  assert.is(un[0].updatedAt, 't3');
  s.close();
});

t('a failed transaction writes nothing (snapshot and journal row are atomic)', () => {
  const s = openStore(dir);
  assert.throws(() =>
    s.transaction(() => {
      s.payments.save('p1', 'x', {}, false, 't');
      s.journal.append({ at: 't', paymentId: 'p1', state: 'x' });
      throw new Error('disk full');
    }),
  );
  assert.is(s.payments.get('p1'), undefined);
  assert.is(s.journal.forPayment('p1').length, 0);
  s.close();
});

t('print queue: originals idempotent, copies separate, pending oldest first, attempts and printed', () => {
  const s = openStore(dir);
  const j1 = s.printQueue.enqueue(post('E1'));
  const again = s.printQueue.enqueue(post('E1'));
  assert.is(again.id, j1.id);
  const j2 = s.printQueue.enqueue(post('E2'));
  const c1 = s.printQueue.enqueue(post('E1'), { copy: true });
  assert.ok(c1.copy);
  assert.equal(s.printQueue.pending().map((j) => j.id), [j1.id, j2.id, c1.id]);
  s.printQueue.markAttemptFailed(j1.id, 'paper out');
  let j = s.printQueue.byErsReference('E1')[0];
  assert.is(j.attempts, 1);
  assert.is(j.lastError, 'paper out');
  s.printQueue.markPrinted(j1.id);
  j = s.printQueue.byErsReference('E1')[0];
  assert.is(j.state, 'printed');
  assert.ok(j.printedAt);
  assert.is(j.lastError, undefined);
  assert.equal(s.printQueue.pending().map((x) => x.id), [j2.id, c1.id]);
  assert.is(s.printQueue.last()!.id, c1.id);
  assert.equal(s.printQueue.byErsReference('E1').map((x) => x.copy), [false, true]);
  assert.throws(() => s.printQueue.markPrinted(9999), /does not exist/);
  s.close();
});

t('settings and audit', () => {
  const s = openStore(dir);
  s.settings.set('k', 5);
  s.settings.set('k', 6);
  assert.is(s.settings.get('k'), 6);
  s.settings.delete('k');
  assert.is(s.settings.get('k'), undefined);
  s.audit.append('anna', 'register', 'terminalId=t1');
  assert.equal(s.audit.list().map((a) => [a.actor, a.action, a.detail]), [['anna', 'register', 'terminalId=t1']]);
  s.close();
  assert.ok(existsSync(join(dir, DB_FILE)));
  assert.ok(Database);
});

t.run();
