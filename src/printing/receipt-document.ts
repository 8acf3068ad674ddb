// A receipt (a payment's, or a refund's: refund-document.ts) as layout-neutral blocks; ESC/POS,
// plain text and SVG are three renderings of it, so the screen, the logs and the paper always
// say the same thing.
import { displayAmount } from '../lib/money.js';
import { isRefundPost, type StoredPost } from '../store/transaction-post.js';
import { refundBody } from './refund-document.js';

export interface ReceiptLayout {
  /** characters per line in font A: 32 (58 mm), 42 or 48 (80 mm) */
  columns: 32 | 42 | 48;
  /** printer code page name as the encoder knows it, e.g. cp437, cp858 */
  codePage: string;
  header: string[];
  footer: string[];
  /** IANA zone for the printed time; the host's zone when absent */
  timeZone?: string;
}

export interface ReceiptOptions {
  /** a reprint: marked COPY so it can never pass for a second payment */
  copy: boolean;
}

export type ReceiptBlock =
  | { kind: 'line'; text: string; align: 'left' | 'center'; bold?: boolean; invert?: boolean }
  | { kind: 'pair'; label: string; value: string; bold?: boolean }
  | { kind: 'rule' }
  | { kind: 'blank' }
  | { kind: 'barcode'; symbology: 'code128'; data: string }
  | { kind: 'cut' };

export const COPY_MARK = '*** COPY ***';

/** Builds the blocks of one receipt. Pure: same input, same blocks. */
export function receiptDocument(post: StoredPost, layout: ReceiptLayout, opts: ReceiptOptions): ReceiptBlock[] {
  const w = layout.columns;
  const blocks: ReceiptBlock[] = [];
  const center = (text: string, extra: Partial<{ bold: boolean; invert: boolean }> = {}) =>
    wrap(text, w).forEach((t) => blocks.push({ kind: 'line', text: t, align: 'center', ...extra }));
  const pair = (label: string, value: string, bold = false) => blocks.push({ kind: 'pair', label, value, bold });

  layout.header.forEach((h) => center(h, { bold: true }));
  blocks.push({ kind: 'rule' });
  if (opts.copy) center(COPY_MARK, { bold: true, invert: true });
  if (isRefundPost(post)) refundBody(post, { center: (t, bold) => center(t, bold ? { bold } : {}), pair, push: (b) => blocks.push(b), time: localTime(post.timestamp, layout.timeZone) });
  else {
    center(post.description, { bold: true });
    blocks.push({ kind: 'blank' });
    pair('Amount', displayAmount(post.amount, post.currency), true);
    pair('Date', localTime(post.timestamp, layout.timeZone));
    if (post.cashierId) pair('Cashier', post.cashierId);
    if (post.terminalId) pair('Terminal', post.terminalId);
    pair('Invoice', post.clientInvoiceId);
    blocks.push({ kind: 'blank' });
    center('Glase reference');
    center(post.ersReference, { bold: true });
    blocks.push({ kind: 'barcode', symbology: 'code128', data: post.ersReference });
  }
  if (opts.copy) center(COPY_MARK, { bold: true, invert: true });
  blocks.push({ kind: 'rule' });
  layout.footer.forEach((f) => center(f));
  blocks.push({ kind: 'cut' });
  return blocks;
}

// Building an Intl.DateTimeFormat costs more than laying out the rest of the receipt; keep one per zone.
const formatters = new Map<string | undefined, Intl.DateTimeFormat>();
function formatter(timeZone: string | undefined): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** "2026-11-29 16:46:07" in the given zone; fixed format so receipts compare byte for byte. */
export function localTime(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new RangeError(`timestamp ${JSON.stringify(iso)} is not an ISO date`);
  const parts = formatter(timeZone).formatToParts(d);
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}:${p('second')}`;
}

/** Label left, value right; a value too long for one line goes right-aligned on the next. */
export function pairLines(label: string, value: string, w: number): string[] {
  if (label.length + 1 + value.length <= w) return [label + ' '.repeat(w - label.length - value.length) + value];
  return [label, ...wrap(value, w).map((v) => v.padStart(w))];
}

export function wrap(text: string, w: number): string[] {
  const out: string[] = [];
  for (let rest = text; ; rest = rest.slice(w)) {
    out.push(rest.slice(0, w));
    if (rest.length <= w) return out;
  }
}
