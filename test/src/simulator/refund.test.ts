import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { call, ctl, invoiceXml, paid, registerTerminal, RESELLER, setup, terminal } from './helpers.js';
import type { Simulator } from '../../../src/simulator/index.js';

const t = suite('simulator: refunds and receipts');
let sim: Simulator;
let term: ReturnType<typeof terminal>;
const G = 'REF1';
const refund = (ers: string, total: string, who = term) => call(sim, 'refundPayment', who, `<ersReference>${ers}</ersReference>${invoiceXml({ total })}`);

t.before(async () => {
  ({ sim, term } = await setup({}, G));
});
t.after(async () => sim.close());

t('partial refunds repeat until the sum would exceed the payment (98); each has a new ersReference', async () => {
  const { ers } = await paid(sim, term, G, '10.00');
  const a = await refund(ers, '4.00');
  assert.is(a.resultCode, '0');
  assert.match(a.ersReference, /^\d{25}$/);
  assert.is.not(a.ersReference, ers);
  const b = await refund(ers, '6.00');
  assert.is(b.resultCode, '0');
  assert.is.not(b.ersReference, a.ersReference);
  const c = await refund(ers, '0.01');
  assert.is(c.resultCode, '98');
  assert.is(c.resultDescription, 'SUM_OF_REFUNDS_CAN_NOT_BE_MORE_THAN_ORIGINAL_TRANSACTION');
  const { ers: ers2 } = await paid(sim, term, G, '5.00');
  assert.is((await refund(ers2, '5.01')).resultCode, '98');
  assert.is((await refund(ers2, '0.00')).resultCode, '11');
  assert.is((await refund(ers2, '5.00')).resultCode, '0');
});

t('refund of an unknown or unpaid reference is 23; other reseller\'s payment is 23', async () => {
  assert.is((await refund('1234567890123456789012345', '1.00')).resultCode, '23');
  const open = await call(sim, 'sendInvoice', term, invoiceXml({ total: '3.00' }));
  assert.is((await refund(open.invoiceReference, '1.00')).resultCode, '23');
  const { ers } = await paid(sim, term, G, '3.00');
  await ctl(sim, 'POST', '/simulator/resellers', { resellerId: 'shop2', userId: '9900', password: 'p2' });
  const r = await call(sim, 'registerTerminal', { type: 'RESELLERUSER', id: 'shop2', userId: '9900', password: 'p2' }, '<password>shop2-term</password>');
  assert.is((await refund(ers, '1.00', terminal(r.terminalId, 'shop2-term'))).resultCode, '23');
  // Another terminal of the same reseller may refund it.
  const sibling = await registerTerminal(sim, 'sibling-pass');
  assert.is((await refund(ers, '1.00', sibling)).resultCode, '0');
});

t('per-reseller switches: refunds not allowed 97, payer bank refuses 99', async () => {
  const { ers } = await paid(sim, term, G, '8.00');
  await ctl(sim, 'PATCH', `/simulator/resellers/${RESELLER.resellerId}`, { refundsAllowed: false });
  const r97 = await refund(ers, '1.00');
  assert.is(r97.resultCode, '97');
  assert.is(r97.resultDescription, 'RESELLER_NOT_ALLOWED_TO_DO_REFUND');
  await ctl(sim, 'PATCH', `/simulator/resellers/${RESELLER.resellerId}`, { refundsAllowed: true, payerRefundsAllowed: false });
  assert.is((await refund(ers, '1.00')).resultCode, '99');
  await ctl(sim, 'PATCH', `/simulator/resellers/${RESELLER.resellerId}`, { payerRefundsAllowed: true });
  assert.is((await refund(ers, '1.00')).resultCode, '0');
});

t('refund amount must be in the account currency (49)', async () => {
  const { ers } = await paid(sim, term, G, '8.00');
  assert.is((await call(sim, 'refundPayment', term, `<ersReference>${ers}</ersReference>${invoiceXml({ total: '1.00', currency: 'EUR' })}`)).resultCode, '49');
});

t('submitPaymentReceipt: 0 for a payment or refund of this reseller, 23 otherwise', async () => {
  const { ers } = await paid(sim, term, G, '7.00');
  const doc = '<receiptDocument><mimeType>text/html</mimeType><receiptData>PGI+aGk8L2I+</receiptData><receiptType>PAYMENT_RECEIPT</receiptType></receiptDocument>';
  assert.is((await call(sim, 'submitPaymentReceipt', term, `<ersReference>${ers}</ersReference>${doc}`)).resultCode, '0');
  const rf = await refund(ers, '2.00');
  assert.is((await call(sim, 'submitPaymentReceipt', term, `<ersReference>${rf.ersReference}</ersReference>`)).resultCode, '0');
  const bad = await call(sim, 'submitPaymentReceipt', term, `<ersReference>999</ersReference>${doc}`);
  assert.is(bad.resultCode, '23');
  assert.is(bad.resultDescription, 'INVALID_ERS_REFERENCE');
  const state = await ctl(sim, 'GET', '/simulator/state');
  assert.ok(state.json.receipts.some((r: any) => r.ersReference === ers && r.bytes === 9 && r.receiptType === 'PAYMENT_RECEIPT'));
});

t.run();
