// The screen's money helpers (src/ui/money.js, plain browser JavaScript): typed text to
// integer minor units with string logic only, and keypad presses that never make bad text.
// The decimals are the till's (src/lib/money.ts), learned from GET /api/status as the screen does.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { currencyDecimals } from '../../src/lib/money.js';

interface Money {
  parseTyped(text: string, currency: string): { minor?: number; error?: string };
  toText(minor: number, currency: string): string;
  display(minor: number, currency: string): string;
  press(text: string, key: string, currency: string): string;
  learnCurrencies(table: Record<string, number>): void;
}
const file = '../../src/ui/money.js';
const m = (await import(file)) as Money;
m.learnCurrencies(currencyDecimals());

const t = suite('ui money');

t('typed amounts become exact minor units, never rounded', () => {
  assert.equal(m.parseTyped('12.50', 'SEK'), { minor: 1250 });
  assert.equal(m.parseTyped('12,5', 'SEK'), { minor: 1250 }, 'a decimal comma is accepted');
  assert.equal(m.parseTyped('0.1', 'SEK'), { minor: 10 });
  assert.equal(m.parseTyped('0.29', 'SEK'), { minor: 29 }, '0.29 * 100 is 28.999… in floats');
  assert.equal(m.parseTyped('1.10', 'SEK'), { minor: 110 });
  assert.equal(m.parseTyped('007', 'SEK'), { minor: 700 });
  assert.equal(m.parseTyped('999999999.99', 'SEK'), { minor: 99999999999 });
  assert.equal(m.parseTyped('500', 'ISK'), { minor: 500 });
  assert.equal(m.parseTyped('12.', 'SEK'), { minor: 1200 });
});

t('bad text is an error in words', () => {
  assert.match(m.parseTyped('12.505', 'SEK').error!, /at most 2 decimals/);
  assert.match(m.parseTyped('5.5', 'JPY').error!, /JPY has no decimals/);
  assert.match(m.parseTyped('', 'SEK').error!, /enter an amount/);
  assert.match(m.parseTyped('1e3', 'SEK').error!, /digits/);
  assert.match(m.parseTyped('-5', 'SEK').error!, /digits/);
  assert.match(m.parseTyped('1234567890', 'SEK').error!, /digits/, 'more than 9 whole digits');
});

t('minor units back to text', () => {
  assert.is(m.toText(5, 'SEK'), '0.05');
  assert.is(m.toText(120025, 'SEK'), '1200.25');
  assert.is(m.toText(-150, 'EUR'), '-1.50');
  assert.is(m.toText(500, 'ISK'), '500');
  assert.is(m.display(1250, 'SEK'), '12.50 SEK');
});

t('keypad presses', () => {
  const type = (keys: string[], currency = 'SEK') => keys.reduce((s, k) => m.press(s, k, currency), '');
  assert.is(type(['1', '2', '.', '5', '0']), '12.50');
  assert.is(type(['1', '.', '5', '0', '9']), '1.50', 'a third decimal is ignored');
  assert.is(type(['1', '.', '.', '5']), '1.5', 'a second point is ignored');
  assert.is(type(['.', '5']), '0.5');
  assert.is(type(['0', '0', '7']), '7', 'no leading zeros');
  assert.is(type(['1', '2', 'back']), '1');
  assert.is(type(['1', '2', 'clear']), '');
  assert.is(type(['5', '.', '5'], 'JPY'), '55', 'no point for a currency without decimals');
  assert.is(type(Array(12).fill('9')), '999999999', 'at most 9 whole digits');
});

t('one source of currency rules: the screen keeps no list, it uses what the till serves', async () => {
  // a fresh copy of the module, as a screen before its first status
  const fresh = (await import(`${file}?before-status`)) as Money;
  assert.match(fresh.parseTyped('12.50', 'SEK').error!, /has not told the screen about SEK/);
  assert.is(fresh.toText(1250, 'SEK'), '1250 minor units', 'never a guessed decimal point');
  fresh.learnCurrencies({ SEK: 2, XTS: 3 });
  assert.equal(fresh.parseTyped('1.234', 'XTS'), { minor: 1234 }, 'a currency only the till knows works once served');
  assert.match(fresh.parseTyped('5', 'JPY').error!, /has not told the screen about JPY/);
  // and what the till serves is src/lib/money.ts's table
  for (const [code, decimals] of Object.entries(currencyDecimals())) assert.is(m.toText(1, code), decimals === 0 ? '1' : `0.${'1'.padStart(decimals, '0')}`, code);
});

t.run();
