// The refund receipt: "Glase refund", the amount going back, the date, the refund reference as
// text and as a Code 128 barcode, and the original payment's reference; the same blocks as
// text, ESC/POS (decoded back) and SVG. COPY marks a reprint as for payments.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { receiptBytes, receiptSvg, printedReceiptText } from '../../../src/printing/index.js';
import { decodeEscPos } from '../../../drivers/virtual/escpos-decoder.js';
import type { RefundPost } from '../../../src/store/transaction-post.js';
import { layout32, layout48 } from '../../fixtures/receipts/sample.js';

const t = suite('refund receipt');
const refund: RefundPost = {
  ersReference: '2026112916000000000000077',
  originalErsReference: '2026112915460700000012345',
  amount: -400,
  currency: 'SEK',
  description: 'Glase refund',
  timestamp: '2026-11-29T15:50:00.000Z',
  refundId: 'r-1',
  cashierId: 'anna',
  reason: 'broken cup',
};

t('text: the whole 32-column refund receipt', () => {
  assert.snapshot(
    printedReceiptText(refund, layout32, { copy: false }),
    [
      '        Glase demo shop',
      '     Storgatan 1, Stockholm',
      '--------------------------------',
      '          Glase refund',
      '',
      'Refunded               -4.00 SEK',
      'Date         2026-11-29 16:50:00',
      'Cashier                     anna',
      'Reason                broken cup',
      '',
      '        Original payment',
      '   2026112915460700000012345',
      '',
      '        Refund reference',
      '   2026112916000000000000077',
      '[CODE128 2026112916000000000000077]',
      '--------------------------------',
      '           Thank you!',
      '- - - cut - - -',
      '',
    ].join('\n'),
  );
});

t('ESC/POS: the printer gets the refund barcode and both references', () => {
  const events = decodeEscPos(receiptBytes(refund, layout48, { copy: true }));
  const lines = events.filter((e) => e.type === 'line').map((e) => (e as { text: string }).text.trim());
  assert.ok(lines.includes('Glase refund'));
  assert.ok(lines.includes('*** COPY ***'));
  assert.ok(lines.includes(refund.originalErsReference));
  assert.ok(lines.includes(refund.ersReference));
  assert.ok(lines.some((l) => /^Refunded +-4\.00 SEK$/.test(l)));
  const codes = events.filter((e) => e.type === 'barcode');
  assert.equal(codes.map((c) => (c as { data: string }).data), [refund.ersReference], 'one barcode: the refund\'s own reference');
});

t('SVG: the refund picture for the screen', () => {
  const svg = receiptSvg(refund, layout32, { copy: false });
  assert.match(svg, /data-code128="2026112916000000000000077"/);
  assert.match(svg, />\s*Glase refund</);
  assert.match(svg, />Refunded {15}-4\.00 SEK</);
});

t.run();
