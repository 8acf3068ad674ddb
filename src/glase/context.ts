// Builds who-is-calling: the two principal kinds the POS API uses, and the clientContext
// that opens every request. The password travels only inside the envelope, never in logs.
import { randomBytes } from 'node:crypto';
import type { Principal } from './types.js';

/** RESELLERUSER: the shop (reseller id + fixed userId, e.g. 9900); registration and reports. */
export function resellerPrincipal(resellerId: string, userId: string, password: string): Principal {
  return { type: 'RESELLERUSER', resellerId, userId, password };
}

/** TERMINALID: the 32-hex terminalId from registerTerminal; every other operation. */
export function terminalPrincipal(terminalId: string, password: string): Principal {
  return { type: 'TERMINALID', terminalId, password };
}

export interface WirePrincipalId {
  id: string;
  type: string;
  userId?: string;
}

/** Field order is the schema's xs:sequence order; the serializer keeps object key order. */
export interface WireClientContext {
  channel: string;
  clientId: string;
  clientReference: string;
  clientRequestTimeout: number;
  initiatorPrincipalId: WirePrincipalId;
  password: string;
}

export function wirePrincipalId(p: Principal): WirePrincipalId {
  return p.type === 'RESELLERUSER'
    ? { id: p.resellerId, type: 'RESELLERUSER', userId: p.userId }
    : { id: p.terminalId, type: 'TERMINALID' };
}

// Process-unique prefix + counter: unique enough for support look-ups, well under 32 chars.
const prefix = randomBytes(5).toString('hex');
let counter = 0;

/** ≤ 32 characters, different on every call of this process and across processes. */
export function newClientReference(): string {
  counter = (counter + 1) % 0x7fffffff;
  return `${prefix}-${Date.now().toString(36)}-${counter.toString(36)}`;
}

export function clientContext(p: Principal, opts: { channel: string; clientId: string }): WireClientContext {
  return {
    channel: opts.channel,
    clientId: opts.clientId,
    clientReference: newClientReference(),
    // the service requires 0: it enforces no client timeout of its own
    clientRequestTimeout: 0,
    initiatorPrincipalId: wirePrincipalId(p),
    password: p.password,
  };
}
