import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeEscPos } from '../../../drivers/virtual/escpos-decoder.js';
import { code128Payload, receiptBytes, type ReceiptLayout } from '../../../src/printing/index.js';
import { layout32, layout42, layout48, samplePost } from '../../fixtures/receipts/sample.js';

const t = suite('receipt → ESC/POS');
const dir = new URL('../../fixtures/receipts/', import.meta.url);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// Fixtures were written once (UPDATE_RECEIPT_FIXTURES=1) after decoding them by hand/decoder.
function fixture(name: string, bytes: Uint8Array): string {
  const file = new URL(`${name}.hex`, dir);
  if (process.env.UPDATE_RECEIPT_FIXTURES === '1') writeFileSync(file, hex(bytes).replace(/(.{64})/g, '$1\n') + '\n');
  assert.ok(existsSync(file), `fixture ${name}.hex is missing`);
  return readFileSync(file, 'utf8').replace(/\s+/g, '');
}

const cases: Array<[string, ReceiptLayout, boolean]> = [
  ['original-32', layout32, false],
  ['copy-42', layout42, true],
  ['original-48-cp858', layout48, false],
];
for (const [name, layout, copy] of cases) {
  t(`exact bytes: ${name}`, () => {
    const bytes = receiptBytes(samplePost(), layout, { copy });
    assert.is(hex(bytes), fixture(name, bytes));
  });
}

t('bytes start with ESC @ on a line of its own and end with a partial cut', () => {
  const b = receiptBytes(samplePost(), layout32, { copy: false });
  assert.is(hex(b.slice(0, 2)), '1b40');
  assert.ok(hex(b).endsWith('1d56010a0d'));
});

t('decodes back: ersReference as text and as CODE128, cut, no COPY on originals', () => {
  const ev = decodeEscPos(receiptBytes(samplePost(), layout42, { copy: false }));
  const lines = ev.flatMap((e) => (e.type === 'line' ? [e.text.trim()] : []));
  assert.ok(lines.includes('2026112915460700000012345'));
  assert.equal(ev.filter((e) => e.type === 'barcode'), [{ type: 'barcode', symbology: 'code128', data: '2026112915460700000012345' }]);
  assert.equal(ev.filter((e) => e.type === 'cut'), [{ type: 'cut', partial: true }]);
  assert.ok(lines.includes('Amount                           12.50 SEK'));
  assert.ok(lines.includes('Date                   2026-11-29 16:46:07'), 'local Stockholm time');
  assert.ok(lines.some((l) => /Cashier +anna$/.test(l)));
  assert.ok(lines.some((l) => /Invoice +till-1-000042$/.test(l)));
  assert.ok(lines.includes('Glase payment'));
  assert.not.ok(lines.some((l) => l.includes('COPY')));
});

t('copies carry the COPY mark', () => {
  const lines = decodeEscPos(receiptBytes(samplePost(), layout32, { copy: true })).flatMap((e) => (e.type === 'line' ? [e.text.trim()] : []));
  assert.is(lines.filter((l) => l === '*** COPY ***').length, 2);
});

t('code page cp858 encodes the header and ESC t 19 selects it', () => {
  const b = receiptBytes(samplePost(), layout48, { copy: false });
  assert.ok(hex(b).includes('1b7413'), 'ESC t 19');
  assert.ok(hex(b).includes(Buffer.from([0x43, 0x61, 0x66, 0x82, 0x20, 0x8f, 0x72, 0x65]).toString('hex')), 'Café Åre in cp858');
  const lines = decodeEscPos(b).flatMap((e) => (e.type === 'line' ? [e.text.trim()] : []));
  assert.ok(lines.includes('Café Åre'));
  const date = lines.find((l) => l.startsWith('Date'));
  assert.ok(/^Date +2026-11-29 15:46:07$/.test(date ?? ''), 'UTC');
  assert.is(date?.length, 48, 'right-aligned to 48 columns');
});

t('the barcode uses code set C for digit pairs and fits 58 mm paper', () => {
  assert.is(code128Payload('1234567'), '{C' + String.fromCharCode(12, 34, 56) + '{B7');
  assert.is(code128Payload('123456'), '{C' + String.fromCharCode(12, 34, 56));
  assert.is(code128Payload('AB12'), '{BAB12');
  const b = hex(receiptBytes(samplePost(), layout32, { copy: false }));
  assert.ok(b.includes('1d7702'), 'GS w 2: 189 modules × 2 dots = 378 ≤ 384 dots');
  assert.ok(hex(receiptBytes(samplePost(), layout48, { copy: false })).includes('1d7703'), 'GS w 3 on 48 columns');
});

t('long values wrap instead of running off the paper', () => {
  const lines = decodeEscPos(receiptBytes(samplePost({ clientInvoiceId: 'x'.repeat(40) }), layout32, { copy: false })).flatMap((e) =>
    e.type === 'line' ? [e.text.trim()] : [],
  );
  assert.ok(lines.every((l) => l.length <= 32), lines.join('\n'));
  assert.ok(lines.includes('x'.repeat(32)));
});

t.run();
