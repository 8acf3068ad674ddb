// Crash recovery: a payment persisted mid-flight is resumed from its snapshot by a new till
// over the reopened store; its polling restarts at once, and PAID is recorded exactly once.
import { rmSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ok } from '../../fakes/fake-glase.js';
import { FakeGlase, InvoiceModel } from '../../fakes/fake-glase.js';
import { makeTill, tempDir, wireInvoice, type Harness } from '../../fakes/till-harness.js';

const t = suite('till recovery');
let dir: string;
t.before.each(() => {
  dir = tempDir();
});
t.after.each(() => rmSync(dir, { recursive: true, force: true }));

/** a second till over the same data dir, as after a restart, sharing the server model */
async function restart(prev: Harness, invoice: InvoiceModel, wire = true): Promise<Harness> {
  await prev.till.stop();
  prev.store.close();
  const h = await makeTill({ dir, start: false });
  h.invoice.status = invoice.status;
  h.invoice.version = invoice.version;
  if (wire) {
    h.glase.on('getPaymentStatus', () => invoice.answer());
    h.glase.on('submitPaymentReceipt', () => ok());
  }
  return h;
}

const recordedRows = (h: Harness, id: string) => h.store.journal.forPayment(id).filter((e) => e.state === 'recorded').length;

t('killed while waiting; the customer pays while the till is down: resumed, polls at once, recorded once, marked recovered', async () => {
  const a = await makeTill({ dir });
  wireInvoice(a, 'REF-R');
  const r = a.till.startPayment({ amount: 4200, cashierId: 'bo' });
  assert.ok(r.ok);
  const id = r.ok ? r.paymentId : '';
  await a.advance(3_000);
  assert.is(a.store.payments.unfinished().length, 1);
  a.invoice.set('PAID'); // paid at the "kill"
  const b = await restart(a, a.invoice);
  const { resumed } = await b.till.start();
  assert.equal(resumed, [id]);
  // the first resumed poll went out before any clock time passed
  assert.ok(b.glase.count('getPaymentStatus') >= 1, 'polling resumed within 1 s');
  assert.equal(b.glase.callsOf('getPaymentStatus')[0][1], 'REF-R');
  await b.advance(1_000);
  const v = b.till.payment(id)!;
  assert.is(v.outcome, 'completed');
  assert.ok(v.recovered);
  assert.is(b.glase.count('sendInvoice'), 0, 'never resent');
  const posts = b.store.posts.all();
  assert.is(posts.length, 1);
  assert.is(posts[0].recovered, true);
  assert.is(recordedRows(b, id), 1);
  assert.is(b.store.printQueue.byErsReference(posts[0].ersReference).length, 1);
  assert.equal(b.glase.unexpected, []);
  await b.close();
});

t('killed in the question: resumed to polling; still unpaid → a fresh window, then paid', async () => {
  const a = await makeTill({ dir });
  wireInvoice(a);
  const r = a.till.startPayment({ amount: 100 });
  const id = r.ok ? r.paymentId : '';
  await a.advance(31_000);
  assert.is(a.till.currentPayment()!.state, 'live.question');
  const b = await restart(a, a.invoice);
  await b.till.start();
  await b.advance(2_000);
  assert.is(b.till.currentPayment()!.state, 'live.window');
  const polls = b.glase.count('getPaymentStatus');
  assert.ok(polls >= 2, `polling: ${polls}`);
  a.invoice.set('PAID');
  await b.advance(1_000);
  assert.is(b.till.payment(id)!.outcome, 'completed');
  await b.close();
});

t('killed right after the record committed but before the next snapshot: not recorded or queued twice', async () => {
  const a = await makeTill({ dir });
  wireInvoice(a);
  let atRecording: unknown;
  a.till.subscribe((e) => {
    if (e.type === 'payment' && e.payment.state === 'paid.recording') atRecording = a.store.payments.get(e.payment.paymentId)!.snapshot;
  });
  const r = a.till.startPayment({ amount: 100 });
  const id = r.ok ? r.paymentId : '';
  await a.advance(1_500);
  a.invoice.set('PAID');
  await a.advance(1_000);
  assert.is(a.till.payment(id)!.outcome, 'completed');
  assert.ok(atRecording, 'saw the recording snapshot');
  // the last snapshot write "did not happen": the row still says paid.recording
  a.store.payments.save(id, 'paid.recording', atRecording, false, new Date().toISOString());
  const b = await restart(a, a.invoice);
  const { resumed } = await b.till.start();
  assert.equal(resumed, [id]);
  await b.advance(500);
  assert.is(b.till.payment(id)!.outcome, 'completed');
  assert.is(b.store.posts.all().length, 1);
  assert.is(recordedRows(b, id), 1);
  assert.is(b.store.printQueue.pending().length, 1);
  assert.is(b.glase.count('getPaymentStatus'), 0, 'a paid payment is not polled again');
  await b.close();
});

t('killed while sending (no invoiceReference yet): journaled as an orphan, never resent', async () => {
  const glase = new FakeGlase();
  glase.on('sendInvoice', () => new Promise(() => {})); // the reply never comes before the kill
  const a = await makeTill({ dir, glase });
  const r = a.till.startPayment({ amount: 100 });
  const id = r.ok ? r.paymentId : '';
  await a.advance(100);
  const b = await restart(a, a.invoice, false);
  await b.till.start();
  await b.advance(100);
  assert.is(b.till.payment(id)!.outcome, 'orphaned');
  assert.ok(b.till.orphan());
  assert.is(b.glase.count('sendInvoice'), 0);
  assert.equal(b.store.journal.forPayment(id).map((e) => e.state), ['created', 'sending', 'orphaned']);
  await b.close();
});

t('finished payments are not resumed', async () => {
  const a = await makeTill({ dir });
  wireInvoice(a);
  a.glase.on('cancelInvoice', () => ok());
  a.till.startPayment({ amount: 100 });
  await a.advance(1_500);
  a.till.cancel();
  await a.advance(100);
  const b = await restart(a, a.invoice, false);
  const { resumed } = await b.till.start();
  assert.equal(resumed, []);
  await b.close();
});

t.run();
