// The health gate after a switch: the till must reach READY, answer its local API and stay
// up (same MainPID, NRestarts unchanged) for a settle time. Glase reachability is not part of
// it: a Glase outage must not roll a good release back.
import { execFileSync } from 'node:child_process';

export interface UnitState {
  ActiveState: string;
  SubState: string;
  StatusText: string;
  MainPID: string;
  NRestarts: string;
}

export function unitState(unit = 'glase-pos.service'): UnitState {
  const out = execFileSync('systemctl', ['show', unit, '-p', 'ActiveState,SubState,StatusText,MainPID,NRestarts'], { encoding: 'utf8' });
  return Object.fromEntries(out.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])) as unknown as UnitState;
}

export const isReady = (s: UnitState) => s.SubState === 'running' && s.StatusText === 'till ready' && s.MainPID !== '0';

/** GET url with the bearer token; true on 200 */
export async function apiAnswers(url: string, token?: string): Promise<boolean> {
  try {
    const r = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(3000) });
    await r.body?.cancel();
    return r.status === 200;
  } catch {
    return false;
  }
}

/** is a payment in flight? undefined when the daemon does not answer (then none runs) */
export async function paymentInFlight(apiUrl: string, token?: string): Promise<boolean | undefined> {
  try {
    const r = await fetch(`${apiUrl}/api/payments/current`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(3000) });
    await r.body?.cancel();
    return r.status === 200;
  } catch {
    return undefined;
  }
}
