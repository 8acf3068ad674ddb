import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { code128Decode, code128Values, code128Widths } from '../../../drivers/barcode/code128.js';

const t = suite('code128');

t('set B values with checksum: PJJ123C', () => {
  // 104 + 48·1 + 42·2 + 42·3 + 17·4 + 18·5 + 19·6 + 35·7 = 879; 879 mod 103 = 55
  assert.equal(code128Values('PJJ123C'), [104, 48, 42, 42, 17, 18, 19, 35, 55, 106]);
});

t('every symbol is 11 modules, the stop 13', () => {
  const w = code128Widths('A');
  assert.is(w.length, 4 * 6 + 1);
  assert.is(w.reduce((s, n) => s + n, 0), 3 * 11 + 13);
});

t('round trip and checksum failure', () => {
  const data = '2026112915460700000012345';
  const w = code128Widths(data);
  assert.is(code128Decode(w), data);
  // a different first digit with the original checksum symbol: valid patterns, wrong sum
  const other = code128Widths('3' + data.slice(1));
  const bad = [...other.slice(0, -13), ...w.slice(-13)];
  assert.throws(() => code128Decode(bad), /checksum/);
  assert.throws(() => code128Decode([1, 1, 1, 1, 1, 1]), /unknown pattern/);
});

t('rejects what set B cannot hold', () => {
  assert.throws(() => code128Values(''), /empty/);
  assert.throws(() => code128Values('Å'), /outside ASCII/);
});

t.run();
