// A receipt in Swedish (the shop's language), checked as the printer gets it: the ESC/POS bytes
// are decoded back to lines and compared with the fixture receipt-42-sv.txt; å, ä and ö
// travel in the printer's code page.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeEscPos } from '../../../drivers/virtual/escpos-decoder.js';
import { receiptBytes, type ReceiptLayout } from '../../../src/printing/index.js';
import type { RefundPost } from '../../../src/store/transaction-post.js';
import { layout42, layout48, samplePost } from '../../fixtures/receipts/sample.js';

const t = suite('receipt in sv');
const dir = new URL('../../fixtures/receipts/', import.meta.url);
const sv42: ReceiptLayout = { ...layout42, language: 'sv' };
const lines = (b: Uint8Array) => decodeEscPos(b).flatMap((e) => (e.type === 'line' ? [e.text.trimEnd()] : e.type === 'barcode' ? [`[${e.symbology} ${e.data}]`] : e.type === 'cut' ? ['--cut--'] : []));

// written once with UPDATE_RECEIPT_FIXTURES=1 and read through by hand
function fixture(name: string, text: string): string {
  const file = new URL(name, dir);
  if (process.env.UPDATE_RECEIPT_FIXTURES === '1') writeFileSync(file, text);
  assert.ok(existsSync(file), `fixture ${name} is missing`);
  return readFileSync(file, 'utf8');
}

t('a payment receipt in sv, decoded from the bytes, is the fixture', () => {
  const text = lines(receiptBytes(samplePost({ amount: 123450 }), sv42, { copy: false })).join('\n') + '\n';
  assert.fixture(text, fixture('receipt-42-sv.txt', text));
  assert.match(text, /^Belopp +1 234,50 kr$/m);
  assert.match(text, /^Datum +2026-11-29 16:46:07$/m, 'local Stockholm time');
  assert.ok(text.includes('Glase-betalning'));
  assert.ok(text.includes('[code128 2026112915460700000012345]'));
});

t('a COPY in sv says KOPIA, twice', () => {
  const l = lines(receiptBytes(samplePost(), sv42, { copy: true })).map((s) => s.trim());
  assert.is(l.filter((s) => s === '*** KOPIA ***').length, 2);
  assert.not.ok(l.some((s) => s.includes('COPY')));
});

t('a refund receipt in sv: Återbetalt in cp858 bytes, a negative amount with a plain minus', () => {
  const refund: RefundPost = {
    ersReference: '2026112916000000000000077', originalErsReference: '2026112915460700000012345', amount: -500, currency: 'SEK',
    description: 'Glase refund', timestamp: '2026-11-29T15:50:00.000Z', refundId: 'r-1', cashierId: 'anna', reason: 'fel vara',
  };
  const bytes = receiptBytes(refund, { ...layout48, language: 'sv' }, { copy: false });
  // "Återbetalt" in cp858: Å = 0x8f
  assert.ok(Buffer.from(bytes).includes(Buffer.from([0x8f, 0x74, 0x65, 0x72])), 'Åter in cp858');
  const l = lines(bytes);
  assert.ok(l.some((s) => /^Återbetalt +-5,00 kr$/.test(s)), l.join('\n'));
  assert.ok(l.some((s) => s.trim() === 'Ursprunglig betalning'));
  assert.ok(l.some((s) => /^Orsak +fel vara$/.test(s)));
});

t('en stays as it was: the same words without a language', () => {
  const l = lines(receiptBytes(samplePost(), { ...layout42, language: 'en' }, { copy: false }));
  assert.equal(l, lines(receiptBytes(samplePost(), layout42, { copy: false })));
});

t.run();
