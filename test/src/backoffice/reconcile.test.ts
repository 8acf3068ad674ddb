// Shop-level reconciliation against the simulator with planted differences (issue 14 item 5):
// real payments at two terminals, a ledger with one matched post, one of another amount, one
// under another cashier, one missing, one Glase does not know (old) and one just before the
// mark (cutoff); REPORT_NOT_READY is retried. Each difference gets its class, stays open until
// acknowledged, and a missing post that arrives later resolves itself.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { createGlaseClient, type GlaseClient } from '../../../src/glase/client.js';
import { secretBox } from '../../../src/backoffice/secret-box.js';
import { setReseller } from '../../../src/backoffice/reseller.js';
import { ingestBatch, type IncomingPost } from '../../../src/backoffice/ingest.js';
import { acknowledge, listDifferences, listPeriods, reconcileShop } from '../../../src/backoffice/reconcile-shop.js';
import type { Db } from '../../../src/backoffice/db.js';
import { freshDb, stopCluster } from './_engines.js';

const RESELLER = { resellerId: 'shop1', userId: '9900', password: 'shop-secret-pw' };
const reseller = { type: 'RESELLERUSER' as const, ...RESELLER };
let sim: Simulator;
let glase: GlaseClient;
let db: Db;
const box = secretBox(randomBytes(32));
const tills: Array<{ id: number; terminalId: string; password: string; glaseId: string }> = [];
const notReady: number[] = [];

async function pay(t: (typeof tills)[number], amount: number, cashierId: string): Promise<string> {
  const p = { type: 'TERMINALID' as const, terminalId: t.terminalId, password: t.password };
  const inv = await glase.sendInvoice(p, { totalAmount: { currency: 'SEK', minor: amount }, cashierId, title: 'test', clientInvoiceId: `c${amount}`, paymentMode: 'IMMEDIATE_DEBIT', acknowledgmentMode: 'NO_ACKNOWLEDGMENT' });
  assert.ok(inv.ok);
  const res = await fetch(`${sim.url}/simulator/customer/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ glaseId: t.glaseId }) });
  assert.is(res.status, 200, await res.clone().text());
  const st = await glase.getPaymentStatus(p, inv.ok ? inv.invoiceReference : '', 0);
  assert.ok(st.ok && st.status === 'PAID');
  return st.ok ? st.ersReference! : '';
}

const post = (seq: number, ers: string, amount: number, cashierId: string, timestamp: string): IncomingPost => ({
  seq, key: `pay:${ers}`, kind: 'payment', body: JSON.stringify({ ersReference: ers, amount, currency: 'SEK', businessDay: timestamp.slice(0, 10), cashierId, timestamp }),
});

test.before(async () => {
  sim = await startSimulator({ port: 0, reportDelayMs: 1_500, reversalMs: 600_000 });
  await fetch(`${sim.url}/simulator/resellers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(RESELLER) });
  const raw = await createGlaseClient({ endpoint: sim.soapUrl });
  // count REPORT_NOT_READY answers: the retry is part of what is tested
  glase = Object.assign(Object.create(raw), {
    executeReport: async (...a: Parameters<GlaseClient['executeReport']>) => {
      const r = await raw.executeReport(...a);
      if (!r.ok && r.code === 2) notReady.push(Date.now());
      return r;
    },
  }) as GlaseClient;
  db = await freshDb('pglite');
  await setReseller(db, box, RESELLER);
  for (const n of [1, 2]) {
    const password = `terminal-pw-${n}-xyz`;
    const r = await raw.registerTerminal(reseller, { externalTerminalId: `till-${n}`, password, name: `Till ${n}` });
    assert.ok(r.ok);
    const terminalId = r.ok ? r.terminalId : '';
    assert.ok((await raw.assignSeqrId({ type: 'TERMINALID', terminalId, password }, `RECON${n}`)).ok);
    const t = await db.query<{ id: number }>("INSERT INTO till (name, external_id, terminal_id, terminal_password_enc, token_sha) VALUES ($1, $1, $2, 'x', md5($1)) RETURNING id", [`Till ${n}`, terminalId]);
    tills.push({ id: t.rows[0].id, terminalId, password, glaseId: `RECON${n}` });
  }
});

test.after(async () => {
  await glase?.close();
  await sim?.close();
  await db?.close();
  await stopCluster();
});

test('planted differences get their class; REPORT_NOT_READY is retried; acknowledged ones stay acknowledged; a late post resolves', async () => {
  const [a, b] = tills;
  const matched = await pay(a, 10000, 'anna');
  const otherAmount = await pay(a, 2500, 'anna');
  const otherCashier = await pay(b, 4200, 'bo');
  const missing = await pay(b, 990, 'bo');
  const now = new Date().toISOString();
  await ingestBatch(db, a.id, [post(1, matched, 10000, 'anna', now), post(2, otherAmount, 2600, 'anna', now)]);
  await ingestBatch(db, b.id, [post(1, otherCashier, 4200, 'carl', now), post(3, '2025031100000000000000077', 500, 'bo', '2025-03-11T10:00:00.000Z')]);
  // paid at Glase after the mark would be the next period's; recorded just before the mark: cutoff
  await ingestBatch(db, a.id, [post(3, '2025031100000000000000088', 700, 'anna', new Date(Date.now() - 5_000).toISOString())]);

  const r = await reconcileShop({ db, box, glase, by: 'owner', waits: { firstMs: 0, retryMs: 500, attempts: 20 } });
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  assert.ok(notReady.length >= 1, 'the report was not ready at first and was asked again');
  const diffs = await listDifferences(db, r.periodId);
  const byClass = Object.fromEntries(diffs.map((d) => [d.ersReference, d.class]));
  assert.equal(byClass, {
    [otherAmount]: 'amount_mismatch',
    [otherCashier]: 'attribution',
    [missing]: 'missing_in_ledger',
    '2025031100000000000000077': 'missing_at_glase',
    '2025031100000000000000088': 'cutoff',
  });
  const amountDiff = diffs.find((d) => d.class === 'amount_mismatch')!;
  assert.equal([amountDiff.ledgerOre, amountDiff.glaseOre], [2600, 2500]);
  assert.ok(diffs.every((d) => d.state === 'open' && d.reason.length > 0));
  assert.is(r.matched, 3);

  // the owner acknowledges one; the missing post then arrives and the next run resolves it
  assert.is(await acknowledge(db, amountDiff.id, 'owner', 'price typo, refunded'), r.periodId);
  await ingestBatch(db, b.id, [post(2, missing, 990, 'bo', now)]);
  const r2 = await reconcileShop({ db, box, glase, by: 'owner', waits: { firstMs: 0, retryMs: 500, attempts: 20 } });
  assert.ok(r2.ok);
  const after = await listDifferences(db, r.periodId);
  assert.is(after.find((d) => d.id === amountDiff.id)!.state, 'acknowledged');
  assert.is(after.find((d) => d.class === 'missing_in_ledger')!.state, 'auto_resolved');
  const periods = await listPeriods(db);
  assert.is(periods.length, 2);
  assert.is(periods.find((p) => p.periodId === r.periodId)!.open, 3);
});

test.run();
