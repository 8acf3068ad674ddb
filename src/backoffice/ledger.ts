// The Glase account for the accountant (issue 14 item 4): exports per day, month or Z period.
// SIE reads the rollup (day_total: one row per till, day and kind), so a month over millions
// of posts is a few thousand rows; the CSV lists every post (RFC 4180, UTF-8, '.' decimals).
import { formatAmount } from '../lib/money.js';
import type { Queryable } from './db.js';
import { sieFile, vouchers, type DayKindTotal } from './sie.js';
import type { SieSettings } from './sie-settings.js';

export interface Period {
  from: string;
  to: string;
  /** a Z period is one till's */
  tillId?: number;
  label: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function lastOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** day=YYYY-MM-DD | month=YYYY-MM | from=…&to=… | z=<tillId>:<zNumber> → a period, or the rule broken. */
export async function periodOf(db: Queryable, q: URLSearchParams): Promise<Period | string> {
  const day = q.get('day');
  const month = q.get('month');
  const z = q.get('z');
  if (day) return DAY.test(day) && !Number.isNaN(Date.parse(day)) ? { from: day, to: day, label: day } : 'day: must be YYYY-MM-DD';
  if (month) return /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? { from: `${month}-01`, to: lastOfMonth(month), label: month } : 'month: must be YYYY-MM';
  if (z) {
    const m = /^(\d{1,12}):(\d{1,12})$/.exec(z);
    if (!m) return 'z: must be <till id>:<Z number>';
    const r = await db.query<{ business_day: string }>("SELECT business_day FROM post WHERE till_id = $1 AND post_key = $2 AND kind = 'z'", [Number(m[1]), `z:${Number(m[2])}`]);
    if (!r.rows[0]) return `z: till ${m[1]} has no Z ${m[2]} here yet`;
    const d = r.rows[0].business_day;
    return { from: d, to: d, tillId: Number(m[1]), label: `Z ${m[2]} till ${m[1]}` };
  }
  const from = q.get('from');
  const to = q.get('to');
  if (from && to && DAY.test(from) && DAY.test(to) && from <= to) return { from, to, label: `${from}..${to}` };
  return 'give day=YYYY-MM-DD, month=YYYY-MM, from=…&to=… or z=<till id>:<Z number>';
}

export async function dayKindTotals(db: Queryable, p: Period): Promise<DayKindTotal[]> {
  const r = await db.query<{ day: string; kind: 'payment' | 'refund'; sum_ore: number }>(
    `SELECT business_day AS day, kind, sum(sum_ore)::bigint AS sum_ore FROM day_total
     WHERE business_day BETWEEN $1::date AND $2::date AND kind IN ('payment', 'refund') AND ($3::bigint IS NULL OR till_id = $3)
     GROUP BY business_day, kind ORDER BY business_day, kind DESC`,
    [p.from, p.to, p.tillId ?? null],
  );
  return r.rows.map((x) => ({ day: x.day, kind: x.kind, sumOre: x.sum_ore }));
}

export async function sieExport(db: Queryable, s: SieSettings, p: Period, o: { generated: string; version: string }): Promise<Buffer> {
  return sieFile({ settings: s, vouchers: vouchers(await dayKindTotals(db, p), s, p.tillId ? `kassa ${p.tillId}` : 'butik 1'), ...o });
}

const csvField = (v: unknown): string => {
  const s = String(v ?? '');
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export async function csvExport(db: Queryable, p: Period): Promise<string> {
  const r = await db.query<{ business_day: string; till: string; kind: string; ers_reference: string | null; cashier_id: string | null; amount_ore: number; currency: string; received_at: string }>(
    `SELECT p.business_day, t.name AS till, p.kind, p.ers_reference, p.cashier_id, p.amount_ore, p.currency, p.received_at
     FROM post p JOIN till t ON t.id = p.till_id
     WHERE p.business_day BETWEEN $1::date AND $2::date AND p.kind IN ('payment', 'refund') AND ($3::bigint IS NULL OR p.till_id = $3)
     ORDER BY p.business_day, t.name, p.seq`,
    [p.from, p.to, p.tillId ?? null],
  );
  const head = 'business_day,till,kind,ers_reference,cashier,amount,currency,received_at';
  const rows = r.rows.map((x) => [x.business_day, x.till, x.kind, x.ers_reference, x.cashier_id, formatAmount(x.amount_ore, x.currency), x.currency, x.received_at].map(csvField).join(','));
  return [head, ...rows].join('\r\n') + '\r\n';
}
