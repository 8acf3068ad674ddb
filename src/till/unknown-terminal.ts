// Glase answering 29 (INVALID_INITIATOR_PRINCIPAL_ID) to a call made as this till's own
// TERMINALID means Glase no longer knows the terminal (removed at Glase, or unregistered by
// another copy of this data). Then pay fails, unregister fails with 29 and register refuses
// because the till is still registered here: a dead end. The till remembers that answer, and
// exactly while it stands it offers "forget this registration" (local only, audited).
import type { GlaseApi, Principal, Result } from '../glase/types.js';
import type { Store } from '../store/store.js';

export const UNKNOWN_TERMINAL_KEY = 'glase.terminalUnknown';
const UNKNOWN_INITIATOR = 29;

export interface UnknownTerminalNote {
  terminalId: string;
  /** the operation Glase answered 29 to, and when */
  op: string;
  at: string;
}

/** The note, only while it is about the registration the till holds now. */
export function unknownTerminalNote(store: Store): UnknownTerminalNote | undefined {
  const note = store.settings.get<UnknownTerminalNote>(UNKNOWN_TERMINAL_KEY);
  return note && note.terminalId === store.credentials.get()?.terminalId ? note : undefined;
}

/**
 * The Glase API as the till uses it, noting every 29 to this till's TERMINALID (and dropping
 * the note when Glase answers such a call normally again: then it knows the till after all).
 */
export function watchUnknownTerminal(glase: GlaseApi, d: { store: Store; nowIso: () => string; onChange: () => void }): GlaseApi {
  const seen = (op: string, p: Principal, r: Result<object>) => {
    if (p.type !== 'TERMINALID' || p.terminalId !== d.store.credentials.get()?.terminalId) return;
    const had = d.store.settings.get<UnknownTerminalNote>(UNKNOWN_TERMINAL_KEY);
    if (!r.ok && r.code === UNKNOWN_INITIATOR) {
      if (had?.terminalId === p.terminalId) return; // the first answer is the one worth keeping
      d.store.settings.set(UNKNOWN_TERMINAL_KEY, { terminalId: p.terminalId, op, at: d.nowIso() } satisfies UnknownTerminalNote);
      d.onChange();
    } else if (had && r.ok) {
      d.store.settings.delete(UNKNOWN_TERMINAL_KEY);
      d.onChange();
    }
  };
  return new Proxy(glase, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const out = v.apply(target, args);
        const p = args[0] as Principal | undefined;
        if (!p || typeof p !== 'object' || !('type' in p) || !(out instanceof Promise)) return out;
        return out.then((r: Result<object>) => {
          seen(String(prop), p, r);
          return r;
        });
      };
    },
  });
}
