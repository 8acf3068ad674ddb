// The storage layer on both engines: migrations, bigint/date types, transactions, ingest
// idempotence and the rollup, and the reseller password sealed at rest.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ENGINES, freshDb, rejects, stopCluster } from './_engines.js';
import { migrate, BACKOFFICE_SCHEMA_VERSION } from '../../../src/backoffice/migrations.js';
import { ingestBatch, seqGaps, type IncomingPost } from '../../../src/backoffice/ingest.js';
import { secretBox } from '../../../src/backoffice/secret-box.js';
import { randomBytes } from 'node:crypto';
import { resellerPrincipal, setReseller } from '../../../src/backoffice/reseller.js';
import type { Db } from '../../../src/backoffice/db.js';

const ers = (n: number) => `2025031110000000000${String(n).padStart(6, '0')}`;
export function pay(seq: number, n: number, amount: number, day = '2025-03-11', extra: Record<string, unknown> = {}): IncomingPost {
  return { seq, key: `pay:${ers(n)}`, kind: 'payment', body: JSON.stringify({ ersReference: ers(n), amount, currency: 'SEK', businessDay: day, cashierId: 'anna', ...extra }) };
}

async function addTill(db: Db, name = 'till 1'): Promise<number> {
  const r = await db.query<{ id: number }>("INSERT INTO till (name, external_id, terminal_id, terminal_password_enc, token_sha) VALUES ($1, $1, md5($1 || random()::text), 'x', md5(random()::text)) RETURNING id", [name]);
  return r.rows[0].id;
}

for (const engine of ENGINES) {
  test(`${engine}: migrations run once and record the version; bigint and date come back as number and text`, async () => {
    const db = await freshDb(engine);
    try {
      assert.is(await migrate(db), BACKOFFICE_SCHEMA_VERSION);
      const v = await db.query<{ version: number }>('SELECT version FROM schema_version');
      assert.equal(v.rows, [{ version: BACKOFFICE_SCHEMA_VERSION }]);
      const r = await db.query<{ big: number; day: string }>("SELECT 9007199254740991::bigint AS big, '2025-03-11'::date AS day");
      assert.equal(r.rows[0], { big: 9007199254740991, day: '2025-03-11' });
      await db.query('UPDATE schema_version SET version = 999');
      await rejects(() => migrate(db), /newer than this program/);
    } finally {
      await db.close();
    }
  });

  test(`${engine}: a transaction that throws leaves nothing`, async () => {
    const db = await freshDb(engine);
    try {
      await rejects(() => db.transaction(async (tx) => {
        await tx.query("INSERT INTO setting (key, value) VALUES ('a', '1')");
        throw new Error('boom');
      }), /boom/);
      assert.is((await db.query('SELECT * FROM setting')).rows.length, 0);
    } finally {
      await db.close();
    }
  });

  test(`${engine}: a batch is stored once; a replay and an in-batch repeat are duplicates; another body is a conflict; the rollup equals GROUP BY`, async () => {
    const db = await freshDb(engine);
    try {
      const till = await addTill(db);
      const batch = [pay(1, 1, 1250), pay(2, 2, 500), pay(3, 3, 700, '2025-03-12')];
      const first = await ingestBatch(db, till, batch);
      assert.equal(first.map((a) => a.status), ['stored', 'stored', 'stored']);
      const again = await ingestBatch(db, till, [...batch, pay(2, 2, 500)]);
      assert.equal(again.map((a) => a.status), ['duplicate', 'duplicate', 'duplicate', 'duplicate']);
      const repeat = await ingestBatch(db, till, [pay(4, 4, 100), pay(4, 4, 100)]);
      assert.equal(repeat.map((a) => a.status), ['stored', 'duplicate']);
      const other = await ingestBatch(db, till, [pay(2, 2, 999)]);
      assert.is(other[0].status, 'conflict');
      const rejected = await ingestBatch(db, till, [pay(5, 5, -3), { seq: 6, key: 'x', kind: 'payment', body: '{}' }]);
      assert.equal(rejected.map((a) => a.status), ['rejected', 'rejected']);
      assert.match(rejected[0].reason!, /body.amount/);
      const posts = await db.query<{ n: number; s: number }>('SELECT count(*)::bigint AS n, sum(amount_ore)::bigint AS s FROM post');
      assert.equal(posts.rows[0], { n: 4, s: 2550 });
      const roll = await db.query('SELECT business_day, kind, n, sum_ore FROM day_total ORDER BY business_day');
      const fresh = await db.query('SELECT business_day, kind, count(*)::bigint AS n, sum(amount_ore)::bigint AS sum_ore FROM post GROUP BY 1, 2 ORDER BY 1');
      assert.equal(roll.rows, fresh.rows);
      assert.equal(roll.rows.map((r) => r.sum_ore), [1850, 700]);
      const kept = await db.query<{ amount: number }>("SELECT (payload->>'amount')::bigint AS amount FROM post WHERE post_key = $1", [`pay:${ers(2)}`]);
      assert.is(kept.rows[0].amount, 500);
      assert.is((await db.query('SELECT * FROM post_conflict')).rows.length, 1);
    } finally {
      await db.close();
    }
  });

  test(`${engine}: a seq gap shows and closes when the missing post arrives`, async () => {
    const db = await freshDb(engine);
    try {
      const till = await addTill(db);
      await ingestBatch(db, till, [pay(1, 1, 100), pay(2, 2, 100), pay(4, 4, 100), pay(6, 6, 100)]);
      assert.equal(await seqGaps(db, till), [3, 5]);
      await ingestBatch(db, till, [pay(3, 3, 100), pay(5, 5, 100)], { backlog: 0 });
      assert.equal(await seqGaps(db, till), []);
      const t = await db.query<{ contiguous_seq: number }>('SELECT contiguous_seq FROM till WHERE id = $1', [till]);
      assert.is(t.rows[0].contiguous_seq, 6);
    } finally {
      await db.close();
    }
  });

  test(`${engine}: the reseller password is stored sealed and opens only with the key`, async () => {
    const db = await freshDb(engine);
    try {
      const box = secretBox(randomBytes(32));
      await setReseller(db, box, { resellerId: 'shop1', userId: '9900', password: 'very-secret-pw' });
      const raw = JSON.stringify((await db.query('SELECT * FROM reseller')).rows);
      assert.not.ok(raw.includes('very-secret-pw'));
      const p = await resellerPrincipal(db, box);
      assert.equal(p, { type: 'RESELLERUSER', resellerId: 'shop1', userId: '9900', password: 'very-secret-pw' });
      await rejects(() => resellerPrincipal(db, secretBox(randomBytes(32))), /wrong key/);
    } finally {
      await db.close();
    }
  });
}

test.after(() => stopCluster());
test.run();
