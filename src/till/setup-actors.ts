// The real side effects of terminal set-up. registerTerminal generates the terminal
// password and stores it with the terminalId only when Glase answered 0; the reseller
// password is used for that one call and dropped. The till audits each action (setup-audit.ts).
import { randomInt } from 'node:crypto';
import { fromPromise } from 'xstate';
import type { GlaseApi, Result } from '../glase/types.js';
import type { Store } from '../store/store.js';
import type { EnrolOutput, EnrolRequest, ForgetReason, RegisterRequest, RegisterTerminalOutput } from '../../machines/terminal-setup.js';
import { backofficeUrl, CODE_RULE, enrolAtBackoffice, isEnrolCode } from '../shipper/enrol-client.js';
import type { FetchLike } from '../shipper/backoffice-fetch.js';
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
  /** how the till reaches its back office (with backoffice.caFile when set) */
  backofficeFetch?: FetchLike;
  version?: string;
}

/** sentences of an enrolment that did not happen (srv.enrol.* in the catalogue) */
export const enrolRefused = (reason: string) => `the back office refused the enrolment: ${reason}`;
export const enrolNotReached = (reason: string) => `could not enrol: ${reason}`;

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
    // enrolment through the back office: it registers the till with the reseller credentials it
    // keeps; the till stores the terminalId, its own new terminal password and the till token
    enrolTerminal: fromPromise<EnrolOutput, EnrolRequest>(async ({ input }) => {
      const url = backofficeUrl(input.backofficeUrl);
      if (!url.ok) return { ok: false, message: enrolRefused(`backofficeUrl: ${url.rule}`) };
      if (!isEnrolCode(input.code)) return { ok: false, message: enrolRefused(`code: ${CODE_RULE}`) };
      const password = generateTerminalPassword();
      const r = await enrolAtBackoffice({ url: url.url, code: input.code, name: d.terminal.name, externalId: d.terminal.externalTerminalId, terminalPassword: password, version: d.version }, d.backofficeFetch);
      if (!r.ok) return { ok: false, message: r.reached ? enrolRefused(r.message) : enrolNotReached(r.message) };
      const at = d.nowIso();
      d.store.transaction(() => {
        d.store.settings.delete(UNKNOWN_TERMINAL_KEY);
        d.store.credentials.saveRegistration({ terminalId: r.terminalId, terminalPassword: password, externalTerminalId: d.terminal.externalTerminalId, registeredAt: at });
        d.store.backoffice.save({ url: url.url.origin, tillId: r.tillId, tillToken: r.tillToken, enrolledAt: at });
      });
      return { ok: true, terminalId: r.terminalId };
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
