// Set-up and checks of the refund crash tests. The till is registered and paid in this test
// process (the real till runtime and client over the data dir, then closed), so that the real
// `glase-pos refund` processes killed by the tests start from a till with a payment to refund.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { createGlaseClient } from '../../src/glase/client.js';
import { openStore } from '../../src/store/store.js';
import { createTill } from '../../src/till/index.js';
import type { Simulator } from '../../src/simulator/index.js';
import { RESELLER, control, newTill, runCli, type CliResult } from '../src/commands/_cli.js';

export interface RefundTill {
  env: NodeJS.ProcessEnv;
  dir: string;
  dataDir: string;
  /** the payment to refund (100.00 SEK) and its invoice at the simulator */
  ers: string;
  invoiceReference: string;
}

export async function paidTill(sim: Simulator, glaseId: string, env: Record<string, string> = {}): Promise<RefundTill> {
  const { dir, env: e } = newTill(sim, env);
  const dataDir = join(dir, 'data');
  const store = openStore(dataDir);
  const client = await createGlaseClient({ endpoint: sim.soapUrl, timeoutMs: 5_000 });
  const till = createTill({ store, glase: client, config: { payment: { pollIntervalMs: 200 } } });
  try {
    await till.start();
    assert.ok((await till.register(RESELLER)).ok);
    assert.ok((await till.assignGlaseId(glaseId)).ok);
    const p = till.startPayment({ amount: 100_00, cashierId: 'eve' });
    if (!p.ok) throw new Error(p.message);
    for (let i = 0; i < 200 && till.payment(p.paymentId)?.state !== 'live.window'; i++) await new Promise((r) => setTimeout(r, 25));
    assert.is((await control(sim, 'POST', '/simulator/customer/pay', { glaseId })).status, 200);
    const v = await till.waitForPayment(p.paymentId);
    assert.is(v.outcome, 'completed');
    return { env: e, dir, dataDir, ers: v.ersReference!, invoiceReference: v.invoiceReference! };
  } finally {
    await till.stop();
    await client.close();
    store.close();
  }
}

/** the refunds of the payment at the simulator, of one amount */
export async function serverRefunds(sim: Simulator, t: RefundTill, amountMinor: number): Promise<string[]> {
  const inv = (await control(sim, 'GET', `/simulator/invoices/${t.invoiceReference}`)).json;
  return inv.refunds.filter((r: { amountMinor: number }) => r.amountMinor === amountMinor).map((r: { ersReference: string }) => r.ersReference);
}

export const lines = (out: string): any[] => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));

/** `glase-pos refund <ers> --amount A --json`, optionally killed at a step */
export function refundArgs(t: RefundTill, amount: string): string[] {
  return ['refund', t.ers, '--amount', amount, '--reason', 'crash test', '--json'];
}

/** The restart for a refund in doubt: the check reads the simulator's report. */
export async function checkUnknown(t: RefundTill): Promise<any> {
  const r: CliResult = await runCli(['refund', '--check-unknown', '--reseller', RESELLER.resellerId, '--user', RESELLER.userId, '--json'], t.env, RESELLER.password + '\n');
  assert.is(r.code, 0, `check: ${r.stderr}\n${r.stdout}`);
  return lines(r.stdout).at(-1);
}

/**
 * Exactly once: at the simulator one refund of this amount; in the till one completed refund
 * of it, one post, one original receipt in the print queue, one journal "recorded" and
 * "completed", one line in receipts.jsonl, and the refund's receipt submitted to Glase.
 */
export async function assertRefundedOnce(sim: Simulator, t: RefundTill, amountMinor: number, recovered: boolean | undefined): Promise<void> {
  const atServer = await serverRefunds(sim, t, amountMinor);
  assert.is(atServer.length, 1, `one refund of ${amountMinor} at the simulator`);
  const [ref] = atServer;
  const store = openStore(t.dataDir);
  try {
    const mine = store.refunds.recent(100).filter((r) => r.amount === amountMinor);
    const done = mine.filter((r) => r.state === 'completed');
    assert.is(done.length, 1, `one completed refund of ${amountMinor}: ${mine.map((r) => r.state).join(', ')}`);
    assert.is(done[0].refundErsReference, ref, 'booked under the simulator\'s reference');
    const rows = store.refundJournal.forRefund(done[0].refundId);
    assert.is(rows.filter((r) => r.state === 'recorded').length, 1, 'journal: recorded once');
    assert.is(rows.filter((r) => r.state === 'completed').length, 1, 'journal: completed once');
    const posts = store.posts.all().filter((p) => p.ersReference === ref);
    assert.is(posts.length, 1, 'one post');
    assert.equal([posts[0].amount, posts[0].description], [-amountMinor, 'Glase refund']);
    if (recovered !== undefined) assert.is(posts[0].recovered === true, recovered, 'recovered flag');
    assert.is(store.printQueue.byErsReference(ref).filter((j) => !j.copy).length, 1, 'refund receipt queued once');
    assert.is(store.refunds.unfinished().filter((r) => r.state !== 'unknown').length, 0);
  } finally {
    store.close();
  }
  const file = readFileSync(join(t.dataDir, 'receipts.jsonl'), 'utf8').split('\n').filter((l) => l.includes(ref));
  assert.is(file.length, 1, 'receipts.jsonl has it once');
  const receipts = (await control(sim, 'GET', '/simulator/state')).json.receipts.filter((r: { ersReference: string }) => r.ersReference === ref);
  assert.ok(receipts.length >= 1, 'the refund receipt was submitted for the refund\'s reference');
}
