// Day close end to end against the real simulator (loopback SOAP, the real client, its own
// STD_RECON_006/007 with REPORT_NOT_READY first): a clean close matches; then a planted
// difference of each kind through the simulator's control API (reverse a payment, drop one
// from the report, change an amount, change a cashier, a refund whose reply was lost) is found
// with its reason, the close is "needs attention", and an acknowledgement is audited.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { createGlaseClient, type GlaseClient } from '../../../src/glase/client.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { createTill, type Till } from '../../../src/till/till.js';
import { GlaseTransportError } from '../../../src/glase/errors.js';
import { tempDir } from '../../fakes/till-harness.js';
import { simControl, until, closeSimTill, payAtSimulator, onceEach } from '../../fakes/sim-till.js';

const t = suite('day close against the simulator');
const LOGIN = { resellerId: 'shop-12', userId: '9900', password: 'reseller-pw' };
let sim: Simulator;
let client: GlaseClient;
let store: Store;
let till: Till;
let dir: string;
let loseRefundReply = false;

const control = (method: string, path: string, body?: unknown) => simControl(sim, method, path, body);
async function pay(amount: number, cashierId = 'anna'): Promise<string> {
  return (await payAtSimulator(till, sim, 'GLASE12', amount, cashierId)).ersReference!;
}

t.before(async () => {
  sim = await startSimulator({ port: 0, reportDelayMs: 300 });
  await control('POST', '/simulator/resellers', LOGIN);
  const real = await createGlaseClient({ endpoint: sim.soapUrl, timeoutMs: 3_000 });
  client = real;
  // a refund whose reply is lost after the simulator applied it
  const glase = new Proxy(real, {
    get(target, prop, recv) {
      if (prop === 'refundPayment' && loseRefundReply) {
        return async (...a: Parameters<GlaseClient['refundPayment']>) => {
          await target.refundPayment(...a);
          throw new GlaseTransportError('timeout', 'refundPayment', 'unknown', 'reply lost (test)');
        };
      }
      return Reflect.get(target, prop, recv);
    },
  });
  dir = tempDir();
  store = openStore(dir);
  till = createTill({ store, glase, config: { payment: { pollIntervalMs: 200, windowMs: 2_000 }, dayClose: { firstWaitMs: 100, retryWaitMs: 150, reportAttempts: 10 } }, probeIntervalMs: 200 });
  await till.start();
  assert.ok((await till.register(LOGIN)).ok);
  assert.ok((await till.assignGlaseId('GLASE12')).ok);
});

t.after(() => closeSimTill({ till, store, client, sim, dir }));

// The cases share one till and count Z numbers; each can run alone: a case first runs the
// steps it needs that have not run yet.
const step = onceEach();
const cleanDay = () => step('clean day', async () => {
  await pay(1250);
  await pay(300, 'bo');
  const r = await till.closeDay(LOGIN, 'admin@kiosk');
  assert.ok(r.ok, r.ok ? '' : r.message);
  if (!r.ok) return;
  assert.is(r.close.state, 'closed', r.close.message);
  const z = r.z!.report;
  assert.equal([z.zNumber, z.verdict, z.till.net, z.glase.net, z.glaseSummary], [1, 'matched', 1550, 1550, { count: 2, total: 1550 }]);
  assert.equal(z.cashiers.map((c) => [c.cashierId, c.count, c.net]), [['anna', 1, 1250], ['bo', 1, 300]]);
  assert.equal(till.closesNeedingAttention(), []);
});
t('a clean day: the simulator\'s reports (not ready first) agree with the till: Z 1 matched', cleanDay);

t('each planted difference is found with its reason; the close needs attention until acknowledged', async () => {
  await cleanDay();
  const reversed = await pay(100);
  const dropped = await pay(200);
  const changed = await pay(300);
  const otherCashier = await pay(400);
  await control('PATCH', `/simulator/payments/${reversed}`, { reversed: true });
  await control('PATCH', `/simulator/payments/${dropped}`, { dropFromReport: true });
  await control('PATCH', `/simulator/payments/${changed}`, { reportedAmount: 350 });
  await control('PATCH', `/simulator/payments/${otherCashier}`, { reportedCashierId: 'carl' });
  // a refund in doubt: the simulator applied it, the till never heard
  loseRefundReply = true;
  const rf = till.startRefund({ ersReference: otherCashier, amount: 150, reason: 'broken' }, { by: 'admin' });
  assert.ok(rf.ok);
  await until(() => till.refund(rf.ok ? rf.refundId : '')?.state === 'unknown');
  loseRefundReply = false;
  // missing at the till: the simulator has a payment this till never recorded (another till's invoice on the same terminal)
  const r = await till.closeDay(LOGIN, 'admin@kiosk');
  assert.ok(r.ok && r.close.state === 'closed', JSON.stringify(r));
  if (!r.ok) return;
  const z = r.z!.report;
  assert.is(z.zNumber, 2);
  assert.is(z.verdict, 'needs-attention');
  const kinds = z.differences.map((d) => [d.kind, d.ersReference]);
  assert.ok(kinds.some(([k, e]) => k === 'missing-at-glase' && e === reversed), JSON.stringify(kinds));
  assert.ok(kinds.some(([k, e]) => k === 'missing-at-glase' && e === dropped));
  assert.ok(kinds.some(([k, e]) => k === 'amount-differs' && e === changed));
  assert.ok(kinds.some(([k, e]) => k === 'cashier-differs' && e === otherCashier));
  const settled = z.differences.find((d) => d.kind === 'refund-settled');
  assert.ok(settled && settled.attention === false, 'the refund in doubt is settled by the close');
  assert.is(till.refund(rf.ok ? rf.refundId : '')?.outcome, 'completed');
  assert.ok(z.differences.find((d) => d.kind === 'missing-at-glase' && d.ersReference === reversed)!.reason.includes('reversed'));
  assert.equal(till.closesNeedingAttention().map((x) => x.report.zNumber), [2]);
  assert.ok(till.acknowledgeClose(2, 'admin@kiosk', 'checked with Glase'));
  assert.not.ok(till.acknowledgeClose(2, 'admin@kiosk'), 'once');
  assert.equal(till.closesNeedingAttention(), []);
  assert.ok(store.audit.list().some((a) => a.action === 'day-close-acknowledged' && a.detail === 'z=2 note=checked with Glase'));
});

t('missing at the till: Glase has a payment the till never booked', async () => {
  const ers = await pay(500);
  // the till's own post is lost (as if taken by another program on this terminal)
  store.db.prepare('DELETE FROM transaction_posts WHERE ers_reference = ?').run(ers);
  const r = await till.closeDay(LOGIN, 'admin@kiosk');
  assert.ok(r.ok && r.z);
  const d = r.ok ? r.z!.report.differences : [];
  assert.equal(d.map((x) => [x.kind, x.ersReference, x.glaseAmount]), [['missing-at-till', ers, 500]]);
});

t.run();
