import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RC, RESULT_CODES, resultName } from '../../../src/glase/result-codes.js';

const t = suite('glase result codes');

// The facts (§5) define exactly these codes; 3–9, 14–19, 24–28, 59 and 65–89 are undefined.
const DEFINED = [0, 1, 2, ...range(10, 13), ...range(20, 23), ...range(29, 58), ...range(60, 64), ...range(90, 99)];
function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

t('every code the facts define has a name, and no other code does', () => {
  assert.equal(Object.keys(RESULT_CODES).map(Number), DEFINED);
});

t('names round-trip and undefined codes get the server wording', () => {
  for (const code of DEFINED) assert.is(RC[resultName(code) as keyof typeof RC], code);
  assert.is(resultName(98), 'SUM_OF_REFUNDS_CAN_NOT_BE_MORE_THAN_ORIGINAL_TRANSACTION');
  assert.is(resultName(59), 'UNKNOWN ERSWSResultCode = 59');
});

t.run();
