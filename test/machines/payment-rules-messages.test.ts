// Start rules (each failure names its rule) and the cashier message table.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startRuleFailure } from '../../machines/payment-rules.js';
import { codeMessage, TRANSIENT_CODES, type GlaseOp } from '../../machines/messages.js';
import { RESULT_CODES } from '../../src/glase/result-codes.js';

const t = suite('payment start rules and messages');
const ready = { registered: true, glaseIdAssigned: true, serverReachable: true, amountLimit: 100_000_000 };
const req = { amount: 1000, currency: 'SEK' };
const rule = (r = req as Parameters<typeof startRuleFailure>[0], c: Parameters<typeof startRuleFailure>[1] = ready) => startRuleFailure(r, c)?.rule;

t('all rules pass for a plain payment', () => {
  assert.is(startRuleFailure(req, ready), undefined);
});

t('raising above what is left: only confirmed, and only up to payment.maxAmount (issue 10 §3)', () => {
  const split = { ...req, amount: 1200, receiptTotal: 1500, alreadyPaid: 500 }; // 10.00 left, Glase 12.00
  const capped = { ...ready, maxAmount: 1200, maxAmountText: '12.00 SEK' };
  assert.is(rule(split, capped), 'split-tender', 'not confirmed');
  assert.match(startRuleFailure(split, capped)!.message, /raising it needs the cashier's confirmation/);
  assert.is(rule({ ...split, confirmRaise: true }, capped), undefined, 'confirmed, at the cap');
  assert.is(rule({ ...split, amount: 1201, confirmRaise: true }, capped), 'max-amount');
  assert.is(startRuleFailure({ ...split, amount: 1201, confirmRaise: true }, capped)!.message, 'the Glase amount may be raised above what is left only up to 12.00 SEK (payment.maxAmount)');
  assert.is(rule({ ...split, amount: 900 }, capped), undefined, 'lower than what is left: the cashier confirmed "Glase goes last" on the screen');
});

t('each failed rule is named, in a fixed order', () => {
  assert.is(rule(req, { ...ready, paymentInProgress: true }), 'one-payment');
  assert.is(rule(req, { ...ready, storageFull: true }), 'storage');
  assert.match(startRuleFailure(req, { ...ready, storageFull: true })!.message, /^the till's storage is full/);
  assert.is(rule(req, { ...ready, storageFull: true, orphanUnconfirmed: true, registered: false }), 'storage', 'nothing can be saved: said before the other rules');
  assert.is(rule(req, { ...ready, orphanUnconfirmed: true }), 'orphan-confirmed');
  assert.is(rule(req, { ...ready, registered: false }), 'registered');
  assert.is(rule(req, { ...ready, glaseIdAssigned: false }), 'glase-id');
  assert.is(rule(req, { ...ready, serverReachable: false }), 'online');
  assert.is(rule(req, { ...ready, printerReady: false, printerReason: 'cover open' }), 'printer-ready');
  assert.match(startRuleFailure(req, { ...ready, printerReady: false, printerReason: 'cover open' })!.message, /cover open/);
  assert.is(rule({ ...req, amount: 12.5 }), 'amount-integer');
  assert.is(rule({ ...req, amount: -1 }), 'amount-positive');
  assert.is(rule({ ...req, currency: 'sek' }), 'currency');
  assert.is(rule({ ...req, receiptTotal: 1500, alreadyPaid: 600 }), 'split-tender');
  assert.is(rule({ ...req, receiptTotal: 1500, alreadyPaid: 500 }), undefined, 'exactly what is left');
  assert.is(rule({ ...req, receiptTotal: 1500, alreadyPaid: -1 }), 'split-tender');
  assert.is(rule({ ...req, rows: [{ itemQuantity: '1', itemTotalAmount: { minor: 1000, currency: 'EUR' } }] }), 'rows');
  assert.is(rule({ ...req, rows: [{ itemQuantity: '1', itemTotalAmount: { minor: 999, currency: 'SEK' } }] }), 'rows-sum');
  assert.is(
    rule({ ...req, rows: [{ itemQuantity: '1', itemTotalAmount: { minor: 1200, currency: 'SEK' } }, { itemQuantity: '1', itemTotalAmount: { minor: -200, currency: 'SEK' } }] }),
    undefined,
    'negative rows balance',
  );
});

t('amounts are bounded by the currency\'s largest amount and rows sum exactly (no float rounding)', () => {
  const row = (minor: number) => ({ itemQuantity: '1', itemTotalAmount: { minor, currency: 'SEK' } });
  const M = Number.MAX_SAFE_INTEGER;
  // the attack: as floats M + M + 3 - M - M is 1, so five absurd rows "balanced" an amount of 1
  const attack = startRuleFailure({ ...req, amount: 1, rows: [M, M, 3, -M, -M].map(row) }, ready);
  assert.is(attack?.rule, 'rows');
  assert.match(attack!.message, /row 1: .*beyond the largest amount \(100000000 minor units/);
  // within the bound the sum is exact: off by one is refused, exact is accepted
  const L = 100_000_000;
  assert.is(rule({ ...req, amount: 1, rows: [L, L, 3, -L, -L - 1].map(row) }), 'rows', 'a row beyond the bound (negative side)');
  assert.is(rule({ ...req, amount: 2, rows: [L, L, 3, -L, -L].map(row) }), 'rows-sum');
  assert.is(rule({ ...req, amount: 3, rows: [L, L, 3, -L, -L].map(row) }), undefined);
  assert.is(rule({ ...req, amount: L }), undefined, 'the largest amount itself');
  assert.is(rule({ ...req, amount: L + 1 }), 'amount-limit');
  assert.match(startRuleFailure({ ...req, amount: L + 1 }, ready)!.message, /largest Glase payment \(100000000 minor units\)/);
  assert.is(rule({ ...req, amount: 5, receiptTotal: M, alreadyPaid: M - 5 }), 'split-tender', 'a receipt total beyond the bound');
});

t('every defined code has a sentence for every operation, never the raw name', () => {
  const ops: GlaseOp[] = ['registerTerminal', 'unregisterTerminal', 'assignSeqrId', 'sendInvoice', 'getPaymentStatus', 'cancelInvoice', 'submitPaymentReceipt'];
  for (const op of ops) {
    for (const [code, name] of Object.entries(RESULT_CODES)) {
      const m = codeMessage(op, Number(code));
      assert.ok(m.length > 3, `${op} ${code}`);
      assert.not.ok(m.includes(name) && name.includes('_'), `${op} ${code} is a sentence, not ${name}`);
    }
  }
  assert.is(codeMessage('registerTerminal', 20), 'wrong reseller password');
  assert.match(codeMessage('assignSeqrId', 53), /belongs to another till/);
  assert.match(codeMessage('cancelInvoice', 51), /paying right now/);
  assert.match(codeMessage('sendInvoice', 93), /no payment was created/);
  assert.match(codeMessage('getPaymentStatus', 94), /still checking/);
  assert.match(codeMessage('sendInvoice', 77), /code 77/);
  assert.equal([...TRANSIENT_CODES], [90, 93, 94]);
});

t.run();
