// Receipt blocks → an SVG picture of the paper (monospace text and real Code 128 bars).
import type { PrintablePost } from '../store/transaction-post.js';
import { code128Widths } from '../../drivers/barcode/code128.js';
import { pairLines, receiptDocument, type ReceiptBlock, type ReceiptLayout, type ReceiptOptions } from './receipt-document.js';
import { centered } from './text.js';

const CHAR_W = 12; // font A is 12 × 24 dots
const LINE_H = 30;
const BAR_H = 60;
const MARGIN = 12;

export function receiptSvg(post: PrintablePost, layout: ReceiptLayout, opts: ReceiptOptions): string {
  return blocksToSvg(receiptDocument(post, layout, opts), layout.columns);
}

export function blocksToSvg(blocks: ReceiptBlock[], columns: number): string {
  const width = columns * CHAR_W + 2 * MARGIN;
  const parts: string[] = [];
  let y = MARGIN;
  for (const b of blocks) {
    if (b.kind === 'pair') {
      const weight = b.bold ? ' font-weight="bold"' : '';
      for (const text of pairLines(b.label, b.value, columns)) {
        parts.push(`<text x="${MARGIN}" y="${y + 22}"${weight} xml:space="preserve">${esc(text)}</text>`);
        y += LINE_H;
      }
    } else if (b.kind === 'line') {
      const text = b.align === 'center' ? centered(b.text, columns) : b.text;
      if (b.invert) {
        const x0 = MARGIN + (text.length - text.trimStart().length) * CHAR_W;
        parts.push(`<rect x="${x0}" y="${y}" width="${b.text.length * CHAR_W}" height="${LINE_H}" fill="#000"/>`);
      }
      const fill = b.invert ? '#fff' : '#000';
      const weight = b.bold ? ' font-weight="bold"' : '';
      parts.push(`<text x="${MARGIN}" y="${y + 22}" fill="${fill}"${weight} xml:space="preserve">${esc(text)}</text>`);
      y += LINE_H;
    } else if (b.kind === 'rule') {
      parts.push(`<line x1="${MARGIN}" y1="${y + LINE_H / 2}" x2="${width - MARGIN}" y2="${y + LINE_H / 2}" stroke="#000" stroke-dasharray="6 4"/>`);
      y += LINE_H;
    } else if (b.kind === 'blank') {
      y += LINE_H;
    } else if (b.kind === 'barcode') {
      const widths = code128Widths(b.data);
      const modules = widths.reduce((s, n) => s + n, 0);
      const m = Math.max(1, Math.floor((width - 2 * MARGIN) / (modules + 20)));
      let x = Math.floor((width - modules * m) / 2);
      const bars: string[] = [];
      widths.forEach((n, i) => {
        if (i % 2 === 0) bars.push(`M${x} ${y}h${n * m}v${BAR_H}h-${n * m}z`);
        x += n * m;
      });
      parts.push(`<path d="${bars.join('')}" fill="#000" data-code128="${esc(b.data)}"/>`);
      y += BAR_H + 8;
    } else {
      parts.push(`<line x1="0" y1="${y + 8}" x2="${width}" y2="${y + 8}" stroke="#888" stroke-dasharray="2 2"/>`);
      y += 16;
    }
  }
  const height = y + MARGIN;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="monospace" font-size="20"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`
  );
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
