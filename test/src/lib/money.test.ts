import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAmount, formatAmount } from '../../../src/lib/money.js';

const t = suite('money');
t('parses decimal strings into minor units', () => {
  assert.is(parseAmount('12.50', 'SEK'), 1250);
  assert.is(parseAmount('12.5', 'SEK'), 1250);
  assert.is(parseAmount('500', 'SEK'), 50000);
  assert.is(parseAmount('-3.05', 'SEK'), -305);
  assert.is(parseAmount('100.00000', 'SEK'), 10000);
  assert.is(parseAmount('500', 'JPY'), 500);
});
t('refuses more decimals than the currency allows instead of rounding', () => {
  assert.throws(() => parseAmount('12.505', 'SEK'), /more than 2 decimals/);
  assert.throws(() => parseAmount('1.5', 'JPY'), /more than 0 decimals/);
  assert.throws(() => parseAmount('1e3', 'SEK'), /not a decimal/);
  assert.throws(() => parseAmount('1', 'XXX'), /not a supported/);
});
t('formats minor units with the exponent of the currency', () => {
  assert.is(formatAmount(1250, 'SEK'), '12.50');
  assert.is(formatAmount(5, 'SEK'), '0.05');
  assert.is(formatAmount(-305, 'EUR'), '-3.05');
  assert.is(formatAmount(500, 'JPY'), '500');
  assert.throws(() => formatAmount(1.5, 'SEK'), /not an integer/);
});
t.run();
