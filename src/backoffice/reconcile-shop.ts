// Shop-level reconciliation (issue 14 item 5): close the shop's period at Glase
// (markTransactionPeriod, RESELLERUSER, no TERMINALID), read Shop.xml and STD_RECON 002/003/004
// (REPORT_NOT_READY retried, as src/reconcile does for a till), and compare with the ledger,
// transaction by transaction (003 by ersReference), then per terminal (002), cashier (004) and
// shop (Shop.xml). Differences get a class and a reason and stay open until acknowledged; a
// missing post that arrives later resolves itself.
import type { GlaseApi } from '../glase/types.js';
import { DEFAULT_WAITS } from '../reconcile/period-reports.js';
import { parseReport, reportXml, type ParsedReport } from '../reconcile/report-xml.js';
import type { Db, Queryable } from './db.js';
import { resellerPrincipal } from './reseller.js';
import type { SecretBox } from './secret-box.js';

export const SHOP_SUMMARY = 'Reconciliation/Shop.xml';
export const TERMINAL_TOTALS = 'Reconciliation/STD_RECON_002.xml';
export const DETAILS = 'Reconciliation/STD_RECON_003.xml';
export const CASHIER_TOTALS = 'Reconciliation/STD_RECON_004.xml';
/** a ledger post this close before the mark may fall in Glase's next period */
export const CUTOFF_MS = 60_000;

export type DiffClass = 'missing_in_ledger' | 'missing_at_glase' | 'amount_mismatch' | 'attribution' | 'cutoff' | 'duplicate' | 'total_mismatch' | 'orphan_refund';

export interface Difference {
  id: number;
  class: DiffClass;
  ersReference: string | null;
  terminalId: string | null;
  cashierId: string | null;
  ledgerOre: number | null;
  glaseOre: number | null;
  reason: string;
  state: 'open' | 'acknowledged' | 'auto_resolved';
  acknowledgedBy: string | null;
  note: string | null;
  firstSeen: string;
}

export interface ReconDeps {
  db: Db;
  box: SecretBox;
  glase: Pick<GlaseApi, 'markTransactionPeriod' | 'executeReport'>;
  by: string;
  currency?: string;
  waits?: { firstMs: number; retryMs: number; attempts: number };
  sleep?: (ms: number) => Promise<void>;
}

export type ReconResult = { ok: true; periodId: string; differences: number; matched: number } | { ok: false; message: string };

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readReport(d: ReconDeps, reseller: Parameters<GlaseApi['executeReport']>[0], reportId: string, periodId: string): Promise<ParsedReport | string> {
  const w = { ...DEFAULT_WAITS, ...d.waits };
  for (let attempt = 1; ; attempt++) {
    const r = await d.glase.executeReport(reseller, reportId, 'en', { transactionPeriodId: periodId });
    if (r.ok) return parseReport(reportXml(r.report), d.currency ?? 'SEK');
    if (r.code !== 2) return `${reportId}: Glase refused (${r.code} ${r.name})`;
    if (attempt >= w.attempts) return `${reportId}: still not ready after ${attempt} tries (REPORT_NOT_READY); try again later`;
    await (d.sleep ?? wait)(w.retryMs);
  }
}

export async function reconcileShop(d: ReconDeps): Promise<ReconResult> {
  const { db } = d;
  const reseller = await resellerPrincipal(db, d.box);
  if (!reseller) return { ok: false, message: 'no reseller credentials: run `glase-pos backoffice set-reseller`' };
  const mark = await d.glase.markTransactionPeriod(reseller);
  if (!mark.ok) return { ok: false, message: `Glase refused markTransactionPeriod: ${mark.code} ${mark.name}` };
  const periodId = mark.transactionPeriodId;
  const marked = await db.query<{ marked_at: string }>('INSERT INTO recon_period (period_id, marked_by) VALUES ($1, $2) RETURNING marked_at', [periodId, d.by]);
  const markedAt = Date.parse(marked.rows[0].marked_at.replace(' ', 'T').replace(/\+00$/, 'Z'));
  await (d.sleep ?? wait)(d.waits?.firstMs ?? DEFAULT_WAITS.firstMs);
  const reports: Record<string, ParsedReport> = {};
  for (const id of [SHOP_SUMMARY, TERMINAL_TOTALS, DETAILS, CASHIER_TOTALS]) {
    const r = await readReport(d, reseller, id, periodId);
    if (typeof r === 'string') {
      await db.query("UPDATE recon_period SET state = 'reports-missing', summary = $2 WHERE period_id = $1", [periodId, JSON.stringify({ error: r })]);
      return { ok: false, message: r };
    }
    reports[id] = r;
  }
  return db.transaction(async (tx) => compare(tx, periodId, markedAt, reports));
}

