// Path tests: xstate/graph walks the day-close machine with synthetic actor results and timers
// (one period to read, a limit of 3 tries), and invariants hold on every step of every path:
// markTransactionPeriod is started at most once and never once a period id is known, no more
// executeReport tries than the limit per report, closed only after the Z was recorded, and a
// resumed close never marks again.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { dayCloseMachine, initialCloseContext } from '../../machines/day-close.js';
import type { DayCloseInput } from '../../machines/day-close-types.js';

const t = suite('day close machine paths');
const P = '2026112911000000000000500';
const input: DayCloseInput = { closeId: 'c1', terminalId: 'term', by: 'admin', startedAt: 't0', attemptLimit: 3, waits: { firstMs: 3000, retryMs: 3000, factor: 1.5, maxMs: 10_000 } };

type Snap = ReturnType<typeof dayCloseMachine.transition>;
type Ev = { type: string; [k: string]: unknown };

function eventsFor(s: Snap): Ev[] {
  const evs: Ev[] = [];
  const kids = s.children as Record<string, unknown>;
  const done = (id: string, output: unknown) => evs.push({ type: `xstate.done.actor.${id}`, output });
  const error = (id: string, outcome: string) => evs.push({ type: `xstate.error.actor.${id}`, error: { outcome, message: 'x' } });
  if (kids.markPeriod) {
    done('markPeriod', { ok: true, periodId: P, markedAt: 't1', periods: [P] });
    done('markPeriod', { ok: false, code: 20 });
    error('markPeriod', 'unknown');
    error('markPeriod', 'not-applied');
  }
  if (kids.readReport) {
    done('readReport', { ok: true, summary: [], details: [] });
    done('readReport', { ok: false, code: 2 });
    done('readReport', { ok: false, code: 90 });
    error('readReport', 'unknown');
  }
  if (kids.recordClose) {
    done('recordClose', { zNumber: 1, needsAttention: false, differences: 0 });
    error('recordClose', 'db');
  }
  if (kids.printZ) {
    done('printZ', { jobId: 1 });
    error('printZ', 'db');
  }
  for (const node of s._nodes) for (const tr of node.after) evs.push({ type: tr.eventType });
  return evs;
}

const serializeState = (s: Snap) => JSON.stringify([s.value, s.status, s.context.periodId ?? null, s.context.readIndex, s.context.attempt, s.context.zNumber ?? null, Object.keys(s.children).sort()]);
const opts = { input, events: eventsFor, serializeState: serializeState as (s: unknown) => string, limit: 100_000 };

function checkPath(steps: Array<{ state: Snap; event: Ev }>, label: string, resumed = false): void {
  let marks = 0;
  let tries = 0;
  let recorded = steps[0]?.state.context.zNumber !== undefined;
  for (const [i, { state: s, event }] of steps.entries()) {
    const where = `${label} step ${i} (${event.type}) → ${JSON.stringify(s.value)}`;
    const prev = steps[i - 1]?.state;
    if (s.children.markPeriod && !prev?.children.markPeriod) {
      marks++;
      assert.is(prev?.context.periodId, undefined, `never marked once a period is known: ${where}`);
    }
    assert.ok(marks <= 1, `markTransactionPeriod at most once: ${where}`);
    if (resumed) assert.is(marks, 0, `a resumed close never marks again: ${where}`);
    if (event.type === 'xstate.done.actor.readReport') tries = (event.output as { ok: boolean }).ok ? 0 : tries + 1;
    assert.ok(tries <= s.context.attemptLimit, `no more tries than the limit: ${where}`);
    if (event.type === 'xstate.done.actor.recordClose') recorded = true;
    if (s.matches('closed')) assert.ok(recorded && s.context.zNumber === 1, `closed only with its Z: ${where}`);
    if (s.matches('notReady')) assert.is(s.context.attempt, s.context.attemptLimit, `not ready only after the last try: ${where}`);
  }
}

t('shortest paths to every reachable state keep the invariants', () => {
  const paths = getShortestPaths(dayCloseMachine, opts as never) as Array<{ steps: Array<{ state: Snap; event: Ev }>; state: Snap }>;
  const names = new Set(paths.map((p) => String(p.state.value)));
  for (const must of ['marking', 'waiting', 'reading', 'backoff', 'recording', 'printing', 'closed', 'notReady', 'failed']) assert.ok(names.has(must), `reachable: ${must}`);
  paths.forEach((p, i) => checkPath(p.steps, `shortest path ${i}`));
});

t('simple paths to every end keep the invariants', () => {
  let count = 0;
  for (const target of ['closed', 'notReady', 'failed']) {
    const paths = getSimplePaths(dayCloseMachine, { ...opts, toState: (s: Snap) => s.matches(target as never) } as never) as Array<{ steps: Array<{ state: Snap; event: Ev }> }>;
    assert.ok(paths.length > 0, `some path reaches ${target}`);
    paths.forEach((p, i) => checkPath(p.steps, `${target} path ${i}`));
    count += paths.length;
  }
  assert.ok(count > 10, `checked ${count} simple paths`);
});

t('a close resumed with its period never marks again', () => {
  const base = { ...initialCloseContext(input), periodId: P, markedAt: 't1', periods: [P] };
  for (const [at, context] of [['read', base], ['record', { ...base, readIndex: 2 }], ['print', { ...base, readIndex: 2, zNumber: 1 }]] as const) {
    const paths = getShortestPaths(dayCloseMachine, { ...opts, input: { ...input, resume: { at, context } } } as never) as Array<{ steps: Array<{ state: Snap; event: Ev }> }>;
    assert.ok(paths.length > 0);
    paths.forEach((p, i) => checkPath(p.steps, `resumed at ${at}, path ${i}`, true));
  }
});

t('the delays are the named waits', () => {
  assert.equal(Object.keys(dayCloseMachine.implementations.delays).sort(), ['firstWait', 'retryWait']);
});

t.run();
