// The day-close machine (Z): closes this terminal's transaction period at Glase
// (markTransactionPeriod with TERMINALID), waits, reads STD_RECON_006 and STD_RECON_007 of
// every period to read, retrying REPORT_NOT_READY (2) with a growing wait up to a configured
// number of tries, then has the runtime reconcile, number and store the Z, and print it.
// Pure: every side effect is a named actor, every wait a named delay. Once a period id is in
// the context it is never marked again: a resumed close reads the same period.
import { assign, fromPromise, setup } from 'xstate';
import { notApplied, notProvided } from './glase-answers.js';
import type {
  DayCloseContext, DayCloseInput, MarkInput, MarkOutput, PrintInput, PrintOutput, ReadInput, ReadOutput, RecordInput, RecordOutput, CloseReport,
} from './day-close-types.js';

export const CLOSE_TEXT = {
  marking: 'Closing the transaction period at Glase…',
  waiting: "Waiting for Glase's reports…",
  reading: "Reading Glase's reports…",
  recording: 'Reconciling and numbering the Z report…',
  printing: 'Printing the Z report…',
  closed: 'The day is closed.',
  closedAttention: 'The day is closed; the Z report shows differences that need attention.',
  markRefused: (code: number, name?: string) => `Glase refused to close the transaction period (code ${code}${name ? ` ${name}` : ''}); check the reseller id, user and password`,
  markLost: 'Glase did not answer the close of the period; it may have closed it. Close the day again.',
  markNotSent: 'Glase cannot be reached; nothing was closed. Close the day again when Glase is back.',
  readRefused: (code: number, name?: string) => `Glase refused the report (code ${code}${name ? ` ${name}` : ''}); close the day again to read the same period`,
  readFault: (why: string) => `Glase's report could not be read: ${why}; close the day again to read the same period`,
  notReady: (limit: number) => `Glase's report was not ready after ${limit} tries; close the day again later to read the same period`,
  notYet: (attempt: number, limit: number) => `Glase's report is not ready yet (try ${attempt} of ${limit})`,
  resumed: 'Resumed an unfinished day close (same transaction period).',
  printFailed: 'The Z report could not be queued for printing; reprint it with report --z',
};

const reportOf = (i: number): CloseReport => (i % 2 === 0 ? 'summary' : 'details');
const periodOf = (c: DayCloseContext): string => c.periods[c.readIndex >> 1];

export function initialCloseContext(input: DayCloseInput): DayCloseContext {
  if (input.resume) {
    // the tries start again, and so does the wait: a resume is a new reading of the same period
    return { ...input.resume.context, attemptLimit: input.attemptLimit, waits: input.waits, attempt: 1, nextWaitMs: input.waits.retryMs, resumed: true, resumeAt: input.resume.at, notice: CLOSE_TEXT.resumed };
  }
  return {
    closeId: input.closeId,
    terminalId: input.terminalId,
    by: input.by,
    startedAt: input.startedAt,
    attemptLimit: input.attemptLimit,
    waits: input.waits,
    periods: [],
    reports: [],
    readIndex: 0,
    attempt: 1,
    nextWaitMs: input.waits.retryMs,
    message: CLOSE_TEXT.marking,
  };
}

/** Adds one report's rows to the period it belongs to. */
function withReport(c: DayCloseContext, out: Extract<ReadOutput, { ok: true }>): DayCloseContext['reports'] {
  const periodId = periodOf(c);
  const report = reportOf(c.readIndex);
  const reports = c.reports.filter((r) => r.periodId !== periodId);
  const old = c.reports.find((r) => r.periodId === periodId) ?? { periodId, summary: [], details: [] };
  return [...reports, report === 'summary' ? { ...old, summary: out.summary } : { ...old, details: out.details }];
}

