// The CLI's closing line in the shop's language: English stays as it always read, Swedish says
// the same with the amount in the Swedish way and the till's sentence translated.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { outcomeLine } from '../../../src/cli/follow.js';
import { translator } from '../../../src/i18n/i18n.js';
import { currencyExponent } from '../../../src/lib/money.js';
import type { PaymentView } from '../../../src/till/index.js';

const t = suite('CLI outcome line');
const view = (over: Partial<PaymentView>): PaymentView => ({ paymentId: 'p1', clientInvoiceId: 'c1', state: 'completed', final: true, message: 'paid; payment complete', amount: 123450, currency: 'SEK', version: 1, windows: 1, recovered: false, canChange: false, ...over }) as PaymentView;
const sv = translator('sv', { decimals: currencyExponent });

t('en reads as before; sv translated', () => {
  const paid = view({ outcome: 'completed', ersReference: '2026112915460700000012345' });
  assert.is(outcomeLine(view({ outcome: 'completed', ersReference: '2026112915460700000012345', amount: 500 })), 'PAID 5.00 SEK, ersReference 2026112915460700000012345');
  assert.is(outcomeLine(paid, sv).replace(/\u00a0/g, ' '), 'BETALD 1 234,50 kr, ersReference 2026112915460700000012345');
  const cancelled = view({ outcome: 'cancelled', state: 'cancelled', message: 'the payment was cancelled', reason: 'cancelled', amount: 500 });
  assert.is(outcomeLine(cancelled), 'NOT PAID (cancelled): the payment was cancelled [cancelled]');
  assert.is(outcomeLine(cancelled, sv).replace(/\u00a0/g, ' '), 'INTE BETALD (cancelled): betalningen avbröts [cancelled]');
});

t.run();
