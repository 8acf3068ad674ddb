// Payments through the API with the whole till: POST /api/payments → the customer pays in
// the simulator → SSE shows completed with the ersReference → the printer emulator printed
// it. Cancel, try again after a short window, and paper out refusing a payment.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { VIEW_SCHEMAS } from '../../../src/api/view-schemas.js';
import { client, sse, startTestTill, until, type TestTill } from './_till.js';

const t = suite('payments through the API');
let till: TestTill;
let call: ReturnType<typeof client>;

const customer = async (action: 'pay' | 'decline', glaseId: string) => {
  const r = await fetch(`${till.simulatorUrl}/simulator/customer/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ glaseId }) });
  return r.status;
};

t.before(async () => {
  till = await startTestTill({ payment: { windowMs: 1500, pollIntervalMs: 200 }, scanner: { kind: 'none' } });
  call = client(till.apiUrl);
  await until(async () => (await call('GET', '/api/readiness')).json.ready, 10_000, 'readiness');
});
t.after(async () => till.close());

t('a full payment: 201, events up to completed with the ersReference, the receipt printed once', async () => {
  const events = await sse(till.apiUrl + '/api/events');
  await events.waitFor((e) => e.event === 'readiness');
  const p = await call('POST', '/api/payments', { amount: 1250, rows: [{ description: 'Coffee', amount: 1500 }, { description: 'Discount', amount: -250 }], cashierId: 'anna' });
  assert.is(p.status, 201, JSON.stringify(p.json));
  assert.equal([p.json.amount, p.json.currency, p.json.amountText, p.json.final], [1250, 'SEK', '12.50 SEK', false]);
  for (const k of VIEW_SCHEMAS.PaymentView.required) assert.ok(k in p.json, `PaymentView.${k}`);
  const id = p.json.paymentId;
  const second = await call('POST', '/api/payments', { amount: 100 });
  assert.equal([second.status, second.json.error.rule], [409, 'one-payment']);
  await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.state.startsWith('live'));
  assert.is((await call('GET', '/api/payments/current')).json.paymentId, id);
  assert.is(await customer('pay', till.demo!.glaseId), 200);
  const done = await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.final);
  assert.is(done.data.outcome, 'completed');
  assert.match(done.data.ersReference, /^\d{25}$/);
  const receipt = await events.waitFor((e) => e.event === 'receipt' && e.data.ersReference === done.data.ersReference);
  assert.is(receipt.data.copy, false);
  const docs = await till.printerEmulator!.waitForDocuments(1);
  assert.is(docs.length, 1);
  assert.match(docs[0].text, new RegExp(done.data.ersReference));
  assert.ok(docs[0].barcodes.some((b) => b.data.includes(done.data.ersReference)));
  assert.match(docs[0].text, /12\.50/);
  const view = await call('GET', `/api/payments/${id}`);
  assert.equal([view.json.outcome, view.json.ersReference], ['completed', done.data.ersReference]);
  const svg = await fetch(till.apiUrl + '/api/receipts/last.svg');
  assert.match(svg.headers.get('content-type') ?? '', /svg/);
  assert.match(await svg.text(), /<svg/);
  const lookup = await call('GET', `/api/receipts/${done.data.ersReference}`);
  assert.equal([lookup.status, lookup.json.post.amount, lookup.json.jobs[0].state], [200, 1250, 'printed']);
  assert.is((await call('GET', '/api/payments/current')).status, 404);
  events.close();
  // the payment is final (its print step is over) and the spooler has nothing left: no later copy can come
  await till.spooler!.drained();
  assert.is(till.printerEmulator!.documents.length, 1, 'printed exactly once');
});

t('cancel: 202, then the payment ends cancelled; cancelling again is a 409', async () => {
  const events = await sse(till.apiUrl + '/api/events');
  const p = await call('POST', '/api/payments', { amount: 500 });
  assert.is(p.status, 201, JSON.stringify(p.json));
  const id = p.json.paymentId;
  await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.canCancel);
  const c = await call('POST', `/api/payments/${id}/cancel`);
  assert.is(c.status, 202, JSON.stringify(c.json));
  const done = await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.final);
  assert.is(done.data.outcome, 'cancelled');
  const again = await call('POST', `/api/payments/${id}/cancel`);
  assert.is(again.status, 409);
  assert.is((await call('POST', '/api/payments/nope/cancel')).status, 404);
  events.close();
});

t('try again: the question opens after the window, try-again reopens the window, then the customer pays', async () => {
  const events = await sse(till.apiUrl + '/api/events');
  const p = await call('POST', '/api/payments', { amount: 700 });
  assert.is(p.status, 201, JSON.stringify(p.json));
  const id = p.json.paymentId;
  const early = await call('POST', `/api/payments/${id}/try-again`);
  assert.is(early.status, 409, 'no question before the window ends');
  const q = await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.state === 'live.question', 5000);
  assert.is(q.data.canTryAgain, true);
  const n = events.events.length;
  const r = await call('POST', `/api/payments/${id}/try-again`);
  assert.is(r.status, 200, JSON.stringify(r.json));
  await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.state === 'live.window' && e.data.windows >= 2, 5000, n);
  assert.is(await customer('pay', till.demo!.glaseId), 200);
  const done = await events.waitFor((e) => e.event === 'payment' && e.data.paymentId === id && e.data.final);
  assert.is(done.data.outcome, 'completed');
  events.close();
});

t('paper out: readiness says the printer is not ready and a payment is refused with that reason; paper back makes it ready', async () => {
  const events = await sse(till.apiUrl + '/api/events');
  till.printerEmulator!.setState({ paperOut: true });
  const notReady = await events.waitFor((e) => e.event === 'readiness' && e.data.reasons.some((r: any) => r.code === 'printer-not-ready'), 8000);
  assert.match(notReady.data.reasons.find((r: any) => r.code === 'printer-not-ready').message, /out of paper/);
  const r = await call('GET', '/api/readiness');
  assert.is(r.json.ready, false);
  const st = await call('GET', '/api/status');
  assert.equal([st.json.printer.ready, st.json.printer.reason], [false, 'out of paper']);
  const p = await call('POST', '/api/payments', { amount: 300 });
  assert.is(p.status, 409);
  assert.is(p.json.error.rule, 'printer-ready');
  assert.match(p.json.error.message, /out of paper/);
  till.printerEmulator!.setState({ paperOut: false });
  await events.waitFor((e) => e.event === 'readiness' && e.data.ready === true, 8000, events.events.length);
  events.close();
});

t('paper out after the payment started: the receipt waits in the queue and prints once when paper is back', async () => {
  const before = till.printerEmulator!.documents.length;
  const p = await call('POST', '/api/payments', { amount: 400 });
  assert.is(p.status, 201, JSON.stringify(p.json));
  await until(async () => (await call('GET', `/api/payments/${p.json.paymentId}`)).json.invoiceReference, 5000, 'invoice sent');
  till.printerEmulator!.setState({ paperOut: true });
  assert.is(await customer('pay', till.demo!.glaseId), 200);
  const done = await till.till.waitForPayment(p.json.paymentId);
  assert.is(done.outcome, 'completed');
  await until(() => till.store.printQueue.byErsReference(done.ersReference!)[0]?.attempts >= 1, 8000, 'a failed print attempt');
  assert.is(till.store.printQueue.byErsReference(done.ersReference!)[0].state, 'queued');
  till.printerEmulator!.setState({ paperOut: false });
  const docs = await till.printerEmulator!.waitForDocuments(before + 1, 10_000);
  assert.match(docs[before].text, new RegExp(done.ersReference!));
  // the job is marked printed and the queue is empty: the retry loop has nothing to print again
  await till.spooler!.drained();
  assert.is(till.store.printQueue.byErsReference(done.ersReference!)[0].state, 'printed');
  assert.is(till.printerEmulator!.documents.filter((d) => d.text.includes(done.ersReference!) && !d.interrupted).length, 1, 'printed once');
});

t.run();
