import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { code128Decode, localTime, receiptSvg, printedReceiptText } from '../../../src/printing/index.js';
import { layout32, samplePost } from '../../fixtures/receipts/sample.js';

const t = suite('receipt → text and SVG');

t('plain text: the whole 32-column receipt', () => {
  assert.snapshot(
    printedReceiptText(samplePost(), layout32, { copy: true }),
    [
      '        Glase demo shop',
      '     Storgatan 1, Stockholm',
      '--------------------------------',
      '          *** COPY ***',
      '         Glase payment',
      '',
      'Amount                 12.50 SEK',
      'Date         2026-11-29 16:46:07',
      'Cashier                     anna',
      'Terminal                  till-1',
      'Invoice            till-1-000042',
      '',
      '        Glase reference',
      '   2026112915460700000012345',
      '[CODE128 2026112915460700000012345]',
      '          *** COPY ***',
      '--------------------------------',
      '           Thank you!',
      '- - - cut - - -',
      '',
    ].join('\n'),
  );
});

t('optional cashier and terminal are left out, not printed empty', () => {
  const text = printedReceiptText(samplePost({ cashierId: undefined, terminalId: undefined }), layout32, { copy: false });
  assert.not.match(text, /Cashier|Terminal/);
  assert.not.match(text, /COPY/);
});

t('SVG: the drawn bars decode back to the ersReference', () => {
  const svg = receiptSvg(samplePost(), layout32, { copy: false });
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const d = /<path d="([^"]+)" fill="#000" data-code128="2026112915460700000012345"/.exec(svg)?.[1];
  assert.ok(d, 'barcode path present');
  const bars = [...d!.matchAll(/M(\d+) \d+h(\d+)/g)].map((m) => ({ x: Number(m[1]), w: Number(m[2]) }));
  const unit = Math.min(...bars.map((b) => b.w));
  const widths: number[] = [];
  bars.forEach((b, i) => {
    if (i > 0) widths.push((b.x - (bars[i - 1].x + bars[i - 1].w)) / unit);
    widths.push(b.w / unit);
  });
  assert.is(code128Decode(widths), '2026112915460700000012345');
  assert.match(svg, />Amount {17}12\.50 SEK</);
});

t('SVG escapes shop text', () => {
  const svg = receiptSvg(samplePost(), { ...layout32, header: ['A & <B>'] }, { copy: false });
  assert.match(svg, /A &amp; &lt;B&gt;/);
});

t('local time follows the configured zone, summer and winter', () => {
  assert.is(localTime('2026-07-01T10:00:00Z', 'Europe/Stockholm'), '2026-07-01 12:00:00');
  assert.is(localTime('2026-01-01T23:30:00Z', 'Europe/Stockholm'), '2026-01-02 00:30:00');
  assert.throws(() => localTime('yesterday', 'UTC'), /not an ISO date/);
});

t.run();
