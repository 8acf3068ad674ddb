// What the pages and exports read: day totals from the rollup (day_total, one row per till,
// day, kind and currency — never a scan of post), search over post by its indexes.
import type { Queryable } from './db.js';
import { isErsReference } from '../../machines/ers-reference.js';

export interface DayTotal {
  day: string;
  kind: string;
  currency: string;
  n: number;
  sumOre: number;
}

/** Per day (and kind, currency) over all tills, from the rollup: the dashboard chart. */
export async function dailyTotals(db: Queryable, from: string, to: string): Promise<DayTotal[]> {
  const r = await db.query<{ day: string; kind: string; currency: string; n: number; sum_ore: number }>(
    `SELECT business_day AS day, kind, currency, sum(n)::bigint AS n, sum(sum_ore)::bigint AS sum_ore
     FROM day_total WHERE business_day BETWEEN $1::date AND $2::date AND kind <> 'z'
     GROUP BY business_day, kind, currency ORDER BY business_day, kind, currency`,
    [from, to],
  );
  return r.rows.map((x) => ({ day: x.day, kind: x.kind, currency: x.currency, n: x.n, sumOre: x.sum_ore }));
}

/** One day per till: the dashboard's "today" table. */
export async function tillDay(db: Queryable, day: string): Promise<Array<{ tillId: number; name: string; currency: string; payments: number; refunds: number; n: number }>> {
  const r = await db.query<{ till_id: number; name: string; currency: string; payments: number; refunds: number; n: number }>(
    `SELECT t.id AS till_id, t.name, d.currency,
       coalesce(sum(d.sum_ore) FILTER (WHERE d.kind = 'payment'), 0)::bigint AS payments,
       coalesce(sum(d.sum_ore) FILTER (WHERE d.kind = 'refund'), 0)::bigint AS refunds,
       coalesce(sum(d.n) FILTER (WHERE d.kind <> 'z'), 0)::bigint AS n
     FROM day_total d JOIN till t ON t.id = d.till_id
     WHERE d.business_day = $1::date AND d.kind <> 'z'
     GROUP BY t.id, t.name, d.currency ORDER BY t.name, t.id`,
    [day],
  );
  return r.rows.map((x) => ({ tillId: x.till_id, name: x.name, currency: x.currency, payments: x.payments, refunds: x.refunds, n: x.n }));
}

export interface FoundPost {
  tillId: number;
  tillName: string;
  kind: string;
  businessDay: string;
  amount: number;
  currency: string;
  ersReference: string | null;
  cashierId: string | null;
  receivedAt: string;
}

/** Search by ersReference (whole or its start), amount in minor units, or a day (YYYY-MM-DD). */
export async function searchPosts(db: Queryable, q: { ersReference?: string; amount?: number; day?: string }, limit = 100): Promise<FoundPost[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.ersReference) {
    const whole = isErsReference(q.ersReference); // a whole reference is found exactly, a start by prefix
    params.push(whole ? q.ersReference : `${q.ersReference}%`);
    where.push(whole ? `p.ers_reference = $${params.length}` : `p.ers_reference LIKE $${params.length}`);
  }
  if (q.amount !== undefined) {
    params.push(q.amount);
    where.push(`abs(p.amount_ore) = $${params.length}`);
  }
  if (q.day) {
    params.push(q.day);
    where.push(`p.business_day = $${params.length}::date`);
  }
  if (where.length === 0) return [];
  params.push(limit);
  const r = await db.query<{ till_id: number; name: string; kind: string; business_day: string; amount_ore: number; currency: string; ers_reference: string | null; cashier_id: string | null; received_at: string }>(
    `SELECT p.till_id, t.name, p.kind, p.business_day, p.amount_ore, p.currency, p.ers_reference, p.cashier_id, p.received_at
     FROM post p JOIN till t ON t.id = p.till_id WHERE ${where.join(' AND ')}
     ORDER BY p.business_day DESC, p.received_at DESC LIMIT $${params.length}`,
    params,
  );
  return r.rows.map((x) => ({ tillId: x.till_id, tillName: x.name, kind: x.kind, businessDay: x.business_day, amount: x.amount_ore, currency: x.currency, ersReference: x.ers_reference, cashierId: x.cashier_id, receivedAt: x.received_at }));
}
