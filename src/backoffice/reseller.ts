// The shop's Glase reseller credentials: ids in clear, the password sealed (secret-box.ts).
// Only the back office's own Glase calls open it (registerTerminal, reports); it is never
// logged, shown on a page or sent to a till.
import type { Principal } from '../glase/types.js';
import { RESELLER_ID_PATTERN, RESELLER_ID_RULE } from '../lib/reseller-id.js';
import type { Queryable } from './db.js';
import type { SecretBox } from './secret-box.js';

export async function setReseller(db: Queryable, box: SecretBox, c: { resellerId: string; userId: string; password: string }): Promise<void> {
  if (!RESELLER_ID_PATTERN.test(c.resellerId)) throw new Error(`reseller id: ${RESELLER_ID_RULE}`);
  if (!RESELLER_ID_PATTERN.test(c.userId)) throw new Error(`user id: ${RESELLER_ID_RULE}`);
  if (c.password.length === 0) throw new Error('password: must not be empty');
  await db.query(
    `INSERT INTO reseller (id, reseller_id, user_id, password_enc, updated_at) VALUES (1, $1, $2, $3, now())
     ON CONFLICT (id) DO UPDATE SET reseller_id = EXCLUDED.reseller_id, user_id = EXCLUDED.user_id, password_enc = EXCLUDED.password_enc, updated_at = now()`,
    [c.resellerId, c.userId, box.seal(c.password)],
  );
}

/** What pages may show: never the password. */
export async function resellerInfo(db: Queryable): Promise<{ resellerId: string; userId: string; updatedAt: string } | undefined> {
  const r = await db.query<{ reseller_id: string; user_id: string; updated_at: string }>('SELECT reseller_id, user_id, updated_at FROM reseller WHERE id = 1');
  const row = r.rows[0];
  return row && { resellerId: row.reseller_id, userId: row.user_id, updatedAt: row.updated_at };
}

/** The RESELLERUSER principal for one Glase call. */
export async function resellerPrincipal(db: Queryable, box: SecretBox): Promise<Principal | undefined> {
  const r = await db.query<{ reseller_id: string; user_id: string; password_enc: string }>('SELECT reseller_id, user_id, password_enc FROM reseller WHERE id = 1');
  const row = r.rows[0];
  return row && { type: 'RESELLERUSER', resellerId: row.reseller_id, userId: row.user_id, password: box.open(row.password_enc) };
}
