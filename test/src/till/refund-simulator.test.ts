// Refunds end to end against the real simulator over loopback SOAP with the real client:
// a refund whose reply is lost after the server applied it, and one whose request the server
// never applied; the unknown-refund check reads the simulator's own STD_RECON_007 report
// (REPORT_NOT_READY first) and settles each. At the simulator each refund exists exactly once.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { createGlaseClient, type GlaseClient } from '../../../src/glase/client.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { createTill, type Till } from '../../../src/till/till.js';
import { tempDir } from '../../fakes/till-harness.js';
import { simControl, until, closeSimTill, payAtSimulator, onceEach } from '../../fakes/sim-till.js';

const t = suite('refunds against the simulator');
const LOGIN = { resellerId: 'shop-8', userId: '9900', password: 'reseller-pw' };
let sim: Simulator;
let client: GlaseClient;
let store: Store;
let till: Till;
let dir: string;
let paid = { ersReference: '', invoiceReference: '' };

const control = (method: string, path: string, body?: unknown) => simControl(sim, method, path, body);
const atServer = async (): Promise<Array<{ ersReference: string; amountMinor: number }>> => (await control('GET', `/simulator/invoices/${paid.invoiceReference}`)).refunds;


t.before(async () => {
  // reports are "not ready" for 300 ms after a mark: the check must retry
  sim = await startSimulator({ port: 0, reportDelayMs: 300 });
  await control('POST', '/simulator/resellers', LOGIN);
  client = await createGlaseClient({ endpoint: sim.soapUrl, timeoutMs: 3_000 });
  dir = tempDir();
  store = openStore(dir);
  till = createTill({ store, glase: client, config: { payment: { pollIntervalMs: 200, windowMs: 2_000 } }, reportWaits: { firstMs: 100, retryMs: 100, attempts: 10 }, probeIntervalMs: 200 });
  await till.start();
  assert.ok((await till.register(LOGIN)).ok);
  assert.ok((await till.assignGlaseId('GLASE88')).ok);
  const v = await payAtSimulator(till, sim, 'GLASE88', 1250);
  paid = { ersReference: v.ersReference!, invoiceReference: v.invoiceReference! };
});

t.after(() => closeSimTill({ till, store, client, sim, dir }));

async function reachable(): Promise<void> {
  // a lost reply makes Glase look unreachable until the next probe answers
  await until(() => {
    const r = till.startRefund({ ersReference: paid.ersReference, amount: 0 }, { by: 'test' });
    return !r.ok && r.rule === 'amount-positive';
  });
}

// The cases build on each other (the server's refunds add up, the refundable rest goes down). So
// each can run alone, a case first runs the steps before it that have not run yet.
const step = onceEach();
const plainRefund = () => step('plain', async () => {
  const r = till.startRefund({ ersReference: paid.ersReference, amount: 100, reason: 'test' }, { by: 'cli' });
  assert.ok(r.ok, r.ok ? '' : r.message);
  const v = await till.waitForRefund(r.ok ? r.refundId : '');
  assert.is(v.outcome, 'completed', v.message);
  assert.equal((await atServer()).map((x) => [x.ersReference, x.amountMinor]), [[v.refundErsReference, 100]]);
  assert.is(v.receiptSubmitted, true, 'the simulator took the refund\'s receipt');
});
const lostReply = () => step('lost', async () => {
  await plainRefund();
  await control('POST', '/simulator/faults', { operation: 'refundPayment', delayMs: 4_500, times: 1 });
  const r = till.startRefund({ ersReference: paid.ersReference, amount: 400, reason: 'lost reply' }, { by: 'admin@kiosk' });
  assert.ok(r.ok);
  const id = r.ok ? r.refundId : '';
  await until(() => till.refund(id)?.state === 'unknown');
  // the server applies it after the client gave up
  for (let i = 0; i < 100 && (await atServer()).length < 2; i++) await new Promise((res) => setTimeout(res, 100));
  assert.is((await atServer()).length, 2, 'the server did refund');
  await reachable();
  const c = await till.checkUnknownRefunds(LOGIN, 'admin@kiosk');
  assert.equal([c.ok, c.complete, c.applied.length, c.notApplied], [true, true, 1, []], c.message);
  const v = await till.waitForRefund(id);
  assert.equal([v.outcome, v.settledBy], ['completed', 'report']);
  const server = await atServer();
  assert.is(server.length, 2, 'still exactly one refund of 4.00 at the server');
  assert.is(server.find((x) => x.amountMinor === 400)!.ersReference, v.refundErsReference);
  assert.is(store.posts.all().filter((p) => p.ersReference === v.refundErsReference).length, 1);
  assert.is(till.paymentRefunds(paid.ersReference).refundable, 750);
});
const dropped = () => step('dropped', async () => {
  await lostReply();
  await control('POST', '/simulator/faults', { operation: 'refundPayment', drop: true, times: 1 });
  const r = till.startRefund({ ersReference: paid.ersReference, amount: 250 }, { by: 'admin@kiosk' });
  assert.ok(r.ok);
  const id = r.ok ? r.refundId : '';
  await until(() => till.refund(id)?.state === 'unknown');
  assert.is((await atServer()).length, 2, 'the server refunded nothing');
  await reachable();
  const c = await till.checkUnknownRefunds(LOGIN, 'admin@kiosk');
  assert.equal([c.complete, c.notApplied, c.applied], [true, [id], []], c.message);
  assert.is(c.periods.length, 1, 'the first check\'s period ended before this refund was created');
  const again = till.resendRefund(id, 'admin@kiosk');
  assert.ok(again.ok, again.ok ? '' : again.message);
  const v = await till.waitForRefund(again.ok ? again.refundId : '');
  assert.is(v.outcome, 'completed');
  const server = await atServer();
  assert.equal(server.filter((x) => x.amountMinor === 250).map((x) => x.ersReference), [v.refundErsReference], 'refunded exactly once');
  assert.is(till.paymentRefunds(paid.ersReference).refundable, 500);
});

t('a plain refund: booked with the simulator\'s new reference', plainRefund);
t('the reply is lost after the server refunded: unknown; the check finds it in STD_RECON_007 and books it once', lostReply);
t('the request is dropped before the server applied it: unknown; the complete report shows nothing; resent once', dropped);
t('the server\'s 98 for a refund above what is left (the till\'s own count agrees)', async () => {
  await dropped();
  const local = till.startRefund({ ersReference: paid.ersReference, amount: 501 }, { by: 'cli' });
  assert.is(local.ok ? '' : local.rule, 'refundable');
});

t.run();