interface LedgerPost {
  till_id: number;
  post_key: string;
  ers_reference: string;
  amount_ore: number;
  cashier_id: string | null;
  terminal_id: string | null;
  till_terminal: string;
  backlog: number;
  at: string | null;
  reconciled_period: string | null;
}

async function compare(tx: Queryable, periodId: string, markedAt: number, reports: Record<string, ParsedReport>): Promise<ReconResult> {
  const diffs: Array<Omit<Difference, 'id' | 'state' | 'acknowledgedBy' | 'note' | 'firstSeen'>> = [];
  const add = (c: DiffClass, g: { ers?: string | null; terminal?: string | null; cashier?: string | null; ledger?: number | null; glase?: number | null }, reason: string) =>
    diffs.push({ class: c, ersReference: g.ers ?? null, terminalId: g.terminal ?? null, cashierId: g.cashier ?? null, ledgerOre: g.ledger ?? null, glaseOre: g.glase ?? null, reason });
  // posts that arrived since an earlier period called them missing: resolved
  await tx.query(`UPDATE recon_difference d SET state = 'auto_resolved', note = 'the post reached the ledger later'
    WHERE d.state = 'open' AND d.class = 'missing_in_ledger' AND EXISTS (SELECT 1 FROM post p WHERE p.ers_reference = d.ers_reference)`);
  for (const o of await orphanRefunds(tx)) add('orphan_refund', { ers: o.ersReference, terminal: o.terminalId, cashier: o.cashierId, ledger: o.amount }, `a refund of payment ${o.originalErsReference}, which no till has shipped here (paid before its till was enrolled, or at a till not enrolled here)`);
  const details = reports[DETAILS].details;
  const refs = details.map((r) => r.ersReference);
  const cols = `p.till_id, p.post_key, p.ers_reference, p.amount_ore, p.cashier_id, p.terminal_id, t.terminal_id AS till_terminal, t.backlog, p.payload->>'timestamp' AS at, p.reconciled_period`;
  const known = new Map<string, LedgerPost>();
  for (const r of (await tx.query<LedgerPost>(`SELECT ${cols} FROM post p JOIN till t ON t.id = p.till_id WHERE p.ers_reference = ANY($1::text[]) AND p.kind <> 'z'`, [refs])).rows) known.set(r.ers_reference, r);
  const backlogOf = new Map((await tx.query<{ terminal_id: string; backlog: number }>('SELECT terminal_id, backlog FROM till')).rows.map((t) => [t.terminal_id, t.backlog]));
  const seen = new Set<string>();
  const matched: string[] = [];
  for (const g of details) {
    const at = { ers: g.ersReference, terminal: g.terminalId, cashier: g.cashierId, glase: g.amount };
    if (seen.has(g.ersReference)) {
      add('duplicate', at, 'Glase lists this ersReference twice in the period');
      continue;
    }
    seen.add(g.ersReference);
    const l = known.get(g.ersReference);
    if (!l) {
      const pending = g.terminalId ? backlogOf.get(g.terminalId) ?? 0 : 0;
      if (pending > 0) continue; // the till still has posts to ship: not a difference yet
      add('missing_in_ledger', at, g.terminalId && !backlogOf.has(g.terminalId) ? 'paid at a terminal that is not enrolled here' : 'Glase has it; no till shipped a post for it');
      continue;
    }
    if (l.reconciled_period && l.reconciled_period !== periodId) {
      add('duplicate', { ...at, ledger: l.amount_ore }, `already matched in period ${l.reconciled_period}`);
      continue;
    }
    if (l.amount_ore !== g.amount) add('amount_mismatch', { ...at, ledger: l.amount_ore }, 'the ledger and Glase have other amounts');
    else if (g.terminalId && g.terminalId !== l.till_terminal) add('attribution', { ...at, ledger: l.amount_ore }, `Glase says terminal ${g.terminalId}; the post came from the till with terminal ${l.till_terminal}`);
    else if ((g.cashierId ?? null) !== (l.cashier_id ?? null)) add('attribution', { ...at, ledger: l.amount_ore }, `Glase says cashier ${g.cashierId ?? 'none'}; the ledger says ${l.cashier_id ?? 'none'}`);
    matched.push(g.ersReference);
  }
  if (matched.length) await tx.query('UPDATE post SET reconciled_period = $1 WHERE ers_reference = ANY($2::text[]) AND kind <> \'z\'', [periodId, matched]);
  // ledger posts up to the mark that Glase does not list
  const unlisted = await tx.query<LedgerPost>(`SELECT ${cols} FROM post p JOIN till t ON t.id = p.till_id
    WHERE p.reconciled_period IS NULL AND p.kind <> 'z' AND NOT (p.ers_reference = ANY($1::text[]))`, [refs]);
  for (const l of unlisted.rows) {
    const t = l.at ? Date.parse(l.at) : NaN;
    if (Number.isFinite(t) && t > markedAt) continue; // after the mark: the next period's
    const at = { ers: l.ers_reference, terminal: l.till_terminal, cashier: l.cashier_id, ledger: l.amount_ore };
    if (Number.isFinite(t) && markedAt - t < CUTOFF_MS) add('cutoff', at, 'recorded just before the period closed; Glase may count it in the next period');
    else add('missing_at_glase', at, 'the ledger has it; Glase does not list it (reversed, or another period)');
  }
  // totals: per terminal (002), per cashier (004), shop (Shop.xml) against Glase's own details
  const sum = (rows: typeof details, key: (r: (typeof details)[number]) => string) => {
    const m = new Map<string, { n: number; total: number }>();
    for (const r of rows) {
      const k = key(r);
      const v = m.get(k) ?? { n: 0, total: 0 };
      m.set(k, { n: v.n + 1, total: v.total + r.amount });
    }
    return m;
  };
  const byTerminal = sum(details, (r) => r.terminalId ?? '');
  for (const s of reports[TERMINAL_TOTALS].summaries) {
    const d = byTerminal.get(s.terminalId ?? '') ?? { n: 0, total: 0 };
    if (d.total !== s.salesTotal || d.n !== s.salesCount) add('total_mismatch', { terminal: s.terminalId, glase: s.salesTotal, ledger: d.total }, `STD_RECON_002 says ${s.salesCount} for ${s.salesTotal}; its details (003) say ${d.n} for ${d.total}`);
  }
  const byCashier = sum(details, (r) => r.cashierId ?? '');
  for (const s of reports[CASHIER_TOTALS].summaries) {
    const d = byCashier.get(s.cashierId ?? '') ?? { n: 0, total: 0 };
    if (d.total !== s.salesTotal || d.n !== s.salesCount) add('total_mismatch', { cashier: s.cashierId, glase: s.salesTotal, ledger: d.total }, `STD_RECON_004 says ${s.salesCount} for ${s.salesTotal}; its details (003) say ${d.n} for ${d.total}`);
  }
  const shop = reports[SHOP_SUMMARY].summaries[0];
  const glaseTotal = details.reduce((a, r) => a + r.amount, 0);
  if (shop && shop.salesTotal !== glaseTotal) add('total_mismatch', { glase: shop.salesTotal, ledger: glaseTotal }, `Shop.xml says ${shop.salesTotal}; the details (003) sum to ${glaseTotal}`);
  for (const x of diffs) {
    await tx.query(
      `INSERT INTO recon_difference (period_id, class, ers_reference, terminal_id, cashier_id, ledger_ore, glase_ore, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (period_id, class, ers_reference, terminal_id, cashier_id) DO NOTHING`,
      [periodId, x.class, x.ersReference, x.terminalId, x.cashierId, x.ledgerOre, x.glaseOre, x.reason],
    );
  }
  const summary = { glaseCount: details.length, glaseTotal, shopTotal: shop?.salesTotal ?? null, matched: matched.length, differences: diffs.length };
  await tx.query("UPDATE recon_period SET state = 'read', read_at = now(), summary = $2 WHERE period_id = $1", [periodId, JSON.stringify(summary)]);
  return { ok: true, periodId, differences: diffs.length, matched: matched.length };
}

