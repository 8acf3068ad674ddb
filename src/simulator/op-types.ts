// The shape every SOAP operation handler has: authenticated caller in, result code and the
// extension fields of its response type (already in WSDL order) out.
import type { Reseller, Terminal } from './model.js';
import type { Engine } from './engine.js';

export interface OpResult {
  code: number;
  extra?: string;
  ersReference?: string;
  /** Why a non-zero code was given (logged, never sent). */
  why?: string;
}

export type TerminalCaller = { terminal: Terminal; reseller: Reseller };
export type ResellerCaller = { reseller: Reseller };

export type Op =
  | { need: 'TERMINALID'; run(e: Engine, body: Record<string, unknown>, who: TerminalCaller): OpResult; onError?: string }
  | { need: 'RESELLERUSER'; run(e: Engine, body: Record<string, unknown>, who: ResellerCaller): OpResult; onError?: string }
  | { need: 'NONE'; run(e: Engine, body: Record<string, unknown>): OpResult; onError?: string };
