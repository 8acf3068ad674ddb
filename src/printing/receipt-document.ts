// A receipt (a payment's, or a refund's: refund-document.ts) as layout-neutral blocks; ESC/POS,
// plain text and SVG are three renderings of it, so the screen, the logs and the paper always
// say the same thing.
import { paperText, translator, type Language, type Translator } from '../i18n/i18n.js';
import { currencyExponent } from '../lib/money.js';
import { isRefundPost, isZPost, type PrintablePost } from '../store/transaction-post.js';
import { refundBody } from './refund-document.js';
import { zBody } from './z-document.js';
import { zReason } from '../i18n/z-reason.js';

export interface ReceiptLayout {
  /** characters per line in font A: 32 (58 mm), 42 or 48 (80 mm) */
  columns: 32 | 42 | 48;
  /** printer code page name as the encoder knows it, e.g. cp437, cp858 */
  codePage: string;
  header: string[];
  footer: string[];
  /** IANA zone for the printed time; the host's zone when absent */
  timeZone?: string;
  /** the shop's language (ui.language, or the admin's choice): the receipt's words and amounts; en when absent */
  language?: Language;
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

/** The COPY mark in English (the receipt's words are in the catalogue: receipt.copy). */
export const COPY_MARK = '*** COPY ***';

// One translator per language: the receipt's words and amounts (src/i18n, paper-safe characters).
const translators = new Map<Language, Translator>();
export function receiptTranslator(lang: Language = 'en'): Translator {
  let tr = translators.get(lang);
  if (!tr) {
    tr = translator(lang, { decimals: currencyExponent });
    translators.set(lang, tr);
  }
  return tr;
}

/** Builds the blocks of one receipt. Pure: same input, same blocks. */
export function receiptDocument(post: PrintablePost, layout: ReceiptLayout, opts: ReceiptOptions): ReceiptBlock[] {
  const w = layout.columns;
  const tr = receiptTranslator(layout.language);
  const blocks: ReceiptBlock[] = [];
  const center = (text: string, extra: Partial<{ bold: boolean; invert: boolean }> = {}) =>
    wrap(paperText(text), w).forEach((t) => blocks.push({ kind: 'line', text: t, align: 'center', ...extra }));
  const pair = (label: string, value: string, bold = false) => blocks.push({ kind: 'pair', label: paperText(label), value: paperText(value), bold });
  const money = (minor: number, currency: string) => tr.money(minor, currency);
  const time = localTime(isZPost(post) ? post.z.closedAt : post.timestamp, layout.timeZone, layout.language);

  layout.header.forEach((h) => center(h, { bold: true }));
  blocks.push({ kind: 'rule' });
  if (opts.copy) center(tr.t('receipt.copy'), { bold: true, invert: true });
  if (isZPost(post)) {
    const left = (text: string) => wrap(paperText(text), w).forEach((t) => blocks.push({ kind: 'line', text: t, align: 'left' }));
    zBody(post, { center: (t, bold) => center(t, bold ? { bold } : {}), pair, left, push: (b) => blocks.push(b), time, t: tr.t, money, at: (iso) => localTime(iso, layout.timeZone, layout.language), reason: (d, currency) => zReason(tr, d, currency) });
  } else if (isRefundPost(post)) refundBody(post, { center: (t, bold) => center(t, bold ? { bold } : {}), pair, push: (b) => blocks.push(b), time, t: tr.t, money });
  else {
    // the post's description is the wire's constant "Glase payment"; the paper says it in the shop's language
    center(tr.t('receipt.payment.title'), { bold: true });
    blocks.push({ kind: 'blank' });
    pair(tr.t('receipt.amount'), money(post.amount, post.currency), true);
    pair(tr.t('receipt.date'), time);
    if (post.cashierId) pair(tr.t('receipt.cashier'), post.cashierId);
    if (post.terminalId) pair(tr.t('receipt.terminal'), post.terminalId);
    pair(tr.t('receipt.invoice'), post.clientInvoiceId);
    blocks.push({ kind: 'blank' });
    center(tr.t('receipt.reference'));
    center(post.ersReference, { bold: true });
    blocks.push({ kind: 'barcode', symbology: 'code128', data: post.ersReference });
  }
  if (opts.copy) center(tr.t('receipt.copy'), { bold: true, invert: true });
  blocks.push({ kind: 'rule' });
  layout.footer.forEach((f) => center(f));
  blocks.push({ kind: 'cut' });
  return blocks;
}

/** "2026-11-29 16:46:07" in the given zone (no zone name: receipts compare byte for byte); the shop language's Intl format (src/i18n). */
export function localTime(iso: string, timeZone?: string, lang?: Language): string {
  if (Number.isNaN(new Date(iso).getTime())) throw new RangeError(`timestamp ${JSON.stringify(iso)} is not an ISO date`);
  return receiptTranslator(lang).dateTime(iso, { timeZone, zone: false });
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
