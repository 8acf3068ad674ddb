// The audit row of a set-up action, written in one place for every path: done, refused by
// Glase (with its code), refused here before Glase was asked, or Glase not reached. `by` is
// who asked (the admin screen's actor, the CLI, the scanner, the demo). Never a password.
import type { Store } from '../store/store.js';

export interface SetupOutcome {
  ok: boolean;
  /** Glase's result code when Glase answered */
  resultCode?: number;
  /** the cashier sentence; kept as the reason when Glase gave no code */
  message: string;
}

export function auditSetup(store: Pick<Store, 'audit'>, at: string, by: string, action: 'register' | 'enrol' | 'assign-glase-id' | 'unregister' | 'forget-registration', facts: string, r: SetupOutcome): void {
  const why = r.ok ? '' : r.resultCode !== undefined ? ` code=${r.resultCode}` : ` reason=${JSON.stringify(r.message)}`;
  store.audit.append(by, r.ok ? action : `${action}-refused`, `${facts}${why}`, at);
}