export async function listPeriods(db: Queryable): Promise<Array<{ periodId: string; markedAt: string; markedBy: string; state: string; summary: Record<string, unknown> | null; open: number }>> {
  const r = await db.query<{ period_id: string; marked_at: string; marked_by: string; state: string; summary: Record<string, unknown> | null; open: number }>(
    `SELECT p.period_id, p.marked_at, p.marked_by, p.state, p.summary, (SELECT count(*) FROM recon_difference d WHERE d.period_id = p.period_id AND d.state = 'open')::bigint AS open
     FROM recon_period p ORDER BY p.marked_at DESC LIMIT 50`,
  );
  return r.rows.map((x) => ({ periodId: x.period_id, markedAt: x.marked_at, markedBy: x.marked_by, state: x.state, summary: x.summary, open: x.open }));
}

export async function listDifferences(db: Queryable, periodId: string): Promise<Difference[]> {
  const r = await db.query<{ id: number; class: DiffClass; ers_reference: string | null; terminal_id: string | null; cashier_id: string | null; ledger_ore: number | null; glase_ore: number | null; reason: string; state: Difference['state']; acknowledged_by: string | null; note: string | null; first_seen: string }>(
    'SELECT * FROM recon_difference WHERE period_id = $1 ORDER BY id',
    [periodId],
  );
  return r.rows.map((x) => ({ id: x.id, class: x.class, ersReference: x.ers_reference, terminalId: x.terminal_id, cashierId: x.cashier_id, ledgerOre: x.ledger_ore, glaseOre: x.glase_ore, reason: x.reason, state: x.state, acknowledgedBy: x.acknowledged_by, note: x.note, firstSeen: x.first_seen }));
}

