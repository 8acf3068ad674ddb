// Readiness learns that Glase no longer knows the till (result code 29) at start, from one
// cheap authenticated call (getPaymentStatus of an invoice that does not exist: 54 when Glase
// knows the till, 29 when it does not), instead of saying "ready" until a payment fails
// (issue 9 leftover). Later 29s (a payment, unregister) make it not ready too.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FakeGlase, fail } from '../../fakes/fake-glase.js';
import { makeTill, type Harness } from '../../fakes/till-harness.js';

const t = suite('readiness: a till Glase no longer knows');
let h: Harness;
t.after.each(async () => {
  assert.equal(h.glase.unexpected, []);
  await h.close();
});

t('29 at start: not ready, saying what to do; the set-up view offers forgetting', async () => {
  const glase = new FakeGlase();
  glase.on('getPaymentStatus', () => fail(29, 'INVALID_INITIATOR_PRINCIPAL_ID'));
  h = await makeTill({ glase, till: { checkTerminalAtStart: true } });
  const [principal, ref] = h.glase.callsOf('getPaymentStatus')[0] as [{ type: string }, string];
  assert.equal([principal.type, ref], ['TERMINALID', '00000000000000000']);
  const r = h.till.readiness();
  assert.is(r.ready, false);
  assert.equal(r.reasons.map((x) => x.code), ['unknown-at-glase']);
  assert.is(r.reasons[0]!.message, 'Glase no longer knows this till; forget its registration and register it again (admin menu)');
  assert.is(h.till.setup().unknownAtGlase?.op, 'getPaymentStatus');
});

t('54 at start (Glase knows the till, not the made-up invoice): ready', async () => {
  const glase = new FakeGlase();
  glase.on('getPaymentStatus', () => fail(54, 'INVALID_INVOICE_REFERENCE'));
  h = await makeTill({ glase, till: { checkTerminalAtStart: true } });
  assert.is(h.glase.count('getPaymentStatus'), 1);
  assert.is(h.till.readiness().ready, true);
});

t('a 29 later (a payment) makes readiness say so too', async () => {
  h = await makeTill();
  assert.is(h.till.readiness().ready, true);
  h.glase.on('sendInvoice', () => fail(29, 'INVALID_INITIATOR_PRINCIPAL_ID'));
  h.till.startPayment({ amount: 100 });
  await h.advance(100);
  assert.equal(h.till.readiness().reasons.map((x) => x.code), ['unknown-at-glase']);
});

t.run();
