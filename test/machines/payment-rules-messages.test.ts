// Start rules (each failure names its rule) and the cashier message table.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startRuleFailure } from '../../machines/payment-rules.js';
import { codeMessage, TRANSIENT_CODES, type GlaseOp } from '../../machines/messages.js';
import { RESULT_CODES } from '../../src/glase/result-codes.js';

const t = suite('payment start rules and messages');
const ready = { registered: true, glaseIdAssigned: true, serverReachable: true };
const req = { amount: 1000, currency: 'SEK' };
const rule = (r = req as Parameters<typeof startRuleFailure>[0], c: Parameters<typeof startRuleFailure>[1] = ready) => startRuleFailure(r, c)?.rule;

t('all rules pass for a plain payment', () => {
  assert.is(startRuleFailure(req, ready), undefined);
});

t('each failed rule is named, in a fixed order', () => {
  assert.is(rule(req, { ...ready, paymentInProgress: true }), 'one-payment');
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
