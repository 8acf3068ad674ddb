// Posts from the tills' outboxes (issue 14 item 3). Delivery is at least once, so a batch is
// stored in ONE transaction with one INSERT … ON CONFLICT DO NOTHING per batch (unnest: one
// array parameter per column), whose RETURNING rows feed the per-till-and-day rollup: a
// replay changes neither. Each post is answered stored, duplicate (same key, same body),
// conflict (same key, other body: the first is kept, this one shown) or rejected (why).
import { createHash } from 'node:crypto';
import { ERS_REFERENCE_DIGITS, isErsReference } from '../../machines/ers-reference.js';
import { isKnownCurrency } from '../lib/money.js';
import type { Db, Queryable } from './db.js';

export type PostKind = 'payment' | 'refund' | 'z';
export const MAX_BATCH = 500;

export interface IncomingPost {
  seq: number;
  key: string;
  kind: PostKind;
  /** the JSON text the till wrote into its outbox; hashed as sent */
  body: string;
}

export type PostStatus = 'stored' | 'duplicate' | 'conflict' | 'rejected';
export interface PostAnswer {
  seq: number;
  key: string;
  status: PostStatus;
  reason?: string;
}

interface Parsed {
  seq: number;
  key: string;
  kind: PostKind;
  businessDay: string;
  amount: number;
  currency: string;
  ersReference: string | null;
  cashierId: string | null;
  terminalId: string | null;
  body: string;
  sha: string;
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
// a post's key: pay:/ref: and the one ersReference rule's digits (machines/ers-reference.ts), or z:<number>
const KEY = new RegExp(`^(pay|ref):\\d{${ERS_REFERENCE_DIGITS}}$|^z:\\d{1,12}$`);

/** Checks one post; a reason naming the field and rule, or the parsed row. */
export function parsePost(p: IncomingPost): Parsed | string {
  if (!Number.isSafeInteger(p.seq) || p.seq < 1) return 'seq: must be a whole number ≥ 1';
  if (typeof p.key !== 'string' || !KEY.test(p.key)) return 'key: must be pay:<ersReference>, ref:<ersReference> or z:<number>';
  if (!['payment', 'refund', 'z'].includes(p.kind)) return 'kind: must be payment, refund or z';
  const prefix = { payment: 'pay:', refund: 'ref:', z: 'z:' }[p.kind];
  if (!p.key.startsWith(prefix)) return `key: a ${p.kind} post's key starts with ${prefix}`;
  if (typeof p.body !== 'string' || p.body.length > 64_000) return 'body: must be JSON text of at most 64000 characters';
  let b: Record<string, unknown>;
  try {
    b = JSON.parse(p.body) as Record<string, unknown>;
  } catch {
    return 'body: is not JSON';
  }
  if (b === null || typeof b !== 'object') return 'body: must be a JSON object';
  const amount = b.amount;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) return 'body.amount: must be whole minor units';
  if (p.kind === 'payment' && amount <= 0) return 'body.amount: a payment is positive';
  if (p.kind === 'refund' && amount >= 0) return 'body.amount: a refund is negative';
  if (typeof b.currency !== 'string' || !isKnownCurrency(b.currency)) return 'body.currency: must be a known ISO 4217 code';
  if (typeof b.businessDay !== 'string' || !DAY.test(b.businessDay)) return 'body.businessDay: must be YYYY-MM-DD';
  const ers = p.kind === 'z' ? null : p.key.slice(4);
  if (ers !== null && b.ersReference !== ers) return 'body.ersReference: must equal the key\'s reference';
  if (ers !== null && !isErsReference(ers)) return 'key: the reference must be 25 digits';
  const text = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 100 ? v : null);
  return {
    seq: p.seq, key: p.key, kind: p.kind, businessDay: b.businessDay, amount, currency: b.currency,
    ersReference: ers, cashierId: text(b.cashierId), terminalId: text(b.terminalId), body: p.body,
    sha: createHash('sha256').update(p.body).digest('hex'),
  };
}

/** A fault hook for the crash tests: GLASE_BACKOFFICE_FAULT=after-insert|after-commit kills the process there. */
export type FaultPoint = 'after-insert' | 'after-commit';
export type FaultHook = (point: FaultPoint) => void;

