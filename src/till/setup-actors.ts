// The real side effects of terminal set-up. registerTerminal generates the terminal
// password and stores it with the terminalId only when Glase answered 0; the reseller
// password is used for that one call and dropped. The till audits each action (setup-audit.ts).
import { randomInt } from 'node:crypto';
import { fromPromise } from 'xstate';
import type { GlaseApi, Result } from '../glase/types.js';
import type { Store } from '../store/store.js';
import type { ForgetReason, RegisterRequest, RegisterTerminalOutput } from '../../machines/terminal-setup.js';
import { UNKNOWN_TERMINAL_KEY } from './unknown-terminal.js';
import { tillPrincipal } from './glase-calls.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** At least 15 random letters and digits (we use 24: ~143 bits). */
export function generateTerminalPassword(length = 24): string {
  if (length < 15) throw new RangeError('a terminal password has at least 15 characters');
  let s = '';
  for (let i = 0; i < length; i++) s += ALNUM[randomInt(ALNUM.length)];
  return s;
}

export interface SetupActorDeps {
  store: Store;
  glase: GlaseApi;
  nowIso: () => string;
  terminal: { externalTerminalId: string; name: string };
}

export function setupActors(d: SetupActorDeps) {
  return {
    registerTerminal: fromPromise<RegisterTerminalOutput, RegisterRequest>(async ({ input }) => {
      const password = generateTerminalPassword();
      const r = await d.glase.registerTerminal(
        { type: 'RESELLERUSER', resellerId: input.resellerId, userId: input.userId, password: input.password },
        { externalTerminalId: d.terminal.externalTerminalId, password, name: d.terminal.name },
      );
      if (r.ok) {
        d.store.transaction(() => {
          d.store.settings.delete(UNKNOWN_TERMINAL_KEY); // about the registration before this one
          d.store.credentials.saveRegistration({ terminalId: r.terminalId, terminalPassword: password, externalTerminalId: d.terminal.externalTerminalId, registeredAt: d.nowIso() });
        });
      }
      return r;
    }),
    assignSeqrId: fromPromise<Result, { glaseId: string }>(async ({ input }) => {
      const r = await d.glase.assignSeqrId(tillPrincipal(d.store, 'assignSeqrId'), input.glaseId);
      if (r.ok) d.store.credentials.saveGlaseId(input.glaseId, d.nowIso());
      return r;
    }),
    unregisterTerminal: fromPromise<Result, void>(async () => {
      return d.glase.unregisterTerminal(tillPrincipal(d.store, 'unregisterTerminal'));
    }),
    // after Glase unregistered the till, or because Glase no longer knows it (29): the same local step
    forgetCredentials: fromPromise<void, { reason: ForgetReason }>(async () =>
      d.store.transaction(() => {
        d.store.credentials.clear();
        d.store.settings.delete(UNKNOWN_TERMINAL_KEY);
      }),
    ),
  };
}