export const dayCloseMachine = setup({
  types: {} as { context: DayCloseContext; input: DayCloseInput },
  actors: {
    markPeriod: fromPromise<MarkOutput, MarkInput>(notProvided('markPeriod')),
    readReport: fromPromise<ReadOutput, ReadInput>(notProvided('readReport')),
    recordClose: fromPromise<RecordOutput, RecordInput>(notProvided('recordClose')),
    printZ: fromPromise<PrintOutput, PrintInput>(notProvided('printZ')),
  },
  delays: {
    firstWait: ({ context }) => context.waits.firstMs,
    retryWait: ({ context }) => context.nextWaitMs,
  },
  guards: {
    allRead: ({ context }) => context.readIndex >= context.periods.length * 2,
  },
}).createMachine({
  id: 'dayClose',
  context: ({ input }) => initialCloseContext(input),
  initial: 'start',
  states: {
    start: {
      always: [
        { guard: ({ context }) => context.resumeAt === 'print' && context.zNumber !== undefined, target: 'printing' },
        { guard: ({ context }) => context.resumeAt === 'record' || (context.periodId !== undefined && context.readIndex >= context.periods.length * 2), target: 'recording' },
        { guard: ({ context }) => context.periodId !== undefined, target: 'reading' },
        { target: 'marking' },
      ],
    },
    marking: {
      entry: assign({ message: CLOSE_TEXT.marking }),
      invoke: {
        id: 'markPeriod',
        src: 'markPeriod',
        input: ({ context }) => ({ closeId: context.closeId, terminalId: context.terminalId }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'waiting',
            actions: assign(({ event }) => {
              const o = event.output as Extract<MarkOutput, { ok: true }>;
              return { periodId: o.periodId, markedAt: o.markedAt, periods: o.periods.includes(o.periodId) ? o.periods : [...o.periods, o.periodId], readIndex: 0, attempt: 1, resultCode: 0 };
            }),
          },
          {
            target: 'failed',
            actions: assign(({ event }) => {
              const o = event.output as Extract<MarkOutput, { ok: false }>;
              return { resultCode: o.code, message: CLOSE_TEXT.markRefused(o.code, o.name), failure: `markTransactionPeriod:${o.code}` };
            }),
          },
        ],
        onError: [
          { guard: ({ event }) => notApplied(event.error), target: 'failed', actions: assign({ message: CLOSE_TEXT.markNotSent, failure: 'markTransactionPeriod:not-sent' }) },
          // the period may be closed at Glase, under an id we never learned: say so, never guess
          { target: 'failed', actions: assign({ message: CLOSE_TEXT.markLost, failure: 'markTransactionPeriod:lost', markLost: true }) },
        ],
      },
    },
    waiting: {
      entry: assign({ message: CLOSE_TEXT.waiting }),
      after: { firstWait: 'reading' },
    },
    reading: {
      entry: assign(({ context }) => ({ message: context.attempt > 1 ? CLOSE_TEXT.notYet(context.attempt - 1, context.attemptLimit) : CLOSE_TEXT.reading })),
      invoke: {
        id: 'readReport',
        src: 'readReport',
        input: ({ context }) => ({ closeId: context.closeId, terminalId: context.terminalId, periodId: periodOf(context), report: reportOf(context.readIndex), attempt: context.attempt }),
        onDone: [
          {
            guard: ({ event }) => event.output.ok,
            target: 'nextReport',
            actions: assign(({ context, event }) => ({
              reports: withReport(context, event.output as Extract<ReadOutput, { ok: true }>),
              readIndex: context.readIndex + 1,
              attempt: 1,
              nextWaitMs: context.waits.retryMs,
            })),
          },
          {
            guard: ({ context, event }) => !event.output.ok && event.output.code === 2 && context.attempt < context.attemptLimit,
            target: 'backoff',
          },
          {
            guard: ({ event }) => !event.output.ok && event.output.code === 2,
            target: 'notReady',
            actions: assign(({ context }) => ({ resultCode: 2, message: CLOSE_TEXT.notReady(context.attemptLimit), failure: 'executeReport:not-ready' })),
          },
          {
            target: 'failed',
            actions: assign(({ event }) => {
              const o = event.output as Extract<ReadOutput, { ok: false }>;
              return { resultCode: o.code, message: CLOSE_TEXT.readRefused(o.code, o.name), failure: `executeReport:${o.code}` };
            }),
          },
        ],
        onError: {
          target: 'failed',
          actions: assign(({ event }) => ({ message: CLOSE_TEXT.readFault((event.error as { message?: string } | undefined)?.message ?? 'unknown fault'), failure: 'executeReport:fault' })),
        },
      },
    },
    backoff: {
      entry: assign(({ context }) => ({ message: CLOSE_TEXT.notYet(context.attempt, context.attemptLimit), resultCode: 2 })),
      after: {
        retryWait: {
          target: 'reading',
          actions: assign(({ context }) => ({ attempt: context.attempt + 1, nextWaitMs: Math.min(context.waits.maxMs, Math.round(context.nextWaitMs * context.waits.factor)) })),
        },
      },
    },
    nextReport: {
      always: [{ guard: 'allRead', target: 'recording' }, { target: 'reading' }],
    },
    recording: {
      entry: assign({ message: CLOSE_TEXT.recording }),
      invoke: {
        id: 'recordClose',
        src: 'recordClose',
        input: ({ context }) => ({ context }),
        onDone: {
          target: 'printing',
          actions: assign(({ event }) => ({ zNumber: event.output.zNumber, needsAttention: event.output.needsAttention, differences: event.output.differences })),
        },
        // the store refused the write (disk full …): the reports are kept; a resume records again
        onError: { target: 'failed', actions: assign(({ event }) => ({ message: `The Z report could not be stored: ${(event.error as Error)?.message ?? 'unknown'}; close the day again`, failure: 'record' })) },
      },
    },
    printing: {
      entry: assign({ message: CLOSE_TEXT.printing }),
      invoke: {
        id: 'printZ',
        src: 'printZ',
        input: ({ context }) => ({ closeId: context.closeId, zNumber: context.zNumber! }),
        onDone: { target: 'closed', actions: assign(({ event }) => ({ printJobId: event.output.jobId })) },
        onError: { target: 'closed', actions: assign({ notice: CLOSE_TEXT.printFailed }) },
      },
    },
    closed: { type: 'final', entry: assign(({ context }) => ({ message: context.needsAttention ? CLOSE_TEXT.closedAttention : CLOSE_TEXT.closed })) },
    notReady: { type: 'final' },
    failed: { type: 'final' },
  },
});

export type DayCloseMachine = typeof dayCloseMachine;

/** Where an unfinished close continues after a restart; undefined when it has nothing to resume. */
export function closeResumePoint(state: string, c: DayCloseContext): DayCloseContext['resumeAt'] | undefined {
  if (state === 'closed') return undefined;
  if (state === 'printing') return 'print';
  if (state === 'recording') return 'record';
  if (c.periodId !== undefined) return c.readIndex >= c.periods.length * 2 ? 'record' : 'read';
  // never got a period id (refused, not sent, reply lost, or crashed while marking): a new mark
  return 'mark';
}
