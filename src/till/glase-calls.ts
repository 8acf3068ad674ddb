// How the till calls Glase: as itself (its TERMINALID principal from the stored credentials),
// and with each answer telling readiness whether Glase is reachable. Every actor file uses these.
import { terminalPrincipal } from '../glase/context.js';
import { GlaseTransportError } from '../glase/errors.js';
import type { Principal } from '../glase/types.js';
import type { Store } from '../store/store.js';

/** This till's TERMINALID principal; a till with no credentials fails not-applied (nothing was sent). */
export function tillPrincipal(store: Pick<Store, 'credentials'>, op: string): Principal {
  const c = store.credentials.get();
  if (!c) throw new GlaseTransportError('transport', op, 'not-applied', 'this till has no Glase credentials (not registered)');
  return terminalPrincipal(c.terminalId, c.terminalPassword);
}

/** Wraps Glase calls so each answer (or a transport failure, not a SOAP fault) tells the till whether Glase is reachable. */
export function reachabilityWatch(onReachability?: (reachable: boolean) => void) {
  return async <T>(p: Promise<T>): Promise<T> => {
    try {
      const v = await p;
      onReachability?.(true);
      return v;
    } catch (e) {
      if (e instanceof GlaseTransportError && e.kind !== 'soap-fault') onReachability?.(false);
      throw e;
    }
  };
}
