// Till enrolment without the reseller password on the till (issue 14 item 2). The owner makes
// a one-time code that expires; the till sends it with its own new terminal password, name and
// external id; the back office calls registerTerminal with the stored reseller credentials and
// hands back the terminalId and a till token for shipping posts. Codes and tokens are kept only
// as sha-256; the terminal password is sealed, so the back office can unregister the till later.
import { randomBytes, randomInt } from 'node:crypto';
import type { GlaseApi } from '../glase/types.js';
import type { Db, Queryable } from './db.js';
import { resellerPrincipal } from './reseller.js';
import type { SecretBox } from './secret-box.js';
import { sha256 } from './users.js';
import { settleAttempt, startAttempt } from './registration-attempts.js';

// no 0/O, 1/I/L: read aloud or typed on a till without mistakes
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_MINUTES = 30;
export const TERMINAL_PASSWORD = /^[\x21-\x7e]{8,100}$/;
export const TILL_TEXT = /^[^\p{C}]{1,100}$/u;

/** XXXX-XXXX-XXXX; the dashes and case do not matter when typed back. */
export function newCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

export const normaliseCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');

export async function createCode(db: Queryable, createdBy: string, label: string, minutes = CODE_MINUTES): Promise<{ code: string; expiresAt: string }> {
  if (!TILL_TEXT.test(label)) throw new Error('label: 1-100 printable characters');
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 7 * 24 * 60) throw new Error('minutes: a whole number from 1 to 10080');
  const code = newCode();
  const r = await db.query<{ expires_at: string }>(
    'INSERT INTO enrolment_code (code_sha, label, created_by, expires_at) VALUES ($1, $2, $3, now() + make_interval(mins => $4)) RETURNING expires_at',
    [sha256(normaliseCode(code)), label, createdBy, minutes],
  );
  return { code, expiresAt: r.rows[0].expires_at };
}

export async function listCodes(db: Queryable): Promise<Array<{ label: string; createdBy: string; createdAt: string; expiresAt: string; usedAt: string | null; tillId: number | null; state: string }>> {
  const r = await db.query<{ label: string; created_by: string; created_at: string; expires_at: string; used_at: string | null; till_id: number | null; expired: boolean }>(
    'SELECT label, created_by, created_at, expires_at, used_at, till_id, expires_at <= now() AS expired FROM enrolment_code ORDER BY created_at DESC LIMIT 100',
  );
  return r.rows.map((c) => ({ label: c.label, createdBy: c.created_by, createdAt: c.created_at, expiresAt: c.expires_at, usedAt: c.used_at, tillId: c.till_id, state: c.till_id ? 'used' : c.expired ? 'expired' : 'open' }));
}

export interface EnrolRequest {
  code: string;
  name: string;
  externalId: string;
  terminalPassword: string;
  version?: string;
}

export type EnrolResult =
  | { ok: true; tillId: number; terminalId: string; tillToken: string }
  | { ok: false; status: number; field?: string; message: string };

/** Why a request is bad (field and rule), or undefined. */
export function enrolProblem(r: Partial<EnrolRequest>): { field: string; message: string } | undefined {
  if (typeof r.code !== 'string' || normaliseCode(r.code).length !== 12) return { field: 'code', message: 'must be the 12-character enrolment code' };
  if (typeof r.name !== 'string' || !TILL_TEXT.test(r.name)) return { field: 'name', message: 'must be 1-100 printable characters' };
  if (typeof r.externalId !== 'string' || !TILL_TEXT.test(r.externalId)) return { field: 'externalId', message: 'must be 1-100 printable characters' };
  if (typeof r.terminalPassword !== 'string' || !TERMINAL_PASSWORD.test(r.terminalPassword)) return { field: 'terminalPassword', message: 'must be 8-100 visible ASCII characters' };
  if (r.version !== undefined && (typeof r.version !== 'string' || !/^[\w.+-]{1,40}$/.test(r.version))) return { field: 'version', message: 'must be 1-40 letters, digits, ".", "+", "_" or "-"' };
  return undefined;
}

export async function enrol(db: Db, box: SecretBox, glase: Pick<GlaseApi, 'registerTerminal'>, req: EnrolRequest): Promise<EnrolResult> {
  const bad = enrolProblem(req);
  if (bad) return { ok: false, status: 400, ...bad };
  const codeSha = sha256(normaliseCode(req.code));
  // claim the code first: one of two tills racing with one code wins
  const claimed = await db.query('UPDATE enrolment_code SET used_at = now() WHERE code_sha = $1 AND used_at IS NULL AND expires_at > now()', [codeSha]);
  if (claimed.rowCount !== 1) return { ok: false, status: 403, field: 'code', message: 'unknown, already used or expired: ask the owner for a new enrolment code' };
  const release = () => db.query('UPDATE enrolment_code SET used_at = NULL WHERE code_sha = $1 AND till_id IS NULL', [codeSha]);
  try {
    const reseller = await resellerPrincipal(db, box);
    if (!reseller) {
      await release();
      return { ok: false, status: 503, message: 'the back office has no reseller credentials yet: the owner runs `glase-pos backoffice set-reseller`' };
    }
    const attempt = await startAttempt(db, req);
    let r: Awaited<ReturnType<GlaseApi['registerTerminal']>>;
    try {
      r = await glase.registerTerminal(reseller, { externalTerminalId: req.externalId, password: req.terminalPassword, name: req.name });
    } catch (e) {
      // Glase may have registered a terminal nobody will ever use: kept and shown (Tills page)
      await settleAttempt(db, attempt, 'lost', null, `no answer from Glase: ${(e as Error).message}`.slice(0, 300));
      await release();
      return { ok: false, status: 502, message: 'Glase did not answer registerTerminal; it may or may not have registered a terminal (the back office shows it under Tills); try again' };
    }
    if (!r.ok) {
      await settleAttempt(db, attempt, 'refused', null, `${r.code} ${r.name}`);
      await release();
      return { ok: false, status: 502, message: `Glase refused registerTerminal: ${r.code} ${r.name}` };
    }
    await settleAttempt(db, attempt, 'registered', r.terminalId, null);
    const tillToken = randomBytes(32).toString('base64url');
    const tillId = await db.transaction(async (tx) => {
      const t = await tx.query<{ id: number }>(
        'INSERT INTO till (name, external_id, terminal_id, terminal_password_enc, token_sha, version, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING id',
        [req.name, req.externalId, r.terminalId, box.seal(req.terminalPassword), sha256(tillToken), req.version ?? null],
      );
      await tx.query('UPDATE enrolment_code SET till_id = $2 WHERE code_sha = $1', [codeSha, t.rows[0].id]);
      return t.rows[0].id;
    });
    return { ok: true, tillId, terminalId: r.terminalId, tillToken };
  } catch (e) {
    await release().catch(() => {});
    throw e;
  }
}
