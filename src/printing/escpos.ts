// Receipt blocks → ESC/POS bytes through ReceiptPrinterEncoder (it encodes CODE128 and the
// code page correctly; see README "Receipt printing").
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import './fast-codepage.js';
import type { PrintablePost } from '../store/transaction-post.js';
import { receiptDocument, type ReceiptBlock, type ReceiptLayout, type ReceiptOptions } from './receipt-document.js';

/** Lines fed before the cut so the cutter (above the print head) does not cut through text. */
const FEED_BEFORE_CUT = 4;

export function receiptBytes(post: PrintablePost, layout: ReceiptLayout, opts: ReceiptOptions): Uint8Array {
  return blocksToEscPos(receiptDocument(post, layout, opts), layout);
}

// The encoder rebuilds its whole code page → ESC t number table in every constructor, and
// table() constructs one encoder per cell. Passing a one-entry mapping (the number the encoder
// itself uses for this code page, probed once) keeps the same bytes at a fraction of the cost.
const mappings = new Map<string, Record<string, number>>();
function codepageMapping(codePage: string): Record<string, number> {
  let m = mappings.get(codePage);
  if (!m) {
    const probe = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: 32 }).codepage(codePage).text('a').encode();
    const at = probe.findIndex((b, i) => b === 0x1b && probe[i + 1] === 0x74);
    if (at < 0) throw new Error(`code page ${codePage}: the encoder does not select it with ESC t`);
    m = { [codePage]: probe[at + 2] };
    mappings.set(codePage, m);
  }
  return m;
}

export function blocksToEscPos(blocks: ReceiptBlock[], layout: ReceiptLayout): Uint8Array {
  const e = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns: layout.columns,
    feedBeforeCut: FEED_BEFORE_CUT,
    codepageMapping: codepageMapping(layout.codePage),
  });
  // The newline flushes ESC @ on a line of its own: the encoder pads a centred line in front
  // of everything queued on it, and ESC @ would then wipe that padding on a real printer.
  e.initialize().codepage(layout.codePage).newline();
  for (const b of blocks) {
    switch (b.kind) {
      case 'line':
        e.align(b.align);
        if (b.bold) e.bold(true);
        if (b.invert) e.invert(true);
        e.text(b.text);
        if (b.invert) e.invert(false);
        if (b.bold) e.bold(false);
        e.newline().align('left');
        break;
      case 'pair': {
        if (b.bold) e.bold(true);
        const fits = b.label.length + 1 + b.value.length <= layout.columns;
        if (fits) {
          const right = layout.columns - b.label.length - 1;
          e.table([{ width: b.label.length, marginRight: 1, align: 'left' }, { width: right, align: 'right' }], [[b.label, b.value]]);
        } else {
          e.line(b.label).align('right').line(b.value).align('left');
        }
        if (b.bold) e.bold(false);
        break;
      }
      case 'rule':
        e.line('-'.repeat(layout.columns));
        break;
      case 'blank':
        e.newline();
        break;
      case 'barcode':
        // 58 mm (384 dots) fits 2-dot modules, 80 mm/48 columns fits 3-dot modules.
        e.align('center').barcode(code128Payload(b.data), 'code128', { height: 60, width: layout.columns >= 48 ? 2 : 1, text: false });
        e.align('left');
        break;
      case 'cut':
        e.cut('partial');
        break;
    }
  }
  return e.encode();
}

/**
 * ESC/POS GS k 73 payload: digit pairs in code set C (half the width of set B, so a 25-digit
 * ersReference fits 58 mm paper), an odd last digit or any non-digits in set B.
 */
export function code128Payload(data: string): string {
  if (!/^\d{2,}$/.test(data)) return '{B' + data;
  const even = data.length - (data.length % 2);
  let s = '{C';
  for (let i = 0; i < even; i += 2) s += String.fromCharCode(Number(data.slice(i, i + 2)));
  if (even < data.length) s += '{B' + data.slice(even);
  return s;
}