// One statement per batch, so a batch costs one round trip inside its transaction (round trips,
// not rows, dominate on a loaded machine): the posts travel as ONE JSON parameter (serialised by
// V8's JSON.stringify, not element by element), rows really inserted feed the rollup and move
// the till's contiguous seq, and the last SELECT returns the stored keys plus, for keys stored
// before, the first body's hash (the statement's snapshot does not see its own inserts).
const BATCH_SQL = `
WITH RECURSIVE inc AS (
  SELECT * FROM json_to_recordset($2::json) AS r(seq bigint, key text, kind text, day date, amount bigint, currency text, ers text, cashier text, terminal text, body text, sha text)),
ins AS (
  INSERT INTO post (till_id, seq, post_key, kind, business_day, amount_ore, currency, ers_reference, cashier_id, terminal_id, payload, payload_sha)
  SELECT $1::bigint, seq, key, kind, day, amount, currency, ers, cashier, terminal, body::jsonb, sha FROM inc
  ON CONFLICT (till_id, post_key) DO NOTHING
  RETURNING post_key, seq, business_day, kind, currency, amount_ore),
roll AS (
  INSERT INTO day_total AS d (till_id, business_day, kind, currency, n, sum_ore)
  SELECT $1::bigint, business_day, kind, currency, count(*), sum(amount_ore) FROM ins GROUP BY business_day, kind, currency
  ON CONFLICT (till_id, business_day, kind, currency) DO UPDATE SET n = d.n + EXCLUDED.n, sum_ore = d.sum_ore + EXCLUDED.sum_ore),
walk AS (
  SELECT contiguous_seq AS s FROM till WHERE id = $1
  UNION ALL
  SELECT walk.s + 1 FROM walk
  WHERE EXISTS (SELECT 1 FROM post WHERE till_id = $1 AND seq = walk.s + 1) OR EXISTS (SELECT 1 FROM ins WHERE ins.seq = walk.s + 1)),
upd AS (
  UPDATE till SET contiguous_seq = (SELECT max(s) FROM walk), last_seen_at = now(),
    backlog = coalesce($3, backlog), version = coalesce($4, version)
  WHERE id = $1)
SELECT post_key, NULL::text AS kept_sha FROM ins
UNION ALL
SELECT post_key, payload_sha FROM post WHERE till_id = $1 AND post_key IN (SELECT key FROM inc)`;

const TILL_ONLY_SQL = 'UPDATE till SET last_seen_at = now(), backlog = coalesce($2, backlog), version = coalesce($3, version) WHERE id = $1';

export async function ingestBatch(db: Db, tillId: number, posts: IncomingPost[], meta: { backlog?: number; version?: string } = {}, fault?: FaultHook): Promise<PostAnswer[]> {
  const answers: PostAnswer[] = new Array(posts.length);
  const good: Array<{ i: number; p: Parsed }> = [];
  posts.forEach((raw, i) => {
    const p = parsePost(raw);
    if (typeof p === 'string') answers[i] = { seq: Number(raw?.seq), key: String(raw?.key), status: 'rejected', reason: p };
    else good.push({ i, p });
  });
  await db.transaction(async (tx) => {
    if (good.length === 0) {
      await tx.query(TILL_ONLY_SQL, [tillId, meta.backlog ?? null, meta.version ?? null]);
      fault?.('after-insert');
      return;
    }
    const rows = JSON.stringify(good.map(({ p }) => ({
      seq: p.seq, key: p.key, kind: p.kind, day: p.businessDay, amount: p.amount, currency: p.currency,
      ers: p.ersReference, cashier: p.cashierId, terminal: p.terminalId, body: p.body, sha: p.sha,
    })));
    const r = await tx.query<{ post_key: string; kept_sha: string | null }>(BATCH_SQL, [tillId, rows, meta.backlog ?? null, meta.version ?? null]);
    const stored = new Set<string>();
    const kept = new Map<string, string>();
    for (const row of r.rows) {
      if (row.kept_sha === null) stored.add(row.post_key);
      else kept.set(row.post_key, row.kept_sha);
    }
    const conflicts: Parsed[] = [];
    const first = new Map<string, string>(); // key → sha of its first occurrence in this batch
    for (const { i, p } of good) {
      const firstSha = first.get(p.key);
      if (firstSha === undefined) first.set(p.key, p.sha);
      if (stored.has(p.key) && firstSha === undefined) {
        answers[i] = { seq: p.seq, key: p.key, status: 'stored' };
      } else if ((kept.get(p.key) ?? firstSha) === p.sha) {
        answers[i] = { seq: p.seq, key: p.key, status: 'duplicate' };
      } else {
        conflicts.push(p);
        answers[i] = { seq: p.seq, key: p.key, status: 'conflict', reason: 'this key was stored before with another body; the first is kept' };
      }
    }
    // rare: a till sending another body under a key it used before; kept to be shown
    if (conflicts.length > 0) {
      await tx.query(
        'INSERT INTO post_conflict (till_id, post_key, payload, payload_sha) SELECT $1::bigint, k, p::jsonb, s FROM unnest($2::text[], $3::text[], $4::text[]) AS u(k, p, s) ON CONFLICT DO NOTHING',
        [tillId, conflicts.map((c) => c.key), conflicts.map((c) => c.body), conflicts.map((c) => c.sha)],
      );
    }
    fault?.('after-insert');
  });
  fault?.('after-commit');
  return answers;
}

/** Missing seq numbers of a till below its highest received (a gap: lost or not yet sent). */
export async function seqGaps(db: Queryable, tillId: number, limit = 20): Promise<number[]> {
  const r = await db.query<{ s: number }>(
    `SELECT s FROM generate_series((SELECT contiguous_seq + 1 FROM till WHERE id = $1), (SELECT coalesce(max(seq), 0) FROM post WHERE till_id = $1)) s
     WHERE NOT EXISTS (SELECT 1 FROM post WHERE till_id = $1 AND seq = s) ORDER BY s LIMIT $2`,
    [tillId, limit],
  );
  return r.rows.map((x) => x.s);
}
