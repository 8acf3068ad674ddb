// The till runtime end to end against the real simulator over loopback SOAP with the real
// client (real time, short delays): register, assign, pay from the control API, cancel.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { createGlaseClient, type GlaseClient } from '../../../src/glase/client.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { createTill, type Till } from '../../../src/till/till.js';
import { tempDir } from '../../fakes/till-harness.js';
import { simControl, until, closeSimTill, onceEach } from '../../fakes/sim-till.js';

const t = suite('till against the simulator');
let sim: Simulator;
let client: GlaseClient;
let store: Store;
let till: Till;
let dir: string;

const control = (method: string, path: string, body?: unknown) => simControl(sim, method, path, body);


t.before(async () => {
  sim = await startSimulator({ port: 0 });
  await control('POST', '/simulator/resellers', { resellerId: 'shop-7', userId: '9900', password: 'reseller-pw' });
  client = await createGlaseClient({ endpoint: sim.soapUrl, timeoutMs: 3_000 });
  dir = tempDir();
  store = openStore(dir);
  till = createTill({ store, glase: client, config: { payment: { pollIntervalMs: 200, windowMs: 2_000 } } });
  await till.start();
});

t.after(() => closeSimTill({ till, store, client, sim, dir }));

// The cases share one till; each can run alone: a case first runs the steps it needs that have not run yet.
const step = onceEach();
const registered = () => step('register', async () => {
  const r = await till.register({ resellerId: 'shop-7', userId: '9900', password: 'reseller-pw' });
  assert.ok(r.ok, r.message);
  const a = await till.assignGlaseId('GLASE77');
  assert.ok(a.ok, a.message);
  assert.equal(till.readiness(), { ready: true, reasons: [] });
});
t('register and assign a Glase ID', registered);

t('a payment paid by the customer completes: post, receipt file, print job, receipt at the server, no reversal', async () => {
  await registered();
  const s = till.startPayment({ amount: 1250, cashierId: 'anna' });
  assert.ok(s.ok, s.ok ? '' : s.message);
  const id = s.ok ? s.paymentId : '';
  await until(() => till.payment(id)?.state === 'live.window');
  await control('POST', '/simulator/customer/pay', { glaseId: 'GLASE77' });
  const v = await till.waitForPayment(id);
  assert.is(v.outcome, 'completed', v.message);
  assert.match(v.ersReference ?? '', /^\d{25}$/);
  const posts = store.posts.all();
  assert.is(posts.length, 1);
  assert.is(posts[0].amount, 1250);
  assert.is(store.printQueue.byErsReference(v.ersReference!).length, 1);
  assert.ok(v.receiptSubmitted);
  const state = await control('GET', '/simulator/state');
  assert.equal(state.reversals, []);
  const inv = state.invoices.find((i: { reference?: string; invoiceReference?: string }) => (i.invoiceReference ?? i.reference) === v.invoiceReference);
  assert.ok(inv, 'the simulator has the invoice');
  assert.is(inv.status, 'PAID');
});

t('a payment cancelled by the cashier after the window: the server invoice is cancelled', async () => {
  await registered();
  const s = till.startPayment({ amount: 500 });
  const id = s.ok ? s.paymentId : '';
  await until(() => till.payment(id)?.state === 'live.question', 4_000);
  assert.ok(till.cancel());
  const v = await till.waitForPayment(id);
  assert.is(v.outcome, 'cancelled');
  const inv = await control('GET', `/simulator/invoices/${v.invoiceReference}`);
  assert.is(inv.status, 'CANCELED');
});

t('unregister clears the local credentials', async () => {
  await registered();
  const u = await till.unregister();
  assert.ok(u.ok, u.message);
  assert.is(store.credentials.get(), undefined);
});

t.run();
