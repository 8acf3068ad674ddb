// Authentication of every call (facts §10): the principal type each operation needs, then
// 29/37 for an unknown principal, 20 for a wrong password, 33 for a blocked one, 21 for a
// terminal password shorter than 4 characters on the operations the docs name.
import type { Reseller, Terminal } from './model.js';
import type { SimStore } from './store.js';
import { str } from './invoice-validate.js';
import { scryptVerify } from '../lib/scrypt-hash.js';

export type Who =
  | { ok: true; type: 'TERMINALID'; terminal: Terminal; reseller: Reseller }
  | { ok: true; type: 'RESELLERUSER'; reseller: Reseller; userId: string }
  | { ok: false; code: number; type?: string; id?: string };

export interface Caller {
  type?: string;
  id?: string;
  userId?: string;
  password?: string;
}

/** The initiator of a call, read from its clientContext. */
export function callerOf(body: Record<string, unknown>): Caller {
  const ctx = (body.context ?? {}) as Record<string, unknown>;
  const p = (ctx.initiatorPrincipalId ?? {}) as Record<string, unknown>;
  return { type: str(p.type)?.trim(), id: str(p.id)?.trim(), userId: str(p.userId)?.trim(), password: str(ctx.password) ?? '' };
}

const SHORT_PASSWORD_OPS = new Set(['sendInvoice', 'getPaymentStatus', 'unregisterTerminal']);

export function authenticate(store: SimStore, c: Caller, need: 'TERMINALID' | 'RESELLERUSER', operation: string): Who {
  // A wrong principal type is how the 2014 docs describe 91.
  if (c.type !== need) return { ok: false, code: 91, type: c.type, id: c.id };
  if (need === 'TERMINALID') {
    const t = c.id ? store.terminals.get(c.id) : undefined;
    if (!t || t.unregistered) return { ok: false, code: 29, type: need, id: c.id };
    if (c.password !== t.password) return { ok: false, code: 20, type: need, id: c.id };
    const r = store.resellers.get(t.resellerId);
    if (!r) return { ok: false, code: 29, type: need, id: c.id };
    if (t.blocked || r.blocked) return { ok: false, code: 33, type: need, id: c.id };
    if (t.password.length < 4 && SHORT_PASSWORD_OPS.has(operation)) return { ok: false, code: 21, type: need, id: c.id };
    return { ok: true, type: need, terminal: t, reseller: r };
  }
  // CR-SAMPLE sends "shop/9900" as the id with no userId element.
  let id = c.id ?? '';
  let userId = c.userId;
  if (!userId && id.includes('/')) [id, userId] = [id.slice(0, id.lastIndexOf('/')), id.slice(id.lastIndexOf('/') + 1)];
  const r = store.resellers.get(id);
  if (!r || !userId || userId !== r.userId) return { ok: false, code: 37, type: need, id };
  if (!scryptVerify(c.password ?? '', r.passwordHash)) return { ok: false, code: 20, type: need, id };
  if (r.blocked) return { ok: false, code: 33, type: need, id };
  return { ok: true, type: need, reseller: r, userId };
}
