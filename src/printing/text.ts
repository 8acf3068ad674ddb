// Receipt blocks → plain text, for logs, the screen and tests: the printed receipt's layout
// line for line. Not the digital receipt sent to Glase (src/till/digital-receipt-text.ts).
import type { PrintablePost } from '../store/transaction-post.js';
import { pairLines, receiptDocument, type ReceiptBlock, type ReceiptLayout, type ReceiptOptions } from './receipt-document.js';

export function printedReceiptText(post: PrintablePost, layout: ReceiptLayout, opts: ReceiptOptions): string {
  return blocksToText(receiptDocument(post, layout, opts), layout.columns);
}

export function blocksToText(blocks: ReceiptBlock[], columns: number): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'line') out.push(b.align === 'center' ? centered(b.text, columns) : b.text);
    else if (b.kind === 'pair') out.push(...pairLines(b.label, b.value, columns));
    else if (b.kind === 'rule') out.push('-'.repeat(columns));
    else if (b.kind === 'blank') out.push('');
    else if (b.kind === 'barcode') out.push(centered(`[${b.symbology.toUpperCase()} ${b.data}]`, columns));
    else out.push('- - - cut - - -');
  }
  return out.map((l) => l.trimEnd()).join('\n') + '\n';
}

export function centered(text: string, columns: number): string {
  return ' '.repeat(Math.max(0, Math.floor((columns - text.length) / 2))) + text;
}
