// Admin users of the back office: scrypt hashes (src/lib/scrypt-hash.ts), two roles (owner:
// everything; accountant: read and export), sessions kept only as sha-256 of a random token,
// and a lockout after repeated wrong passwords.
import { createHash, randomBytes } from 'node:crypto';
import { scryptHash, scryptVerify, type ScryptHash } from '../lib/scrypt-hash.js';
import type { Queryable } from './db.js';

export type Role = 'owner' | 'accountant';
export const ROLES: readonly Role[] = ['owner', 'accountant'];
export const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;
export const MIN_PASSWORD = 10;

export const LOCKOUT = { tries: 5, minutes: 15 };
export const SESSION_HOURS = 12;

export interface User {
  id: number;
  username: string;
  role: Role;
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The rule a new password breaks, or undefined. */
export function passwordRule(pw: string): string | undefined {
  if (pw.length < MIN_PASSWORD) return `must be at least ${MIN_PASSWORD} characters`;
  if (pw.length > 200) return 'must be at most 200 characters';
  return undefined;
}

export async function addUser(db: Queryable, username: string, password: string, role: Role): Promise<User> {
  if (!USERNAME.test(username)) throw new Error('username: 1-64 letters, digits, ".", "_", "@" or "-"');
  if (!ROLES.includes(role)) throw new Error('role: must be owner or accountant');
  const bad = passwordRule(password);
  if (bad) throw new Error(`password: ${bad}`);
  const r = await db.query<{ id: number }>(
    `INSERT INTO admin_user (username, role, password_hash) VALUES ($1, $2, $3)
     ON CONFLICT (username) DO UPDATE SET role = EXCLUDED.role, password_hash = EXCLUDED.password_hash, failed_logins = 0, locked_until = NULL
     RETURNING id`,
    [username, role, JSON.stringify(scryptHash(password))],
  );
  return { id: r.rows[0].id, username, role };
}

export async function listUsers(db: Queryable): Promise<Array<User & { lockedUntil: string | null; createdAt: string }>> {
  const r = await db.query<{ id: number; username: string; role: Role; locked_until: string | null; created_at: string }>(
    'SELECT id, username, role, locked_until, created_at FROM admin_user ORDER BY username',
  );
  return r.rows.map((u) => ({ id: u.id, username: u.username, role: u.role, lockedUntil: u.locked_until, createdAt: u.created_at }));
}

export async function countUsers(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::bigint AS n FROM admin_user')).rows[0].n;
}

export type LoginResult = { ok: true; token: string; user: User } | { ok: false; reason: 'bad' | 'locked' };

/**
 * Checks a password. A wrong one counts; the LOCKOUT.tries-th locks the user for LOCKOUT.minutes
 * (a right password then fails too). An unknown user costs the same scrypt work.
 */
export async function login(db: Queryable, username: string, password: string): Promise<LoginResult> {
  const r = await db.query<{ id: number; role: Role; password_hash: ScryptHash; locked: boolean }>(
    'SELECT id, role, password_hash, coalesce(locked_until > now(), false) AS locked FROM admin_user WHERE username = $1',
    [username],
  );
  const u = r.rows[0];
  if (!u) {
    scryptVerify(password, DUMMY);
    return { ok: false, reason: 'bad' };
  }
  if (u.locked) return { ok: false, reason: 'locked' };
  if (!scryptVerify(password, u.password_hash)) {
    await db.query(
      `UPDATE admin_user SET failed_logins = failed_logins + 1,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
       WHERE id = $1`,
      [u.id, LOCKOUT.tries, LOCKOUT.minutes],
    );
    return { ok: false, reason: 'bad' };
  }
  await db.query('UPDATE admin_user SET failed_logins = 0, locked_until = NULL WHERE id = $1', [u.id]);
  const token = randomBytes(32).toString('base64url');
  await db.query(`INSERT INTO admin_session (token_sha, user_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`, [sha256(token), u.id, SESSION_HOURS]);
  return { ok: true, token, user: { id: u.id, username, role: u.role } };
}

export async function sessionUser(db: Queryable, token: string | undefined): Promise<User | undefined> {
  if (!token) return undefined;
  const r = await db.query<{ id: number; username: string; role: Role }>(
    `SELECT u.id, u.username, u.role FROM admin_session s JOIN admin_user u ON u.id = s.user_id
     WHERE s.token_sha = $1 AND s.expires_at > now()`,
    [sha256(token)],
  );
  return r.rows[0];
}

export async function logout(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM admin_session WHERE token_sha = $1', [sha256(token)]);
}

const DUMMY: ScryptHash = scryptHash('not a password of anyone');
