import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { acknowledgeStatus, applyReversal, cancel, commit, customerPay, customerScan, newInvoice, refundCheck, supersede } from '../../../src/simulator/ledger.js';
import { MAX_MAJOR, validateInvoice } from '../../../src/simulator/invoice-validate.js';
import type { Reseller, SimInvoiceData } from '../../../src/simulator/model.js';
import { scryptHash } from '../../../src/lib/scrypt-hash.js';

// The pure rules, without HTTP: time is a number passed in.
const t = suite('simulator ledger (pure rules)');
const data: SimInvoiceData = { acknowledgmentMode: 'NO_ACKNOWLEDGMENT', invoiceRows: [], totalAmount: { currency: 'SEK', minor: 1000 } };
const reseller: Reseller = { id: 'r', userId: '9900', passwordHash: scryptHash('p'), currency: 'SEK', name: 'R', blocked: false, refundsAllowed: true, payerRefundsAllowed: true };
const T0 = 1_000_000;

t('pay → PAID with the payment; reversal exactly at paidAt + reversalMs unless acknowledged', () => {
  const inv = newInvoice('1', 'term', 'r', data, T0);
  const paid = customerPay(inv, 'E1', 'payer', T0 + 10).invoice!;
  assert.is(paid.status, 'PAID');
  assert.is(paid.version, 1);
  assert.is(applyReversal(paid, T0 + 10 + 19_999, 20_000), undefined);
  const rev = applyReversal(paid, T0 + 10 + 20_000, 20_000)!;
  assert.is(rev.status, 'CANCELED');
  assert.is(rev.version, 2);
  assert.is(rev.payment!.reversedAt, T0 + 10 + 20_000);
  const acked = acknowledgeStatus(paid, T0 + 5000)!;
  assert.is(acked.version, 1); // acknowledging is not a status change
  assert.is(applyReversal(acked, T0 + 999_999, 20_000), undefined);
  assert.is(acknowledgeStatus(acked, T0 + 6000), undefined);
});

t('cancel codes and the paying state', () => {
  const inv = newInvoice('1', 'term', 'r', data, T0);
  const scanned = customerScan(inv).invoice!;
  assert.is(scanned.paying, true);
  assert.is(cancel(scanned).code, 51);
  const c = cancel(inv);
  assert.is(c.code, 0);
  assert.is(cancel(c.invoice!).code, 95);
  assert.is(cancel(customerPay(inv, 'E', 'p', T0).invoice!).code, 50);
  assert.is(supersede(c.invoice!, 'new-invoice'), undefined);
  assert.is(supersede(inv, 'new-invoice')!.cancelledBy, 'new-invoice');
});

t('reservation commit: ≤ reserved, 96 otherwise, acknowledged at once', () => {
  const inv = newInvoice('1', 'term', 'r', { ...data, paymentMode: 'RESERVATION_DESIRED' }, T0);
  const res = customerPay(inv, 'E', 'p', T0).invoice!;
  assert.is(res.status, 'RESERVED');
  assert.is(commit(res, 1001, 'E2', 'p', T0).code, 11);
  const done = commit(res, 800, 'E2', 'p', T0).invoice!;
  assert.is(done.payment!.amountMinor, 800);
  assert.ok(done.payment!.acknowledgedAt !== undefined);
  assert.is(commit(done, undefined, 'E3', 'p', T0).code, 96);
});

t('refund checks: 23, 97, 99, 11, 98 in that order', () => {
  const paid = customerPay(newInvoice('1', 'term', 'r', data, T0), 'E1', 'p', T0).invoice!;
  assert.is(refundCheck(undefined, reseller, [], 100).code, 23);
  assert.is(refundCheck(paid, { ...reseller, refundsAllowed: false, payerRefundsAllowed: false }, [], 100).code, 97);
  assert.is(refundCheck(paid, { ...reseller, payerRefundsAllowed: false }, [], 100).code, 99);
  assert.is(refundCheck(paid, reseller, [], 0).code, 11);
  const r = { amountMinor: 600 } as never;
  assert.is(refundCheck(paid, reseller, [r], 400).code, 0);
  assert.is(refundCheck(paid, reseller, [r], 401).code, 98);
  assert.is(refundCheck(applyReversal(paid, T0 + 20_000, 20_000), reseller, [], 1).code, 23);
});

t('validateInvoice keeps amounts as integers and names the problem', () => {
  const v = validateInvoice({ totalAmount: { currency: 'SEK', value: '0.30' }, invoiceRows: { invoiceRow: [{ itemTotalAmount: { currency: 'SEK', value: '0.10' } }, { itemTotalAmount: { currency: 'SEK', value: '0.20' } }] } }, 'SEK');
  assert.ok(v.ok);
  if (v.ok) assert.equal(v.data.invoiceRows.map((r) => r.itemTotalAmount.minor), [10, 20]); // 0.1 + 0.2 is exact here
  const bad = validateInvoice({ totalAmount: { currency: 'SEK', value: '1.00' }, invoiceRows: { invoiceRow: [{ itemQuantity: '1' }] } }, 'SEK');
  assert.equal(bad, { ok: false, code: 49, why: 'invoiceRows[0].itemTotalAmount is missing' });
});

t('validateInvoice: the largest amount is MAX_MAJOR in major units whatever the currency exponent', () => {
  const inv = (value: string, currency: string) => validateInvoice({ totalAmount: { currency, value } }, currency);
  assert.ok(inv(`${MAX_MAJOR}.00`, 'SEK').ok);
  assert.is((inv(`${MAX_MAJOR}.01`, 'SEK') as { code: number }).code, 11);
  assert.ok(inv(`${MAX_MAJOR}`, 'JPY').ok);
  assert.is((inv(`${MAX_MAJOR + 1}`, 'JPY') as { code: number }).code, 11);
});

t('validateInvoice: rows beyond the largest amount are 49, and the sum is exact', () => {
  const inv = (total: string, rows: string[]) => validateInvoice({ totalAmount: { currency: 'SEK', value: total }, invoiceRows: { invoiceRow: rows.map((value) => ({ itemTotalAmount: { currency: 'SEK', value } })) } }, 'SEK');
  const M = '90071992547409.91'; // 2^53-1 minor units
  assert.equal(inv('0.01', [M, M, '0.03', `-${M}`, `-${M}`]), { ok: false, code: 49, why: 'invoiceRows[0].itemTotalAmount is beyond the largest amount (1000000 SEK)' });
  assert.is((inv('0.03', ['0.01', `-${M}`]) as { code: number }).code, 49, 'the negative side too');
  assert.ok(inv('0.03', [`${MAX_MAJOR}.00`, '0.03', `-${MAX_MAJOR}.00`]).ok);
});

t.run();
