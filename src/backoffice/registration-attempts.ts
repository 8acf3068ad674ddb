// Every registerTerminal the back office makes is written down before Glase is asked (issue
// 14): if the reply is lost, or the back office dies waiting, Glase may hold a terminal that
// no till knows — a stray. Such attempts ('lost', or 'pending' for longer than a call can
// take) are listed on the Tills page and the dashboard until an owner acknowledges them
// (after asking Glase support to remove the terminal, or seeing the till's retry succeed).
import type { Queryable } from './db.js';

export type AttemptOutcome = 'pending' | 'registered' | 'refused' | 'lost';

/** a registerTerminal call takes at most this long (the Glase client's timeout is shorter) */
export const PENDING_IS_LOST_AFTER_MINUTES = 5;

export interface UnsettledAttempt {
  id: number;
  name: string;
  externalId: string;
  startedAt: string;
  outcome: 'pending' | 'lost';
  detail: string | null;
}

export async function startAttempt(db: Queryable, req: { name: string; externalId: string }): Promise<number> {
  const r = await db.query<{ id: number }>('INSERT INTO registration_attempt (name, external_id) VALUES ($1, $2) RETURNING id', [req.name, req.externalId]);
  return r.rows[0].id;
}

export async function settleAttempt(db: Queryable, id: number, outcome: Exclude<AttemptOutcome, 'pending'>, terminalId: string | null, detail: string | null): Promise<void> {
  await db.query('UPDATE registration_attempt SET outcome = $2, terminal_id = $3, detail = $4 WHERE id = $1', [id, outcome, terminalId, detail]);
}

/** Attempts that may have left a stray terminal at Glase, oldest first, not yet acknowledged. */
export async function unsettledAttempts(db: Queryable): Promise<UnsettledAttempt[]> {
  const r = await db.query<{ id: number; name: string; external_id: string; started_at: string; outcome: 'pending' | 'lost'; detail: string | null }>(
    `SELECT id, name, external_id, started_at, outcome, detail FROM registration_attempt
     WHERE acknowledged_at IS NULL AND (outcome = 'lost' OR (outcome = 'pending' AND started_at < now() - make_interval(mins => $1)))
     ORDER BY started_at`,
    [PENDING_IS_LOST_AFTER_MINUTES],
  );
  return r.rows.map((a) => ({ id: a.id, name: a.name, externalId: a.external_id, startedAt: a.started_at, outcome: a.outcome, detail: a.detail ?? (a.outcome === 'pending' ? 'the back office stopped while waiting for Glase' : null) }));
}

/** An owner saw it (and settled it with Glase); false when there is no such open attempt. */
export async function acknowledgeAttempt(db: Queryable, id: number, by: string): Promise<boolean> {
  const r = await db.query("UPDATE registration_attempt SET acknowledged_by = $2, acknowledged_at = now() WHERE id = $1 AND acknowledged_at IS NULL AND outcome IN ('pending', 'lost')", [id, by]);
  return r.rowCount === 1;
}
