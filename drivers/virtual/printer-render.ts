// What the emulator printed, as an SVG picture: monospace lines and real Code 128 bars.
import { code128Widths } from '../barcode/code128.js';

/** One thing the emulator printed, in order (defined here so the core imports the renderer, not back). */
export type PrintedItem =
  | { kind: 'line'; text: string }
  | { kind: 'barcode'; symbology: string; data: string }
  | { kind: 'qrcode'; data: string }
  | { kind: 'cut'; partial: boolean };

const CHAR_W = 12;
const LINE_H = 30;
const BAR_H = 60;
const MARGIN = 12;

export function renderDocumentSvg(items: PrintedItem[], columns: number): string {
  const width = columns * CHAR_W + 2 * MARGIN;
  const parts: string[] = [];
  let y = MARGIN;
  for (const it of items) {
    if (it.kind === 'line') {
      parts.push(`<text x="${MARGIN}" y="${y + 22}" xml:space="preserve">${esc(it.text)}</text>`);
      y += LINE_H;
    } else if (it.kind === 'barcode') {
      let widths: number[] | undefined;
      try {
        widths = it.symbology === 'code128' ? code128Widths(it.data) : undefined;
      } catch {
        widths = undefined; // not drawable as set B: show it as text
      }
      if (!widths) {
        parts.push(`<text x="${MARGIN}" y="${y + 22}">[${esc(it.symbology)} ${esc(it.data)}]</text>`);
        y += LINE_H;
        continue;
      }
      const modules = widths.reduce((s, n) => s + n, 0);
      const m = Math.max(1, Math.floor((width - 2 * MARGIN) / (modules + 20)));
      let x = Math.floor((width - modules * m) / 2);
      let d = '';
      widths.forEach((n, i) => {
        if (i % 2 === 0) d += `M${x} ${y}h${n * m}v${BAR_H}h-${n * m}z`;
        x += n * m;
      });
      parts.push(`<path d="${d}" fill="#000" data-code128="${esc(it.data)}"/>`);
      y += BAR_H + 8;
    } else if (it.kind === 'qrcode') {
      parts.push(`<rect x="${width / 2 - 60}" y="${y}" width="120" height="120" fill="none" stroke="#000" data-qr="${esc(it.data)}"/>`);
      y += 128;
    } else {
      parts.push(`<line x1="0" y1="${y + 8}" x2="${width}" y2="${y + 8}" stroke="#888" stroke-dasharray="2 2"/>`);
      y += 16;
    }
  }
  const h = y + MARGIN;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}" viewBox="0 0 ${width} ${h}" font-family="monospace" font-size="20"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
