// The enrolled tills: found by their token (sha-256 only), listed with last-seen, backlog and
// version, and unregistered from either side.
import type { GlaseApi } from '../glase/types.js';
import type { Queryable } from './db.js';
import type { SecretBox } from './secret-box.js';
import { sha256 } from './users.js';

export interface Till {
  id: number;
  name: string;
  externalId: string;
  terminalId: string;
  enrolledAt: string;
  unregisteredAt: string | null;
  lastSeenAt: string | null;
  version: string | null;
  backlog: number;
  contiguousSeq: number;
}

const COLUMNS = 'id, name, external_id, terminal_id, enrolled_at, unregistered_at, last_seen_at, version, backlog, contiguous_seq';
type TillRow = { id: number; name: string; external_id: string; terminal_id: string; enrolled_at: string; unregistered_at: string | null; last_seen_at: string | null; version: string | null; backlog: number; contiguous_seq: number };
const toTill = (r: TillRow): Till => ({ id: r.id, name: r.name, externalId: r.external_id, terminalId: r.terminal_id, enrolledAt: r.enrolled_at, unregisteredAt: r.unregistered_at, lastSeenAt: r.last_seen_at, version: r.version, backlog: r.backlog, contiguousSeq: r.contiguous_seq });

/** The active till holding this token, or undefined. */
export async function tillByToken(db: Queryable, token: string | undefined): Promise<Till | undefined> {
  if (!token) return undefined;
  const r = await db.query<TillRow>(`SELECT ${COLUMNS} FROM till WHERE token_sha = $1 AND unregistered_at IS NULL`, [sha256(token)]);
  return r.rows[0] && toTill(r.rows[0]);
}

export async function listTills(db: Queryable): Promise<Till[]> {
  const r = await db.query<TillRow>(`SELECT ${COLUMNS} FROM till ORDER BY unregistered_at IS NOT NULL, name, id`);
  return r.rows.map(toTill);
}

export async function tillById(db: Queryable, id: number): Promise<Till | undefined> {
  const r = await db.query<TillRow>(`SELECT ${COLUMNS} FROM till WHERE id = $1`, [id]);
  return r.rows[0] && toTill(r.rows[0]);
}

/** The till said it unregistered itself at Glase: its token stops working. */
export async function markUnregistered(db: Queryable, id: number): Promise<void> {
  await db.query('UPDATE till SET unregistered_at = coalesce(unregistered_at, now()) WHERE id = $1', [id]);
}

/**
 * From the back office: unregisterTerminal at Glase with the till's own TERMINALID context
 * (the API docs' form, facts §6.2), then the token stops working. Glase's 29 (it no longer
 * knows the terminal) counts as done.
 */
export async function unregisterFromBackoffice(db: Queryable, box: SecretBox, glase: Pick<GlaseApi, 'unregisterTerminal'>, id: number): Promise<{ ok: true } | { ok: false; message: string }> {
  const r = await db.query<{ terminal_id: string; terminal_password_enc: string; unregistered_at: string | null }>('SELECT terminal_id, terminal_password_enc, unregistered_at FROM till WHERE id = $1', [id]);
  const t = r.rows[0];
  if (!t) return { ok: false, message: `no till ${id}` };
  if (t.unregistered_at) return { ok: true };
  const g = await glase.unregisterTerminal({ type: 'TERMINALID', terminalId: t.terminal_id, password: box.open(t.terminal_password_enc) });
  if (!g.ok && g.code !== 29) return { ok: false, message: `Glase refused unregisterTerminal: ${g.code} ${g.name}` };
  await markUnregistered(db, id);
  return { ok: true };
}