/** Acknowledges an open difference; returns its period, or undefined when there is no such open one. */
export async function acknowledge(db: Queryable, id: number, by: string, note: string): Promise<string | undefined> {
  const r = await db.query<{ period_id: string }>("UPDATE recon_difference SET state = 'acknowledged', acknowledged_by = $2, note = $3 WHERE id = $1 AND state = 'open' RETURNING period_id", [id, by, note || null]);
  return r.rows[0]?.period_id;
}

export interface OrphanRefund {
  ersReference: string;
  originalErsReference: string;
  amount: number;
  terminalId: string;
  cashierId: string | null;
}

/**
 * Refunds whose payment the back office has not seen, not yet flagged (each is flagged once,
 * in the period that finds it), skipping tills that still have posts to ship. A flag whose
 * payment landed since is resolved here first.
 */
export async function orphanRefunds(tx: Queryable): Promise<OrphanRefund[]> {
  await tx.query(`UPDATE recon_difference d SET state = 'auto_resolved', note = 'its payment reached the ledger later'
    WHERE d.state = 'open' AND d.class = 'orphan_refund' AND EXISTS (
      SELECT 1 FROM post r JOIN post p ON p.kind = 'payment' AND p.ers_reference = r.payload->>'originalErsReference'
      WHERE r.kind = 'refund' AND r.ers_reference = d.ers_reference)`);
  const r = await tx.query<{ ers_reference: string; original: string; amount_ore: number; terminal_id: string; cashier_id: string | null }>(
    `SELECT r.ers_reference, r.payload->>'originalErsReference' AS original, r.amount_ore, t.terminal_id, r.cashier_id
     FROM post r JOIN till t ON t.id = r.till_id
     WHERE r.kind = 'refund' AND t.backlog = 0
       AND NOT EXISTS (SELECT 1 FROM post p WHERE p.kind = 'payment' AND p.ers_reference = r.payload->>'originalErsReference')
       AND NOT EXISTS (SELECT 1 FROM recon_difference d WHERE d.class = 'orphan_refund' AND d.ers_reference = r.ers_reference)
     ORDER BY r.received_at`,
  );
  return r.rows.map((x) => ({ ersReference: x.ers_reference, originalErsReference: x.original ?? '(none given)', amount: x.amount_ore, terminalId: x.terminal_id, cashierId: x.cashier_id }));
}
