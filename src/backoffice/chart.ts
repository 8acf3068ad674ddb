// A bar chart of daily totals as SVG, rendered on the server (no script on the page):
// people read a chart faster than a table. Amounts in minor units; labels by formatAmount.
import { formatAmount } from '../lib/money.js';
import { esc } from './http.js';

export function dailyChart(days: Array<{ day: string; sumOre: number }>, currency: string, o: { width?: number; height?: number } = {}): string {
  const W = o.width ?? 960;
  const H = o.height ?? 260;
  const pad = { l: 80, r: 10, t: 14, b: 40 };
  const max = Math.max(1, ...days.map((d) => Math.abs(d.sumOre)));
  // a round top for the axis: 1, 2 or 5 times a power of ten
  const p = 10 ** Math.floor(Math.log10(max));
  const top = [1, 2, 5, 10].map((m) => m * p).find((v) => v >= max)!;
  const iw = W - pad.l - pad.r;
  const ih = H - pad.t - pad.b;
  const bw = days.length ? iw / days.length : iw;
  const y = (v: number) => pad.t + ih - (Math.max(0, v) / top) * ih;
  const grid = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const v = Math.round(top * f);
    return `<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/><text x="${pad.l - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="11">${esc(formatAmount(v, currency))}</text>`;
  });
  const bars = days.map((d, i) => {
    const x = pad.l + i * bw + bw * 0.15;
    const h = pad.t + ih - y(d.sumOre);
    const label = i % Math.ceil(days.length / 10) === 0 ? `<text x="${(x + bw * 0.35).toFixed(1)}" y="${H - pad.b + 16}" text-anchor="middle" font-size="11">${esc(d.day.slice(5))}</text>` : '';
    return `<rect x="${x.toFixed(1)}" y="${y(d.sumOre).toFixed(1)}" width="${(bw * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="#2b6cb0"><title>${esc(d.day)}: ${esc(formatAmount(d.sumOre, currency))} ${esc(currency)}</title></rect>${label}`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Glase net total per day, ${esc(currency)}" viewBox="0 0 ${W} ${H}" width="100%" class="chart">${grid.join('')}${bars.join('')}<text x="${pad.l}" y="${H - 6}" font-size="11">${esc(currency)} per day (payments minus refunds)</text></svg>`;
}
